import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// Memory proportional to the largest single construct, not to the body or its line count
// (issue 8, item 5): each body is read in a child process whose heap is smaller than the body
// (bytes live outside the heap). Before the fix, 10 MB of line breaks cost about 300 MB.

const PROBE = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));
const BODY_MB = 24;

function probe(construct: string, heapMb: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--import", "tsx", PROBE, construct, String(BODY_MB)], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr: stderr.slice(-400) }));
  });
}

describe(`a ${BODY_MB} MB body read as bytes, as one array and as 64 kB chunks`, () => {
  const small = [
    "elements on LF lines",
    "elements on CRLF lines",
    "elements on CR lines",
    "comments on lines",
    "CDATA on lines",
    "processing instructions on lines",
    "comments in a field",
  ];
  for (const construct of small) {
    it(`${construct}: fits in a 16 MB heap`, async () => {
      const { code, stderr } = await probe(construct, 16);
      assert.equal(code, 0, stderr);
    });
  }

  it(`CRLF in a field (one ${BODY_MB} MB text): fits in a heap of about three times the text`, async () => {
    const { code, stderr } = await probe("CRLF in a field", BODY_MB * 3);
    assert.equal(code, 0, stderr);
  });
});
