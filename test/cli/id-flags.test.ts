import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createRouterNodeHandler } from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { runCli } from "../support/cli.js";
import { ROOT } from "../support/fixtures.js";
import { listen, type TestServer } from "../support/http.js";

// `--org` and `--action` of `sample` and `send`: a sampled message a user's own endpoint accepts
// (its org) and a router of two messages of one object can route (their ActionIds).

const WSDL = "fixtures/wsdl/aldoforce-opportunity.wsdl";
const ORG = "00D5g0000000001";
const WON = "04k5w000000TSwM";
const LOST = "04k5w000000TSwN";

describe("wsdl-to-ts sample --org --action", () => {
  it("writes the given ids, as 18 characters, and changes nothing else", async () => {
    const plain = await runCli(ROOT, "sample", WSDL, "--seed", "7");
    const given = await runCli(ROOT, "sample", WSDL, "--seed", "7", "--org", ORG, "--action", "04k5w000000TSwMAAW");
    assert.equal(given.code, 0);
    assert.match(given.stdout, /<OrganizationId>00D5g0000000001EAA<\/OrganizationId>\n\s*<ActionId>04k5w000000TSwMAAW<\/ActionId>/);
    const ids = /<(OrganizationId|ActionId|EnterpriseUrl|PartnerUrl)>[^<]*/g;
    assert.equal(given.stdout.replace(ids, "<$1>"), plain.stdout.replace(ids, "<$1>"));
  });

  it("refuses an id of another kind or with a wrong case-safe suffix", async () => {
    const cases: [string[], string][] = [
      [["--action", "00D5g0000000001"], '--action "00D5g0000000001" is not an outbound message\'s ActionId (15 or 18 letters and digits starting with 04k)'],
      [["--action", "04k5w000000TSwMAAA"], '--action: the last 3 characters of "04k5w000000TSwMAAA" are not its case-safe suffix'],
      [["--org", "04k5w000000TSwM"], '--org "04k5w000000TSwM" is not an organization id (15 or 18 letters and digits starting with 00D)'],
    ];
    for (const [flags, message] of cases) {
      assert.deepEqual(await runCli(ROOT, "sample", WSDL, ...flags), { code: 2, stdout: "", stderr: `wsdl-to-ts: ${message}\n` }, flags.join(" "));
    }
  });
});

describe("wsdl-to-ts send --action", () => {
  const routed: string[] = [];
  let server: TestServer;
  before(async () => {
    const handler = createRouterNodeHandler({
      organizationId: ORG,
      onError: () => {},
      messages: {
        Contact: { onNotifications: () => {} },
        Case: { onNotifications: () => {} },
        AldoforceOpportunity: { onNotifications: (ns) => void routed.push(...ns.map(() => "won")) },
        MulesoftOpportunityReformatted: { onNotifications: (ns) => void routed.push(...ns.map(() => "lost")) },
      },
      actionIds: { AldoforceOpportunity: WON, MulesoftOpportunityReformatted: LOST },
    });
    server = await listen(handler);
  });
  after(() => server.close());

  it("delivers to the message of a router that has this ActionId; without it the router cannot tell", async () => {
    const acked = await runCli(ROOT, "send", WSDL, "--to", server.url, "--org", ORG, "--action", LOST, "--count", "3", "--batch", "2");
    assert.equal(acked.code, 0, acked.stderr);
    assert.deepEqual(routed, ["lost", "lost", "lost"]);
    const unrouted = await runCli(ROOT, "send", WSDL, "--to", server.url, "--org", ORG, "--time-scale", "0.00001");
    assert.equal(unrouted.code, 1);
    assert.match(unrouted.stdout, /message 1 \(1 notification\): UNKNOWN_ACTION_ID at .*: ActionId "04k5g\w+" is not one of AldoforceOpportunity, MulesoftOpportunityReformatted \(set their actionIds\)\n/);
    assert.equal(routed.length, 3);
  });

  it("cannot be combined with --file, which is sent as it is", async () => {
    assert.deepEqual(await runCli(ROOT, "send", WSDL, "--to", server.url, "--file", "fixtures/messages/ejangi-opportunity-singleline-api47.xml", "--action", WON), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: --file sends the file as it is; it cannot be combined with --action\n",
    });
  });
});
