import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { generate } from "../../src/index.js";
import { FIXTURES, ROOT } from "../support/fixtures.js";

// The generated package as its users get it: `npm pack`, installed from the tarball into fresh
// consumer projects (no registry needed: it has no dependencies), then imported from ESM, required
// from CommonJS and type-checked by TypeScript consumers.

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules", ".bin", "tsc");
const PACKAGE = "@acme/opportunity-outbound";
const MESSAGE = join(FIXTURES, "messages", "hostiledeveloper-opportunity-27fields-sandbox.xml");

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** What every consumer prints: the parsed message's typed values. */
const CONSUMER_BODY = `
const message = parseNotifications(readFileSync(process.argv[2]));
const { sObject } = message.Notification[0];
console.log(JSON.stringify({
  org: message.OrganizationId,
  count: message.Notification.length,
  amount: sObject.Amount,
  amountType: typeof sObject.Amount,
  won: sObject.IsWon,
  created: sObject.CreatedDate instanceof Date ? sObject.CreatedDate.toISOString() : "not a Date",
  close: sObject.CloseDate,
  ack: ACK_TRUE.includes("<Ack>true</Ack>"),
}));
`;

const EXPECTED = {
  org: "00D5w000004qGTOEA2",
  count: 1,
  amount: 45000,
  amountType: "number",
  won: false,
  created: "2020-05-08T13:40:22.000Z",
  close: "2020-07-11",
  ack: true,
};

