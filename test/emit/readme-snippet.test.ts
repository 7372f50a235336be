import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { GOLDEN_DIR } from "../support/golden-cases.js";
import { strictTscFlags, tscReport } from "../support/tsc.js";

// The usage snippet of a generated README runs as written (against the golden package), and the
// user code's parameter is typed as never empty.

const MULTI = join(GOLDEN_DIR, "multi-contact-opportunities-case");

/** The README's TypeScript snippet, importing the golden package, exporting the handler instead of listening. */
function snippet(readme: string, packageName: string, entry: string): string {
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(code !== undefined, "the README has no TypeScript snippet");
  return code
    .replace(`from "${packageName}"`, `from ${JSON.stringify(pathToFileURL(entry).href)}`)
    .replace("createServer(handler).listen(3000);", "export { handler };");
}

describe("the generated README's usage snippet", () => {
  it("of a package with two messages of one object gives the actionIds it needs, and creates the handler", async () => {
    const readme = readFileSync(join(MULTI, "README.md"), "utf8");
    const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-readme-"));
    const file = join(dir, "snippet.ts");
    writeFileSync(file, snippet(readme, "@acme/salesforce-outbound", join(MULTI, "src", "index.ts")));
    process.env["SALESFORCE_ORG_ID"] = "00D000000000001";
    process.env["ALDOFORCE_OPPORTUNITY_ACTION_ID"] = "04k000000000001";
    process.env["MULESOFT_OPPORTUNITY_REFORMATTED_ACTION_ID"] = "04k000000000002";
    const module = (await import(pathToFileURL(file).href)) as { handler: unknown };
    assert.equal(typeof module.handler, "function");
  });

  it("passes onNotifications a NonEmptyArray: its first element needs no check under noUncheckedIndexedAccess", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-nonempty-"));
    const entry = JSON.stringify(join(GOLDEN_DIR, "aldoforce-opportunity", "src", "index.js"));
    const router = JSON.stringify(join(MULTI, "src", "index.js"));
    writeFileSync(
      join(dir, "consumer.mts"),
      `import { createHandler, type OpportunityNotification, type OutboundHandler } from ${entry};
import { createRouter } from ${router};
export const one: OutboundHandler = createHandler({
  allowAnyOrganization: true,
  onNotifications: (notifications) => {
    const first: OpportunityNotification = notifications[0];
    void first;
  },
});
export const routed: OutboundHandler = createRouter({
  allowAnyOrganization: true,
  messages: {
    Contact: { onNotifications: (ns) => void ns[0].sObject.Id.length },
    AldoforceOpportunity: { onNotification: () => {} },
    Case: { onNotifications: (ns) => void ns[0].sObject.Id.length },
    MulesoftOpportunityReformatted: { onNotification: () => {} },
  },
  actionIds: { AldoforceOpportunity: "04k000000000001", MulesoftOpportunityReformatted: "04k000000000002" },
});
`,
    );
    assert.equal(await tscReport([...strictTscFlags(join(dir, "dts")), join(dir, "consumer.mts")]), "");
  });
});
