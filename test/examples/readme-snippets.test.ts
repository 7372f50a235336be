import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { generate } from "../../src/index.js";
import { fixture, ROOT } from "../support/fixtures.js";
import { GOLDEN_DIR } from "../support/golden-cases.js";
import { tscReport } from "../support/tsc.js";

// Every TypeScript snippet of the tool's README that imports something is a whole module a user
// pastes into a project: it type-checks under --strict as written, against the packages it names
// (the quick start's package, a package of the four messages of the router section, the tool, the
// clients of the stores section).
// Only the names the README leaves to the reader are declared, below the snippet.

const PLACEHOLDERS = `
import type { DedupeStore as PlaceholderStore, OpportunityNotification as PlaceholderNotification } from "opportunity-outbound-message";
declare function saveOpportunity(id: string, name?: string | null, amount?: number | null, stage?: string | null): Promise<void>;
declare const sharedStore: PlaceholderStore;
declare const onNotifications: (notifications: readonly PlaceholderNotification[]) => Promise<void>;
declare const wsdlText: string;
`;

/** The ```ts blocks of README.md that import something (the others are fragments of an example). */
function moduleSnippets(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? "")
    .filter((code) => /^import /m.test(code));
}

/** The package of the router section: Account, Contact, WonOpportunity, LostOpportunity. */
async function writeRouterPackage(dir: string): Promise<void> {
  const { files } = await generate({
    inputs: [
      { name: "account.wsdl", text: fixture("wsdl/comsave-account.wsdl") },
      { name: "contact.wsdl", text: fixture("wsdl/raolkn-contact.wsdl") },
      { name: "won-opportunity.wsdl", text: fixture("wsdl/aldoforce-opportunity.wsdl") },
      { name: "lost-opportunity.wsdl", text: fixture("wsdl/mulesoft-opportunity-reformatted.wsdl") },
    ],
    options: { packageName: "@acme/salesforce-outbound" },
  });
  for (const file of files.filter((f) => f.path.startsWith("src/") || f.path === "package.json")) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
}

describe("the README's TypeScript snippets", () => {
  it("type-check under --strict as written, importing the packages by name", async () => {
    const snippets = moduleSnippets();
    // Receiving messages, Server timeouts, the router, AWS Lambda, Testing, the sender, the programmatic API.
    assert.ok(snippets.length >= 7, `expected at least 7 snippets, found ${snippets.length}`);
    const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-readme-snippets-"));
    await writeRouterPackage(join(dir, "acme"));
    const opportunity = join(GOLDEN_DIR, "aldoforce-opportunity", "src");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    // The clients the snippets pass in (ioredis, redis, pg, postgres, PGlite) and @types/node, as a user's project has them.
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    const names = snippets.map((code, i) => {
      writeFileSync(join(dir, `snippet-${i + 1}.ts`), `${code}${PLACEHOLDERS}`);
      return `snippet-${i + 1}.ts`;
    });
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        target: "es2022",
        skipLibCheck: true,
        types: ["node"],
        paths: {
          "opportunity-outbound-message": [join(opportunity, "index.ts")],
          "opportunity-outbound-message/testing": [join(opportunity, "testing.ts")],
          "@acme/salesforce-outbound": [join(dir, "acme", "src", "index.ts")],
          "outbound-wsdl-to-ts": [join(ROOT, "src", "index.ts")],
          "outbound-wsdl-to-ts/send": [join(ROOT, "src", "send", "index.ts")],
        },
      },
      files: names,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    assert.equal(await tscReport(["-p", join(dir, "tsconfig.json"), "--pretty", "false"], dir), "");
  });
});
