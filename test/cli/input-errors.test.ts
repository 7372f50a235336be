import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.js";

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
  });
});
