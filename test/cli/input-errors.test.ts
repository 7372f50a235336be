import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { fixture } from "../support/fixtures.js";

// Inputs that cannot be read are one line each, saying what is wrong in the user's words.

describe("a WSDL argument that cannot be read", () => {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-input-errors-"));
  mkdirSync(join(dir, "salesforce"));

  it("a folder: says it is one", async () => {
    assert.deepEqual(await runCli(dir, "salesforce", "--out", "out"), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: cannot read salesforce: it is a folder, not a file\n",
    });
  });

  it("a misspelt command (taken as a WSDL of the default command): names the command", async () => {
    for (const [typo, command] of [["genrate", "generate"], ["smaple", "sample"], ["sendd", "send"]] as const) {
      assert.deepEqual(await runCli(dir, typo, "x.wsdl", "--out", "out"), {
        code: 2,
        stdout: "",
        stderr: `wsdl-to-ts: cannot read ${typo}: no such file (did you mean the command ${command}?)\n`,
      });
    }
    assert.deepEqual(await runCli(dir, "opportunity", "--out", "out"), { code: 2, stdout: "", stderr: "wsdl-to-ts: cannot read opportunity: no such file\n" });
    // A command's own WSDL argument is a file name, never a command: no hint there.
    assert.deepEqual(await runCli(dir, "sample", "sendd"), { code: 2, stdout: "", stderr: "wsdl-to-ts: cannot read sendd: no such file\n" });
  });
});

describe("a WSDL that is not UTF-8", () => {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-input-encoding-"));
  const wsdl = fixture("wsdl/aldoforce-opportunity.wsdl");

  it("UTF-16 (Notepad's \"Unicode\"): says so, instead of a malformed-XML error at 1:1", async () => {
    writeFileSync(join(dir, "utf16.wsdl"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(wsdl, "utf16le")]));
    assert.deepEqual(await runCli(dir, "utf16.wsdl", "--out", "out"), {
      code: 2,
      stdout: "",
      stderr: "utf16.wsdl:1:1: error INPUT_NOT_UTF8: the file is UTF-16; save it as UTF-8 (as Salesforce's WSDL download is)\n",
    });
  });

  it("a Latin-1 byte: refused at its place, not replaced by U+FFFD in the generated package", async () => {
    const latin1 = wsdl.replace("<!-- Our simple ID Type -->", "<!-- Our simple ID Type, d\u00e9j\u00e0 -->");
    writeFileSync(join(dir, "latin1.wsdl"), Buffer.from(latin1, "latin1"));
    const line = latin1.slice(0, latin1.indexOf("\u00e9")).split("\n").length;
    assert.deepEqual(await runCli(dir, "latin1.wsdl", "--out", "out"), {
      code: 2,
      stdout: "",
      stderr: `latin1.wsdl:${line}:39: error INPUT_NOT_UTF8: the file is not UTF-8: save it as UTF-8\n`,
    });
    assert.equal(existsSync(join(dir, "out")), false);
  });
});
