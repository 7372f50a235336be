import assert from "node:assert/strict";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { fixture, listFiles } from "../support/fixtures.js";

// What the file system puts in the way of --out is reported as one line with exit 2, never as an
// internal error with a stack: a file where a folder goes, a folder where a file goes, a refused
// write or read.

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-out-obstacles-"));
  writeFileSync(join(dir, "opportunity.wsdl"), fixture("wsdl/aldoforce-opportunity.wsdl"));
  return dir;
}

describe("--out with something in the way", () => {
  it("a file among the folders above --out: OUT_NOT_A_FOLDER, nothing created", async () => {
    const dir = project();
    writeFileSync(join(dir, "dist"), "mine\n");
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", "dist/pkg"), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: error OUT_NOT_A_FOLDER: --out dist/pkg cannot be created: dist is a file, not a folder; nothing was written\n",
    });
    assert.deepEqual(listFiles(dir), ["dist", "opportunity.wsdl"]);
  });

  it("with --force, a user's file where a generated folder goes is refused like a file it would overwrite", async () => {
    const dir = project();
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "src"), "mine\n");
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", "out", "--force"), {
      code: 2,
      stdout: "",
      stderr:
        "wsdl-to-ts: error OUT_FILE_NOT_GENERATED: --out out: wsdl-to-ts would overwrite a file it did not generate (no generated header): src. " +
        "Nothing was written. Move it away or give another folder\n",
    });
    assert.deepEqual(listFiles(join(dir, "out")), ["src"]);
  });

  it("a folder where a generated file goes is refused, and --check says so too", async () => {
    const dir = project();
    assert.equal((await runCli(dir, "opportunity.wsdl", "--out", "out")).code, 0);
    rmSync(join(dir, "out", "src", "types.ts"));
    mkdirSync(join(dir, "out", "src", "types.ts"));
    writeFileSync(join(dir, "out", "src", "types.ts", "notes.md"), "mine\n");
    const expected = {
      code: 2,
      stdout: "",
      stderr:
        "wsdl-to-ts: error OUT_FILE_NOT_GENERATED: --out out: wsdl-to-ts would overwrite a file it did not generate (no generated header): src/types.ts/. " +
        "Nothing was written. Move it away or give another folder\n",
    };
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", "out"), expected);
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", "out", "--check"), expected);
    assert.ok(existsSync(join(dir, "out", "src", "types.ts", "notes.md")));
  });

  it("a link to nothing among the generated files is the user's: left alone, as --check and a rerun say", async () => {
    const dir = project();
    assert.equal((await runCli(dir, "opportunity.wsdl", "--out", "out")).code, 0);
    symlinkSync(join(dir, "nowhere.ts"), join(dir, "out", "src", "dangling.ts"));
    symlinkSync(join(dir, "nowhere"), join(dir, "out", "notes"));
    const check = await runCli(dir, "opportunity.wsdl", "--out", "out", "--check");
    assert.deepEqual([check.code, check.stdout], [0, ""]);
    assert.match(check.stderr, /^out is up to date \([0-9]+ files\)\n$/);
    const rerun = await runCli(dir, "opportunity.wsdl", "--out", "out");
    assert.deepEqual([rerun.code, rerun.stdout], [0, ""]);
    assert.match(rerun.stderr, /^wrote 0 files to out \([0-9]+ unchanged\)\n$/);
    assert.ok(lstatSync(join(dir, "out", "src", "dangling.ts")).isSymbolicLink());
    assert.ok(lstatSync(join(dir, "out", "notes")).isSymbolicLink());
  });

  it("a link to nothing where a generated file goes is refused: writing through it would create a file outside --out", async () => {
    const dir = project();
    assert.equal((await runCli(dir, "opportunity.wsdl", "--out", "out")).code, 0);
    rmSync(join(dir, "out", "README.md"));
    symlinkSync(join(dir, "elsewhere.md"), join(dir, "out", "README.md"));
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", "out"), {
      code: 2,
      stdout: "",
      stderr:
        "wsdl-to-ts: error OUT_FILE_NOT_GENERATED: --out out: wsdl-to-ts would overwrite a file it did not generate (no generated header): README.md. " +
        "Nothing was written. Move it away or give another folder\n",
    });
    assert.equal(existsSync(join(dir, "elsewhere.md")), false);
  });

  it("a name the file system refuses to read: OUT_READ_FAILED", async () => {
    const dir = project();
    const long = "a".repeat(300);
    assert.deepEqual(await runCli(dir, "opportunity.wsdl", "--out", long), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: error OUT_READ_FAILED: cannot read README.md in the --out folder (ENAMETOOLONG); nothing was written\n",
    });
  });

  it("a folder the file system refuses to create (sysfs): OUT_WRITE_FAILED, with what was done", { skip: !existsSync("/sys/kernel") }, async () => {
    const dir = project();
    const result = await runCli(dir, "opportunity.wsdl", "--out", "/sys/wsdl-to-ts-test");
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^wsdl-to-ts: error OUT_WRITE_FAILED: --out \/sys\/wsdl-to-ts-test: cannot write README\.md \((EPERM|EACCES|EROFS)\); 0 of [0-9]+ changes were made before\. Fix it and run again\n$/,
    );
  });
});
