import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { FIXTURES, listFiles, ROOT } from "../support/fixtures.js";

// The installed command keeps V8's code cache of TypeScript, ts-morph and prettier in the tool's
// own .code-cache folder: the output is the same with it, without it, and from it, and nothing of
// it lands in the user's project.

const WSDL = "ryanbrainard-account-2012.wsdl";
const BIN = join(ROOT, "bin", "wsdl-to-ts.js");

/** Generates into a fresh project's `out` with the installed bin; returns the project and its files. */
async function generateWithBin(env: Record<string, string>): Promise<{ dir: string; files: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-code-cache-cli-"));
  cpSync(join(FIXTURES, "wsdl", WSDL), join(dir, "account.wsdl"));
  await promisify(execFile)(process.execPath, [BIN, "account.wsdl", "--out", "out"], {
    cwd: dir,
    env: { ...process.env, ...env },
  });
  const files = Object.fromEntries(listFiles(dir).map((file) => [file, readFileSync(join(dir, file), "utf8")]));
  return { dir, files };
}

describe("the CLI's code cache", () => {
  it("gives the same package with the cache off, on, and loaded from it, and keeps it in the tool's folder only", async () => {
    const off = await generateWithBin({ WSDL_TO_TS_CODE_CACHE: "off" });
    const first = await generateWithBin({});
    const second = await generateWithBin({});
    assert.deepEqual(first.files, off.files);
    assert.deepEqual(second.files, off.files);
    for (const run of [off, first, second]) {
      assert.deepEqual(
        Object.keys(run.files).filter((file) => !file.startsWith("out/")),
        ["account.wsdl"],
      );
      assert.deepEqual(
        Object.keys(run.files).filter((file) => file.endsWith(".v8")),
        [],
      );
    }
    const entries = readdirSync(join(ROOT, ".code-cache")).map((entry) => entry.replace(/-[0-9a-f]{12}\.v8$/, ""));
    for (const bundle of ["typescript.js", "ts-morph.js", "standalone.js", "estree.js", "babel.js"])
      assert.ok(entries.includes(bundle), `${bundle} in ${entries.join(", ")}`);
  });
});
