import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generate, OptionError } from "../../src/index.js";
import { GENERATE_OPTION_KEYS, GENERATE_OPTIONS, helpOf } from "../../src/options.js";
import { runCli } from "../support/cli.js";
import { FIXTURES, ROOT } from "../support/fixtures.js";

// One declaration per option (src/options.ts) drives the CLI's flags and help, the config file's
// keys and generate()'s validation and defaults.

const WSDL = readFileSync(join(FIXTURES, "wsdl", "haouairen-lead.wsdl"), "utf8");

async function help(): Promise<string> {
  const { stdout } = await runCli(ROOT, "--help");
  return stdout.replace(/\s+/g, " ");
}

describe("the option table", () => {
  it("every option of generate() has a flag with its help text, choices and default in --help", async () => {
    const text = await help();
    assert.ok(text.includes("--datetime <mode> xsd:dateTime as a Date or as the ISO string: date or string (default: date)"), text);
    assert.ok(text.includes("--package-name <name> npm name of the package (default: derived from the object)"), text);
    for (const key of GENERATE_OPTION_KEYS) {
      const spec = GENERATE_OPTIONS[key];
      assert.ok(text.includes(`${spec.flag} ${helpOf(spec)}`), `${spec.flag} ${helpOf(spec)}`);
    }
  });

  it("generate() applies the table's defaults", async () => {
    const inputs = [{ name: "lead.wsdl", text: WSDL }];
    const implicit = await generate({ inputs });
    const explicit = await generate({
      inputs,
      options: { dateTime: GENERATE_OPTIONS.dateTime.default, packageVersion: GENERATE_OPTIONS.packageVersion.default },
    });
    assert.deepEqual(implicit, explicit);
    const manifest = JSON.parse(implicit.files.find((file) => file.path === "package.json")?.content ?? "") as { version: string };
    assert.equal(manifest.version, "0.0.0");
    assert.notDeepEqual((await generate({ inputs, options: { dateTime: "string" } })).files, implicit.files);
  });

  const refused: [string, Parameters<typeof generate>[0], string][] = [
    ["a package name npm refuses", { inputs: [{ name: "a.wsdl", text: WSDL }], options: { packageName: "Has Spaces" } }, 'generate: options.packageName must be a valid npm package name (lower case, optionally @scope/name), got "Has Spaces"'],
    ["a version that is not semver", { inputs: [{ name: "a.wsdl", text: WSDL }], options: { packageVersion: "1.0" } }, 'generate: options.packageVersion must be a semantic version such as 1.0.0, got "1.0"'],
    ["an unknown dateTime mode", { inputs: [{ name: "a.wsdl", text: WSDL }], options: { dateTime: "epoch" as "date" } }, 'generate: options.dateTime must be one of "date", "string", got "epoch"'],
    ["an unknown option", { inputs: [{ name: "a.wsdl", text: WSDL }], options: { datetime: "string" } as never }, 'generate: unknown option "datetime"; allowed: dateTime, packageName, packageVersion'],
    ["a module name that is no identifier", { inputs: [{ name: "a.wsdl", text: WSDL, moduleName: "won-deals" }] }, 'generate: inputs[0].moduleName: "won-deals" cannot name an outbound message: use a TypeScript identifier such as won_deals'],
  ];
  for (const [name, request, message] of refused) {
    it(`generate() refuses ${name} with an OptionError (a TypeError) naming the option`, async () => {
      await assert.rejects(generate(request), (error: unknown) => {
        assert.ok(error instanceof OptionError && error instanceof TypeError);
        assert.equal(error.message, message);
        return true;
      });
    });
  }
});
