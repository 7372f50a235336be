import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { runCli, type CliRun } from "../support/cli.js";
import { corpusWsdls, fixture, ROOT } from "../support/fixtures.js";
import { writeMessageSchema } from "../support/wsdl-schemas.js";

// `wsdl-to-ts sample` prints a message that is valid against the XML Schema in the WSDL, checked
// by libxml2's xmllint (Debian's libxml2-utils), for every corpus WSDL.

const run = promisify(execFile);

function sample(...args: string[]): Promise<CliRun> {
  return runCli(ROOT, "sample", ...args);
}

/** xmllint's verdict on `xml` against the schema of `wsdl`: its stderr, or throws with it. */
async function validate(wsdl: string, xml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-xsd-"));
  const schema = writeMessageSchema(fixture(wsdl), dir);
  writeFileSync(join(dir, "message.xml"), xml);
  const { stderr } = await run("xmllint", ["--noout", "--schema", schema, "message.xml"], { cwd: dir });
  return stderr;
}

describe("wsdl-to-ts sample", () => {
  for (const file of [...corpusWsdls().map((name) => `wsdl/${name}`), "wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl"]) {
    it(`${file}: the output validates against the WSDL's schema (xmllint --schema)`, async () => {
      const result = await sample(join("fixtures", file), "--count", "3", "--seed", "9", "--null-rate", "0.3");
      assert.equal(result.code, 0);
      assert.equal(result.stderr, "");
      assert.equal(await validate(file, result.stdout), "message.xml validates\n");
    });
  }

  it("xmllint really checks: a 15-character id, a bad double and a misplaced field are each refused", async () => {
    const file = "wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl";
    const { stdout } = await sample(join("fixtures", file), "--seed", "4");
    const broken = [
      stdout.replace(/<ActionId>([a-zA-Z0-9]{15})[a-zA-Z0-9]{3}</, "<ActionId>$1<"),
      stdout.replace(/<sf:Amount>[^<]*</, "<sf:Amount>45,000.00<"),
      stdout.replace(/(<sf:Amount>[^<]*<\/sf:Amount>)([\s\S]*?)(<\/sObject>)/, "$2$1$3"),
    ];
    for (const xml of broken) {
      assert.notEqual(xml, stdout);
      await assert.rejects(validate(file, xml), (error: { stderr?: string }) => /fails to validate/.test(error.stderr ?? ""));
    }
  });

  it("is byte-identical for the same seed and differs for another", async () => {
    const wsdl = "fixtures/wsdl/pcon-case-28fields.wsdl";
    const first = await sample(wsdl, "--count", "5", "--seed", "77");
    assert.equal((await sample(wsdl, "--count", "5", "--seed", "77")).stdout, first.stdout);
    assert.notEqual((await sample(wsdl, "--count", "5", "--seed", "78")).stdout, first.stdout);
    assert.equal((first.stdout.match(/<Notification>/g) ?? []).length, 5);
  });

  it("--count above 100 is an error: Salesforce never sends more in one message", async () => {
    assert.deepEqual(await sample("fixtures/wsdl/pcon-case-28fields.wsdl", "--count", "101"), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: --count 101 is too many for one message: Salesforce sends at most 100 notifications per message\n",
    });
    assert.equal((await sample("fixtures/wsdl/pcon-case-28fields.wsdl", "--count", "100")).code, 0);
    assert.deepEqual(await sample("fixtures/wsdl/pcon-case-28fields.wsdl", "--null-rate", "2"), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: --null-rate 2 is out of range: give a number from 0 to 1\n",
    });
    assert.deepEqual(await sample("fixtures/wsdl/pcon-case-28fields.wsdl", "--seed", "x"), {
      code: 2,
      stdout: "",
      stderr: 'wsdl-to-ts: --seed "x" is not a whole number\n',
    });
  });
});