describe("the generated package, packed and installed", () => {
  let work: string;
  let tarball: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "wsdl-to-ts-pack-"));
    const { files } = await generate({
      inputs: [{ name: "opportunity.wsdl", text: readFileSync(join(FIXTURES, "wsdl-derived", "hostiledeveloper-opportunity-25fields.wsdl"), "utf8") }],
      options: { packageName: PACKAGE, packageVersion: "2.0.0" },
    });
    writeTree(join(work, "pkg"), Object.fromEntries(files.map((file) => [file.path, file.content])));
    const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", work], { cwd: join(work, "pkg") });
    tarball = join(work, stdout.trim().split("\n").pop() ?? "");
  });

  async function consumer(name: string, files: Record<string, string>): Promise<string> {
    const dir = join(work, name);
    writeTree(dir, { "package.json": JSON.stringify({ name, private: true }), ...files });
    await run("npm", ["install", "--no-audit", "--no-fund", "--offline", "--ignore-scripts", tarball], { cwd: dir });
    return dir;
  }

  it("ships dist, src, README and package.json, and no dependencies", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const entries = stdout.trim().split("\n");
    for (const path of ["package/package.json", "package/README.md", "package/dist/esm/index.js", "package/dist/cjs/index.js", "package/dist/esm/index.d.ts", "package/dist/cjs/package.json", "package/src/index.ts", "package/dist/esm/testing.js", "package/dist/cjs/testing.js", "package/dist/cjs/testing.d.ts"]) {
      assert.ok(entries.includes(path), `${path} is missing from the tarball`);
    }
    const manifest = JSON.parse(readFileSync(join(work, "pkg", "package.json"), "utf8")) as Record<string, unknown>;
    assert.equal(manifest["name"], PACKAGE);
    assert.equal(manifest["version"], "2.0.0");
    assert.equal(manifest["dependencies"], undefined);
    assert.equal(manifest["sideEffects"], false);
  });

  it("an ESM script imports it and parses a real message", async () => {
    const dir = await consumer("esm-consumer", {
      "consume.mjs": `import { readFileSync } from "node:fs";\nimport { ACK_TRUE, parseNotifications } from "${PACKAGE}";\n${CONSUMER_BODY}`,
    });
    const { stdout } = await run(process.execPath, ["consume.mjs", MESSAGE], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout), EXPECTED);
  });

  it("a CommonJS script requires it and parses a real message", async () => {
    const dir = await consumer("cjs-consumer", {
      "consume.cjs": `const { readFileSync } = require("node:fs");\nconst { ACK_TRUE, parseNotifications } = require("${PACKAGE}");\n${CONSUMER_BODY}`,
    });
    const { stdout } = await run(process.execPath, ["consume.cjs", MESSAGE], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout), EXPECTED);
  });

  /** What a consumer of `/testing` prints: a sampled message, built, parsed back by the main entry. */
  const TESTING_BODY = `
const sample = sampleNotifications({ count: 3, seed: 42 });
const xml = buildNotificationsXml(sample);
const parsed = parseNotifications(xml);
const built = buildNotificationsXml({ Notification: [{ sObject: { Amount: 45000, IsWon: true } }] });
console.log(JSON.stringify({
  roundTrip: JSON.stringify(parsed) === JSON.stringify(sample),
  count: parsed.Notification.length,
  recordId: parsed.Notification[0].sObject.Id.slice(0, 3),
  amount: /<sf:Amount>45000\\.0<\\/sf:Amount>/.test(built),
  suffix: caseSafeId("00D5w000004qGTO"),
}));
`;
  const TESTING_EXPECTED = { roundTrip: true, count: 3, recordId: "006", amount: true, suffix: "00D5w000004qGTOEA2" };

  it("an ESM script imports /testing and builds messages the main entry parses", async () => {
    const dir = await consumer("esm-testing-consumer", {
      "consume.mjs": `import { parseNotifications } from "${PACKAGE}";\nimport { buildNotificationsXml, caseSafeId, sampleNotifications } from "${PACKAGE}/testing";\n${TESTING_BODY}`,
    });
    const { stdout } = await run(process.execPath, ["consume.mjs"], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout), TESTING_EXPECTED);
  });

  it("a CommonJS script requires /testing and builds messages the main entry parses", async () => {
    const dir = await consumer("cjs-testing-consumer", {
      "consume.cjs": `const { parseNotifications } = require("${PACKAGE}");\nconst { buildNotificationsXml, caseSafeId, sampleNotifications } = require("${PACKAGE}/testing");\n${TESTING_BODY}`,
    });
    const { stdout } = await run(process.execPath, ["consume.cjs"], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout), TESTING_EXPECTED);
  });

  it("TypeScript consumers type-check with --strict under node16 (ESM and CommonJS) and bundler resolution", async () => {
    // Uses the types for real: a wrong use must be an error, so `any` would fail the check.
    const source = `import { createNodeHandler, parseNotifications, type OpportunityNotification, type OpportunityNotifications } from "${PACKAGE}";
import { buildNotificationsXml, sampleNotifications } from "${PACKAGE}/testing";
const message = parseNotifications("<x/>");
const amount: number | null | undefined = message.Notification[0].sObject.Amount;
const created: Date | null | undefined = message.Notification[0].sObject.CreatedDate;
// @ts-expect-error Amount is a number, not a string
const wrong: string | null | undefined = message.Notification[0].sObject.Amount;
const handler = createNodeHandler({
  organizationId: "00D5w000004qGTO",
  onNotifications: async (notifications: readonly OpportunityNotification[]) => {
    for (const n of notifications) n.sObject.IsWon satisfies boolean | null | undefined;
  },
});
const xml: string = buildNotificationsXml({ Notification: [{ sObject: { Amount: 1, IsWon: null } }] });
// @ts-expect-error Amonut is not an Opportunity field
buildNotificationsXml({ Notification: [{ sObject: { Amonut: 1 } }] });
const sampled: OpportunityNotifications = sampleNotifications({ count: 2, seed: 1 });
export { amount, created, wrong, handler, xml, sampled };
`;
    const strict = { strict: true, exactOptionalPropertyTypes: true, noEmit: true, types: [], skipLibCheck: false };
    const dir = await consumer("ts-consumer", {
      "esm.mts": source,
      "cjs.cts": source,
      "tsconfig.node16.json": JSON.stringify({ compilerOptions: { ...strict, module: "node16", moduleResolution: "node16" }, files: ["esm.mts", "cjs.cts"] }),
      "tsconfig.bundler.json": JSON.stringify({ compilerOptions: { ...strict, module: "esnext", moduleResolution: "bundler" }, files: ["esm.mts"] }),
    });
    for (const config of ["tsconfig.node16.json", "tsconfig.bundler.json"]) {
      await run(TSC, ["-p", config], { cwd: dir }).catch((error: { stdout?: string }) => {
        assert.fail(`${config}:\n${error.stdout ?? String(error)}`);
      });
    }
  });
});
