import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";

// Remembered dedupe keys are flat copies: a key built from slices of the message text would keep
// the whole text alive (V8 sliced and cons strings hold their parent), ~20 KB per key here.
// Measured in a child process with --expose-gc, so that the heap figures are its own.

const CHILD = join(import.meta.dirname, "children", "remembered-keys-heap.ts");
const BOUND = 2048; // bytes per key: the key, its Map entry and its record, with room to spare

async function bytesPerKey(mode: "real" | "sliced"): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", CHILD, mode, "10000"], {
    cwd: join(import.meta.dirname, "..", ".."),
  });
  const result = JSON.parse(stdout) as { mode: string; count: number; bytesPerKey: number };
  assert.equal(result.count, 10_000);
  return result.bytesPerKey;
}

describe("memory dedupe store", () => {
  it("10,000 keys cut from 20 KB message texts do not retain the texts", async () => {
    const perKey = await bytesPerKey("sliced");
    assert.ok(perKey < BOUND, `${perKey} bytes per remembered key`);
  });

  it("10,000 keys from real deliveries read as bytes do not retain the bodies", async () => {
    const perKey = await bytesPerKey("real");
    assert.ok(perKey < BOUND, `${perKey} bytes per remembered key`);
  });
});
