import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createNodeHandler,
  type OpportunityNotification,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { runCli } from "../support/cli.js";
import { sampleMessages, shapeOfWsdl } from "../../src/send/messages.js";
import { send } from "../../src/send/send.js";
import { fixture, ROOT } from "../support/fixtures.js";
import { listen, type TestServer } from "../support/http.js";

// `send` against the endpoint wsdl-to-ts generates, over real HTTP on 127.0.0.1: every message is
// acknowledged, every notification processed once, redeliveries acknowledged without processing.

const WSDL = "fixtures/wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl";
const ORG = "00D5w000004qGTOEA2";

describe("send → the generated node handler", () => {
  const processed: OpportunityNotification[] = [];
  const requests: { method: string; contentType: string | undefined; soapAction: string | undefined }[] = [];
  let server: TestServer;

  before(async () => {
    const handler = createNodeHandler({ organizationId: ORG, onNotifications: (notifications) => void processed.push(...notifications) });
    server = await listen((request, response) => {
      requests.push({ method: request.method ?? "", contentType: request.headers["content-type"], soapAction: request.headers["soapaction"] as string | undefined });
      return handler(request, response);
    });
  });
  after(() => server.close());

  it("250 notifications in batches of 100, each message redelivered once: all acked, processed once, duplicates skipped", async () => {
    processed.length = 0;
    requests.length = 0;
    const messages = sampleMessages(shapeOfWsdl(WSDL, fixture(WSDL.replace(/^fixtures\//, ""))), { count: 250, batch: 100, seed: 5, organizationId: ORG });
    assert.deepEqual(messages.map((m) => m.notificationIds.length), [100, 100, 50]);
    const deliveries = await send({ to: `${server.url}/salesforce`, messages, duplicateRate: 1, concurrency: 2 });
    assert.deepEqual(
      deliveries.map((d) => [d.message, d.duplicate, d.acked, d.tries.length]),
      [[1, false, true, 1], [1, true, true, 1], [2, false, true, 1], [2, true, true, 1], [3, false, true, 1], [3, true, true, 1]],
    );
    const sentIds = messages.flatMap((m) => m.notificationIds);
    assert.equal(new Set(sentIds).size, 250);
    assert.deepEqual(processed.map((n) => n.Id).sort(), [...sentIds].sort());
    assert.equal(requests.length, 6);
    for (const request of requests) assert.deepEqual(request, { method: "POST", contentType: "text/xml; charset=utf-8", soapAction: '""' });
  });

  it("the CLI: progress per try on stderr, the summary on stdout, exit 0 when everything was acked", async () => {
    processed.length = 0;
    const { code, stdout, stderr } = await runCli(ROOT, "send", WSDL, "--to", server.url, "--count", "150", "--org", ORG.slice(0, 15), "--seed", "8", "--duplicate-rate", "1");
    const ms = (text: string): string => text.replace(/[0-9.]+ ms/g, "N ms");
    assert.equal(code, 0);
    assert.equal(
      ms(stderr),
      [
        "message 1/2, 100 notifications, try 1: acked (HTTP 200, N ms)",
        "message 1/2 (redelivered), 100 notifications, try 1: acked (HTTP 200, N ms)",
        "message 2/2, 50 notifications, try 1: acked (HTTP 200, N ms)",
        "message 2/2 (redelivered), 50 notifications, try 1: acked (HTTP 200, N ms)",
        "",
      ].join("\n"),
    );
    assert.equal(
      ms(stdout),
      [
        `sent 2 messages (150 notifications) to ${server.url}/`,
        "acked: 2 messages (150 notifications)",
        "retried: 0 messages (0 retries)",
        "failed: 0 messages",
        "redelivered: 2 acked messages (2 acked again)",
        "latency: p50 N ms, p99 N ms (4 tries)",
        "",
      ].join("\n"),
    );
    // The 15-character --org was sent in its 18-character form, which the handler accepted.
    assert.equal(processed.length, 150);
  });
});
