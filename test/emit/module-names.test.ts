import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main } from "../../src/cli/main.js";
import { FIXTURES } from "../support/fixtures.js";
import { strictTscFlags, tscReport } from "../support/tsc.js";

// Every --name either gives a package that compiles or is refused with exit 2 and a clear
// message; the names refused are those the generated files declare, import or export themselves.

async function run(cwd: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(args, { cwd, stdout: () => {}, stderr: (text) => (stderr += text) });
  return { code, stderr };
}

/** A temp project with two corpus WSDLs, and one whose object is called `Route`. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-names-"));
  cpSync(join(FIXTURES, "wsdl", "ryanbrainard-account-2012.wsdl"), join(dir, "account.wsdl"));
  cpSync(join(FIXTURES, "wsdl", "raolkn-contact.wsdl"), join(dir, "contact.wsdl"));
  const opportunity = readFileSync(join(FIXTURES, "wsdl", "aldoforce-opportunity.wsdl"), "utf8");
  writeFileSync(join(dir, "route.wsdl"), opportunity.replaceAll("Opportunity", "Route"));
  return dir;
}

const REFUSED: readonly [name: string, use: string][] = [
  ["MessageBody", "src/types.ts: re-exported from ./runtime/types.js"],
  ["FaultCode", "src/response.ts: re-exported from ./runtime/soap.js"],
  ["OutboundMessageError", "src/index.ts: re-exported from ./runtime/errors.js"],
  ["Route", "src/router.ts: imported from ./runtime/router.js"],
  ["RouterOptions", "src/router.ts: imported from ./runtime/router.js"],
  ["Messages", "src/router.ts: declared as an interface"],
  ["PackageRouterOptions", "src/router.ts: declared as a type"],
  ["SalesforceId", "src/types.ts: imported from ./runtime/types.js"],
  ["Date", "src/types.ts: the global Date"],
  ["parseNotifications", "src/parser.ts: declared as a function"],
];

describe("--name values the generated code uses itself", () => {
  for (const [name, use] of REFUSED) {
    // A flag has no place in a file: the error points at the message it names, its sObject type.
    it(`--name ${name} is refused with exit 2, at the sObject type of the WSDL it names`, async () => {
      const result = await run(project(), "account.wsdl", "--out", "out", "--name", name);
      assert.deepEqual(result, {
        code: 2,
        stderr:
          `account.wsdl:50:13: error WSDL_NAME_COLLISION: "${name}" cannot name an outbound message: ` +
          `the generated code uses that name itself (${use}); give another --name\n`,
      });
    });
  }
});

describe("accepted names compile", () => {
  it("names that only shadow globals the code does not use (Record, Document, Event), and an object called Route", async () => {
    const dir = project();
    const single = await run(dir, "account.wsdl", "--out", "record", "--name", "Record");
    assert.equal(single.code, 0, single.stderr);
    const several = await run(
      dir,
      "account.wsdl",
      "contact.wsdl",
      "route.wsdl",
      "--out",
      "several",
      "--name",
      "Document",
      "--name",
      "Event",
      "--name",
      "Partial",
    );
    assert.equal(several.code, 0, several.stderr);
    // Without --name, an object whose name the router imports is moved aside.
    const routed = await run(dir, "account.wsdl", "route.wsdl", "--out", "routed");
    assert.equal(routed.code, 0, routed.stderr);
    assert.match(
      readFileSync(join(dir, "routed", "src", "index.ts"), "utf8"),
      /export \* as RouteSObject from "\.\/RouteSObject\/index\.js";/,
    );

    const entries = ["record", "several", "routed"].map((out) => join(dir, out, "src", "index.ts"));
    assert.equal(await tscReport([...strictTscFlags(join(dir, "dts")), ...entries], dir), "");
    assert.match(
      readFileSync(join(dir, "record", "src", "types.ts"), "utf8"),
      /export interface Record extends SObjectBase/,
    );
  });
});
