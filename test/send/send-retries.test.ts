import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ACK_FALSE, ACK_TRUE } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { sampleMessages, shapeOfWsdl } from "../../src/send/messages.js";
import { send, type TryEvent } from "../../src/send/send.js";
import { fixture } from "../support/fixtures.js";
import { listen, type TestServer } from "../support/http.js";

// `send` against an endpoint that fails the first tries the ways real endpoints do: an HTML error
// page with 500, then Ack false, then an answer slower than the timeout. The retries come on the
// schedule (scaled by --time-scale 0.001: 30 ms, 90 ms, 210 ms after the first try), resend the
// same message and stop at the Ack.

const WSDL = "wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl";
/** Salesforce's first retry intervals in seconds: 30 s, doubling. */
const SCHEDULE_S = [30, 60, 120];
const TIME_SCALE = 0.001;

describe("send → an endpoint that fails the first tries", () => {
  const bodies: string[] = [];
  const pending = new Set<NodeJS.Timeout>();
  let server: TestServer;

  before(async () => {
    server = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        bodies.push(Buffer.concat(chunks).toString("utf8"));
        const reply = (status: number, type: string, body: string): void => void response.writeHead(status, { "content-type": type }).end(body);
        switch (bodies.length) {
          case 1:
            return reply(500, "text/html", "<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>");
          case 2:
            return reply(200, "text/xml; charset=utf-8", ACK_FALSE);
          case 3: {
            const timer = setTimeout(() => (pending.delete(timer), reply(200, "text/xml; charset=utf-8", ACK_TRUE)), 600);
            pending.add(timer);
            return;
          }
          default:
            return reply(200, "text/xml; charset=utf-8", ACK_TRUE);
        }
      });
    });
  });
  after(async () => {
    for (const timer of pending) clearTimeout(timer);
    await server.close();
  });

  it("reports each failure with Salesforce's reason, retries on the scaled schedule with the same ids, stops after the Ack", async () => {
    const [message] = sampleMessages(shapeOfWsdl(WSDL, fixture(WSDL)), { count: 3, seed: 21 });
    assert.ok(message !== undefined);
    const events: TryEvent[] = [];
    const [delivery] = await send({ to: server.url, messages: [message], timeScale: TIME_SCALE, timeoutSeconds: 0.25, onTry: (e) => events.push(e) });
    assert.ok(delivery !== undefined);
    assert.equal(delivery.acked, true);
    assert.deepEqual(
      delivery.tries.map((t) => [t.try, t.status, t.acked, t.reason]),
      [
        [1, 500, false, "org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog."],
        [2, 200, false, "SOAP response was a nack"],
        [3, undefined, false, "java.net.SocketTimeoutException: Read timed out (after 0.25 s)"],
        [4, 200, true, undefined],
      ],
    );
    // Each retry starts no earlier than its point on the scaled schedule, counted from the first try.
    const [first, ...retries] = delivery.tries.map((t) => t.startMs);
    let due = 0;
    for (const [i, start] of retries.entries()) {
      due += (SCHEDULE_S[i] as number) * 1000 * TIME_SCALE;
      assert.ok(start - (first as number) >= due - 1, `retry ${i + 1} came ${start - (first as number)} ms after the first try, due at ${due} ms`);
    }
    // Scaled, not the real 30 s and 90 s (the margin is for a loaded machine); the last right after the timeout.
    assert.ok((retries[0] as number) - (first as number) < 30 + 1000);
    assert.ok((retries[1] as number) - (first as number) < 90 + 1000);
    assert.ok((delivery.tries[2]?.latencyMs as number) >= 250 - 1);
    // Every try sent the same message: the same notification ids, byte for byte.
    assert.equal(bodies.length, 4);
    assert.ok(bodies.every((body) => body === message.body));
    assert.deepEqual([...(bodies[0] as string).matchAll(/<Id>(04l[a-zA-Z0-9]{15})<\/Id>/g)].map((m) => m[1]), message.notificationIds);
    // After the Ack nothing more is sent, and the progress events match the report.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(bodies.length, 4);
    assert.deepEqual(events.map((e) => [e.try, e.acked, e.dropped, e.retryIntervalMs]), [
      [1, false, false, 30_000],
      [2, false, false, 60_000],
      [3, false, false, 120_000],
      [4, true, false, undefined],
    ]);
  });
});
