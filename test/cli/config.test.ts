import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli as run } from "../support/cli.js";
import { FIXTURES, listFiles } from "../support/fixtures.js";

// wsdl-to-ts.config.json (or package.json's "wsdl-to-ts" key) for CI: inputs, out dir and options,
// validated with errors that name the option; flags override it.

/** A project with two WSDLs under salesforce/ and the given config. */
function project(config: unknown, file = "wsdl-to-ts.config.json"): string {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-config-"));
  mkdirSync(join(dir, "salesforce"));
  cpSync(join(FIXTURES, "wsdl", "raolkn-contact.wsdl"), join(dir, "salesforce", "contact.wsdl"));
  cpSync(join(FIXTURES, "wsdl", "aldoforce-opportunity.wsdl"), join(dir, "salesforce", "opportunity.wsdl"));
  writeFileSync(join(dir, file), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

function manifest(dir: string, out: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, out, "package.json"), "utf8")) as Record<string, unknown>;
}

describe("config file", () => {
  it("`wsdl-to-ts` with no arguments generates what the config lists", async () => {
    const dir = project({
      inputs: ["salesforce/contact.wsdl", { wsdl: "salesforce/opportunity.wsdl", name: "WonOpportunity" }],
      out: "generated/salesforce",
      datetime: "string",
      packageName: "@acme/salesforce",
      packageVersion: "3.1.0",
    });
    const result = await run(dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /^wrote \d+ files to generated\/salesforce \(0 unchanged\)\n$/);
    const files = listFiles(join(dir, "generated", "salesforce"));
    assert.ok(files.includes("src/Contact/types.ts") && files.includes("src/WonOpportunity/types.ts") && files.includes("src/router.ts"));
    assert.deepEqual([manifest(dir, "generated/salesforce")["name"], manifest(dir, "generated/salesforce")["version"]], ["@acme/salesforce", "3.1.0"]);
    assert.match(readFileSync(join(dir, "generated", "salesforce", "src", "Contact", "parser.ts"), "utf8"), /readString/);
    assert.doesNotMatch(readFileSync(join(dir, "generated", "salesforce", "src", "WonOpportunity", "types.ts"), "utf8"), /Date/);
  });

  it("paths in the config are relative to the config file, wherever the command runs", async () => {
    const dir = project({}, "unused.json");
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config", "wsdl.json"), JSON.stringify({ inputs: ["../salesforce/contact.wsdl"], out: "../out" }));
    const result = await run(join(dir, "salesforce"), "--config", "../config/wsdl.json");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, `wrote ${listFiles(join(dir, "out")).length} files to ../out (0 unchanged)\n`);
    assert.ok(listFiles(join(dir, "out")).includes("src/types.ts"));
  });

  it("the \"wsdl-to-ts\" key of package.json works the same", async () => {
    const dir = project({ name: "app", private: true, "wsdl-to-ts": { inputs: ["salesforce/contact.wsdl"], out: "gen" } }, "package.json");
    const result = await run(dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(manifest(dir, "gen")["name"], "contact-outbound-message");
  });

  it("flags override the config: WSDL arguments, --out, --datetime, --package-name, --package-version, --name", async () => {
    const dir = project({ inputs: ["salesforce/contact.wsdl"], out: "from-config", datetime: "string", packageName: "from-config" });
    const result = await run(
      dir,
      "salesforce/opportunity.wsdl",
      "--out",
      "from-flags",
      "--datetime",
      "date",
      "--package-name",
      "from-flags",
      "--package-version",
      "9.9.9",
      "--name",
      "Deal",
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([manifest(dir, "from-flags")["name"], manifest(dir, "from-flags")["version"]], ["from-flags", "9.9.9"]);
    assert.match(readFileSync(join(dir, "from-flags", "src", "types.ts"), "utf8"), /export interface Deal extends SObjectBase/);
    assert.throws(() => listFiles(join(dir, "from-config")), { code: "ENOENT" });
  });

  const invalid: [string, unknown, string][] = [
    ["not an object", ["a.wsdl"], "wsdl-to-ts.config.json: the configuration must be a JSON object"],
    ["an unknown option", { inputs: ["a.wsdl"], outDir: "x" }, 'wsdl-to-ts.config.json: unknown option "outDir"; allowed: inputs, out, datetime, packageName, packageVersion'],
    ["empty inputs", { inputs: [] }, 'wsdl-to-ts.config.json: "inputs" must be a non-empty list of WSDL paths or { "wsdl": path, "name": name } objects'],
    ["an input of the wrong type", { inputs: ["a.wsdl", 42] }, 'wsdl-to-ts.config.json: "inputs[1]" must be a WSDL path or { "wsdl": path, "name": name }, got 42'],
    ["an input without wsdl", { inputs: [{ name: "A" }] }, 'wsdl-to-ts.config.json: "inputs[0].wsdl" must be a non-empty string, got undefined'],
    ["an unknown input key", { inputs: [{ wsdl: "a.wsdl", file: "b" }] }, 'wsdl-to-ts.config.json: unknown option "inputs[0].file"; allowed: wsdl, name'],
    ["an input name that is no identifier", { inputs: [{ wsdl: "a.wsdl", name: "won-deals" }] }, 'wsdl-to-ts.config.json: "inputs[0].name": "won-deals" cannot name an outbound message: use a TypeScript identifier such as won_deals'],
    ["out not a string", { out: 3 }, 'wsdl-to-ts.config.json: "out" must be a non-empty string, got 3'],
    ["datetime", { datetime: "epoch" }, 'wsdl-to-ts.config.json: "datetime" must be one of "date", "string", got "epoch"'],
    ["packageName", { packageName: "Has Spaces" }, 'wsdl-to-ts.config.json: "packageName" must be a valid npm package name (lower case, optionally @scope/name), got "Has Spaces"'],
    ["packageVersion", { packageVersion: "1.0" }, 'wsdl-to-ts.config.json: "packageVersion" must be a semantic version such as 1.0.0, got "1.0"'],
  ];
  for (const [name, config, message] of invalid) {
    it(`invalid config: ${name}`, async () => {
      const result = await run(project(config));
      assert.equal(result.code, 2);
      assert.equal(result.stdout, "");
      assert.equal(result.stderr, `wsdl-to-ts: ${message}\n`);
    });
  }

  // JSON.parse says "at position 2", or nothing, depending on the mistake and the Node version.
  const broken: [string, string, string][] = [
    ["an unquoted key", "{ inputs: [", '1:3: error CONFIG_INVALID_JSON: expected a property name in double quotes, found "i"'],
    ["a trailing comma, on line 3", '{\n  "inputs": ["a.wsdl"],\n  "out": "gen",\n}\n', '4:1: error CONFIG_INVALID_JSON: expected a property name in double quotes, found "}"'],
    ["a missing comma", '{\r\n  "inputs": ["a.wsdl"]\r\n  "out": "gen"\r\n}', '3:3: error CONFIG_INVALID_JSON: expected \',\' or \'}\' after a property value, found "\\""'],
    ["a bare word", '{ "out": gen }', '1:10: error CONFIG_INVALID_JSON: expected a value (an object, array, string, number, true, false or null), found "g"'],
    ["the end of the file", '{ "inputs": ["a.wsdl"', "1:22: error CONFIG_INVALID_JSON: expected ',' or ']' after an array element, found the end of the file"],
    ["an unterminated string", '{ "out": "gen', "1:14: error CONFIG_INVALID_JSON: unterminated string, found the end of the file"],
    ["text after the value", '{ "out": "gen" } x', '1:18: error CONFIG_INVALID_JSON: unexpected text after the JSON value, found "x"'],
    ["an empty file", "", "1:1: error CONFIG_INVALID_JSON: expected a value (an object, array, string, number, true, false or null), found the end of the file"],
  ];
  for (const [name, text, message] of broken) {
    it(`broken config JSON is reported at line and column: ${name}`, async () => {
      assert.deepEqual(await run(project(text)), { code: 2, stdout: "", stderr: `wsdl-to-ts.config.json:${message}\n` });
    });
  }

  it("broken JSON in package.json is reported at its line and column", async () => {
    const dir = project('{\n  "name": "app",\n  "wsdl-to-ts": { "out": "gen", }\n}\n', "package.json");
    assert.deepEqual(await run(dir), {
      code: 2,
      stdout: "",
      stderr: 'package.json:3:33: error CONFIG_INVALID_JSON: expected a property name in double quotes, found "}"\n',
    });
  });

  it("invalid flags are usage errors too", async () => {
    const dir = project({ inputs: ["salesforce/contact.wsdl"], out: "out" });
    // The same rule and wording as in the config file, naming the flag instead of the key.
    assert.equal(
      (await run(dir, "--package-name", "UPPER")).stderr,
      'wsdl-to-ts: --package-name must be a valid npm package name (lower case, optionally @scope/name), got "UPPER"\n',
    );
    assert.equal((await run(dir, "--package-version", "v1")).stderr, 'wsdl-to-ts: --package-version must be a semantic version such as 1.0.0, got "v1"\n');
    assert.equal((await run(dir, "--datetime", "epoch")).stderr, 'wsdl-to-ts: --datetime must be one of "date", "string", got "epoch"\n');
    assert.equal((await run(dir, "--out", "")).stderr, 'wsdl-to-ts: --out must be a non-empty string, got ""\n');
    assert.equal(
      (await run(dir, "--name", "A", "--name", "B")).stderr,
      "wsdl-to-ts: --name was given 2 times for 1 WSDL: give one --name per WSDL, in the same order\n",
    );
    assert.equal(
      (await run(dir, "--name", "my-name")).stderr,
      'wsdl-to-ts: --name: "my-name" cannot name an outbound message: use a TypeScript identifier such as my_name\n',
    );
    assert.equal(
      (await run(dir, "--name", "Runtime")).stderr,
      'wsdl-to-ts: --name: "Runtime" cannot name an outbound message: the package uses that name itself\n',
    );
    assert.equal((await run(dir, "--config", "nope.json")).stderr, "wsdl-to-ts: cannot read nope.json: no such file\n");
  });

  it("a WSDL argument without --out is a usage error: the config's \"out\" goes only with its \"inputs\"", async () => {
    const dir = project({ inputs: ["salesforce/contact.wsdl"], out: "generated/contact" });
    assert.deepEqual(await run(dir, "salesforce/opportunity.wsdl"), {
      code: 2,
      stdout: "",
      stderr: 'wsdl-to-ts: missing --out <dir>: WSDLs given as arguments need --out; "out" of wsdl-to-ts.config.json goes only with its "inputs"\n',
    });
    const fromPackageJson = project({ name: "app", "wsdl-to-ts": { inputs: ["salesforce/contact.wsdl"], out: "gen" } }, "package.json");
    assert.equal(
      (await run(fromPackageJson, "salesforce/opportunity.wsdl", "--check")).stderr,
      'wsdl-to-ts: missing --out <dir>: WSDLs given as arguments need --out; "out" of package.json "wsdl-to-ts" goes only with its "inputs"\n',
    );
    assert.throws(() => listFiles(join(dir, "generated")), { code: "ENOENT" });
    assert.throws(() => listFiles(join(fromPackageJson, "gen")), { code: "ENOENT" });
  });

  it("two WSDLs of the same object without names get names from their files", async () => {
    const dir = project({ inputs: ["salesforce/opportunity.wsdl", "salesforce/won-deals.wsdl"], out: "out" });
    cpSync(join(FIXTURES, "wsdl", "mulesoft-opportunity-reformatted.wsdl"), join(dir, "salesforce", "won-deals.wsdl"));
    const result = await run(dir);
    assert.equal(result.code, 0, result.stderr);
    const modules = listFiles(join(dir, "out")).filter((file) => /^src\/[^/]+\/types\.ts$/.test(file) && !file.startsWith("src/runtime/"));
    assert.deepEqual(modules, ["src/Opportunity/types.ts", "src/WonDeals/types.ts"]);
  });

  it("names that still collide are an error naming both files", async () => {
    const dir = project({ inputs: ["salesforce/opportunity.wsdl", "other/opportunity.wsdl"], out: "out" });
    mkdirSync(join(dir, "other"));
    cpSync(join(FIXTURES, "wsdl", "mulesoft-opportunity-reformatted.wsdl"), join(dir, "other", "opportunity.wsdl"));
    const result = await run(dir);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      // Line 42 declares the sObject type Opportunity, which made both be named after their files.
      'other/opportunity.wsdl:42:4: error WSDL_NAME_COLLISION: this outbound message would be named "Opportunity", like the one of salesforce/opportunity.wsdl; give one of them another name (--name)\n',
    );
  });

  const pretty = (config: unknown): string => `${JSON.stringify(config, null, 2)}\n`;

  it("a name from the config that the generated code uses itself is reported at that entry", async () => {
    const dir = project(pretty({ inputs: ["salesforce/contact.wsdl", { wsdl: "salesforce/opportunity.wsdl", name: "FaultCode" }], out: "out" }));
    assert.deepEqual(await run(dir), {
      code: 2,
      stdout: "",
      stderr:
        'wsdl-to-ts.config.json:6:15: error WSDL_NAME_COLLISION: "FaultCode" cannot name an outbound message: the generated code uses that name itself ' +
        "(src/response.ts: re-exported from ./runtime/soap.js); give another --name\n",
    });
  });

  it("config names that differ only in case are reported at the second, also in package.json", async () => {
    const inputs = [
      { wsdl: "salesforce/contact.wsdl", name: "Deal" },
      { wsdl: "salesforce/opportunity.wsdl", name: "DEAL" },
    ];
    const clash =
      'error WSDL_NAME_COLLISION: this outbound message would be named "DEAL" and the one of salesforce/contact.wsdl "Deal", ' +
      "names that differ only in case (they become folders); give one of them another name (--name)\n";
    assert.deepEqual(await run(project(pretty({ inputs, out: "out" }))), { code: 2, stdout: "", stderr: `wsdl-to-ts.config.json:9:15: ${clash}` });
    const inPackageJson = project(pretty({ name: "app", "wsdl-to-ts": { inputs, out: "out" } }), "package.json");
    assert.deepEqual(await run(inPackageJson), { code: 2, stdout: "", stderr: `package.json:11:17: ${clash}` });
  });

  it("a --name that replaces the config's name is reported at the sObject type it names", async () => {
    const dir = project(pretty({ inputs: [{ wsdl: "salesforce/opportunity.wsdl", name: "Won" }], out: "out" }));
    // Line 48 of the WSDL: `            <complexType name="Opportunity">`.
    assert.deepEqual(await run(dir, "--name", "Route"), {
      code: 2,
      stdout: "",
      stderr:
        'salesforce/opportunity.wsdl:48:13: error WSDL_NAME_COLLISION: "Route" cannot name an outbound message: the generated code uses that name itself ' +
        "(src/router.ts: imported from ./runtime/router.js); give another --name\n",
    });
  });
});
