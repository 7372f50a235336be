import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import {
  createHandler,
  createLambdaHandler,
  createNodeHandler,
  type DeliveryEvent,
  type OpportunityHandlerOptions,
  type OutboundRequest,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { createRouter } from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { eventFor } from "../lambda/events.js";
import { fixture } from "../support/fixtures.js";
import { messageWith, post } from "../support/requests.js";
import { listen, postSoap } from "../support/http.js";

// onDelivery: one event per request, for every status of the README's table, with its counts,
// durations and size.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";
const ACTION = "04k5w000000TSwMAAW";

function recording(options: Partial<OpportunityHandlerOptions> = {}) {
  const events: DeliveryEvent[] = [];
  const handler = createHandler({
    organizationId: ORG,
    onError: () => {},
    onNotifications: () => {},
    ...options,
    onDelivery: (event) => events.push(event),
  } as OpportunityHandlerOptions);
  /** Handles one request and returns its single event. */
  const eventOf = async (request: OutboundRequest): Promise<DeliveryEvent> => {
    const before = events.length;
    const response = await handler.handle(request);
    assert.equal(events.length, before + 1, "exactly one event per request");
    const event = events[before] as DeliveryEvent;
    assert.equal(event.status, response.status);
    assert.ok(event.durations.totalMs > 0, "the total duration is measured");
    return event;
  };
  return { handler, events, eventOf };
}

const counts = (event: DeliveryEvent) => event.notifications;
const NONE = { new: 0, duplicate: 0, busy: 0, failed: 0 };

describe("onDelivery events", () => {
  it("200: acked with the new count, then acked-all-duplicates; org, action, bytes and durations", async () => {
    const { eventOf } = recording();
    const first = await eventOf(post(messageWith(3)));
    assert.equal(first.outcome, "acked");
    assert.equal(first.code, undefined);
    assert.equal(first.organizationId, ORG);
    assert.equal(first.actionId, ACTION);
    assert.deepEqual(counts(first), { new: 3, duplicate: 0, busy: 0, failed: 0 });
    assert.equal(first.bodyBytes, new TextEncoder().encode(messageWith(3)).length);
    assert.ok(first.durations.parseMs > 0 && first.durations.parseMs <= first.durations.totalMs);
    const again = await eventOf(post(messageWith(4)));
    assert.equal(again.outcome, "acked");
    assert.deepEqual(counts(again), { new: 1, duplicate: 3, busy: 0, failed: 0 });
    const duplicate = await eventOf(post(messageWith(4)));
    assert.equal(duplicate.outcome, "acked-all-duplicates");
    assert.deepEqual(counts(duplicate), { new: 0, duplicate: 4, busy: 0, failed: 0 });
  });

  it("400 and 403 are rejected with their code; a parser error carries its own code as reason", async () => {
    const { eventOf } = recording();
    const invalid = await eventOf(post(MESSAGE.replace("<sf:Amount>45000.0", "<sf:Amount>abc")));
    assert.deepEqual([invalid.outcome, invalid.status, invalid.code, invalid.reason], ["rejected", 400, "INVALID_MESSAGE", "INVALID_VALUE"]);
    assert.equal(invalid.organizationId, ORG);
    assert.deepEqual(counts(invalid), NONE);
    const foreign = await eventOf(post(MESSAGE.replace(`<OrganizationId>${ORG}`, "<OrganizationId>00D000000000001AAA")));
    assert.deepEqual([foreign.outcome, foreign.status, foreign.code], ["rejected", 403, "ORGANIZATION_NOT_ALLOWED"]);
    assert.equal(foreign.organizationId, "00D000000000001AAA");
  });

  it("405, 413, 415 and GET ?wsdl, answered before the body", async () => {
    const { eventOf } = recording({ maxBodyBytes: 1000 });
    const method = await eventOf({ method: "PUT", url: "/hook", headers: {}, body: "" });
    assert.deepEqual([method.outcome, method.status, method.code], ["rejected", 405, "METHOD_NOT_ALLOWED"]);
    const large = await eventOf(post(MESSAGE));
    assert.deepEqual([large.outcome, large.status, large.code, large.bodyBytes], ["rejected", 413, "BODY_TOO_LARGE", MESSAGE.length]);
    const type = await eventOf(post(MESSAGE, { "content-type": "application/json" }));
    assert.deepEqual([type.outcome, type.status, type.code], ["rejected", 415, "UNSUPPORTED_MEDIA_TYPE"]);
    const wsdl = await eventOf({ method: "GET", url: "/hook?wsdl", headers: {}, body: "" });
    assert.deepEqual([wsdl.outcome, wsdl.status, wsdl.code], ["wsdl", 200, undefined]);
  });

  it("404 for a WSDL a router does not have", async () => {
    const events: DeliveryEvent[] = [];
    const noop = { onNotifications: () => {} };
    const router = createRouter({
      allowAnyOrganization: true,
      onError: () => {},
      onDelivery: (event) => events.push(event),
      actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
      messages: { Contact: noop, Case: noop, AldoforceOpportunity: noop, MulesoftOpportunityReformatted: noop },
    });
    assert.equal((await router.handle({ method: "GET", url: "/?wsdl=Lead", headers: {}, body: "" })).status, 404);
    assert.deepEqual(events.map((event) => [event.outcome, event.status, event.code]), [["rejected", 404, "WSDL_NOT_FOUND"]]);
  });

  it("500 when user code fails: failed, with the failed count and the user code's time", async () => {
    const { eventOf } = recording({
      onNotification: async (notification) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (notification.Id.endsWith("0002")) throw new Error("down");
      },
      onNotifications: undefined,
    });
    const event = await eventOf(post(messageWith(4)));
    assert.deepEqual([event.outcome, event.status, event.code], ["failed", 500, "HANDLER_FAILED"]);
    assert.deepEqual(counts(event), { new: 2, duplicate: 0, busy: 0, failed: 2 });
    assert.ok(event.durations.userCodeMs >= 10, `user code took ${event.durations.userCodeMs} ms`);
  });

  it("500 when the store fails, with the dedupe time", async () => {
    const store = {
      claim: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("redis down");
      },
      complete: async () => {},
      release: async () => {},
    };
    const { eventOf } = recording({ dedupe: store });
    const event = await eventOf(post(MESSAGE));
    assert.deepEqual([event.outcome, event.status, event.code], ["failed", 500, "DEDUPE_FAILED"]);
    assert.deepEqual(counts(event), { new: 0, duplicate: 0, busy: 0, failed: 1 });
    assert.ok(event.durations.dedupeMs >= 4, `the store took ${event.durations.dedupeMs} ms`);
  });

  it("503 busy and 503 over maxInFlightBytes", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { handler, events, eventOf } = recording({ onNotifications: () => gate, maxBodyBytes: 4000, maxInFlightBytes: 4000 });
    const pending = handler.handle(post(MESSAGE));
    const overloaded = await eventOf(post(MESSAGE));
    assert.deepEqual([overloaded.outcome, overloaded.status, overloaded.code], ["rejected", 503, "OVERLOADED"]);
    release();
    await pending;
    assert.deepEqual(events.map((event) => event.outcome), ["rejected", "acked"]);

    let releaseBusy: () => void = () => {};
    const busyGate = new Promise<void>((resolve) => (releaseBusy = resolve));
    let calls = 0;
    const second = recording({ onNotifications: () => (calls++ === 0 ? busyGate : undefined) });
    const holding = second.handler.handle(post(messageWith(2)));
    const busy = await second.eventOf(post(messageWith(3)));
    assert.deepEqual([busy.outcome, busy.status, busy.code], ["rejected", 503, "NOTIFICATION_BUSY"]);
    assert.deepEqual(counts(busy), { new: 1, duplicate: 0, busy: 2, failed: 0 });
    releaseBusy();
    await holding;
  });

  it("a throwing onDelivery changes no answer", async () => {
    const errors: string[] = [];
    const handler = createHandler({
      organizationId: ORG,
      onNotifications: () => {},
      onError: (error) => errors.push(error.code),
      onDelivery: () => {
        throw new Error("metrics down");
      },
    });
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
    assert.deepEqual(errors, ["REPORT_FAILED"]);
  });
});

describe("onDelivery over real HTTP", () => {
  it("the read time of a slow upload, the bytes read, and 499 for a client that went away", async () => {
    const events: DeliveryEvent[] = [];
    const server = await listen(
      createNodeHandler({ organizationId: ORG, onNotifications: () => {}, onError: () => {}, onDelivery: (event) => events.push(event) }),
    );
    try {
      const bytes = Buffer.from(MESSAGE);
      const done = new Promise<number>((resolve, reject) => {
        const request = httpRequest(server.url, { method: "POST", headers: { "content-type": "text/xml", "content-length": String(bytes.length) } });
        request.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        request.on("error", reject);
        // Once connected, the head and 100 bytes; the rest 100 ms later.
        request.on("socket", (socket) =>
          socket.once("connect", () => {
            request.write(bytes.subarray(0, 100));
            setTimeout(() => request.end(bytes.subarray(100)), 100);
          }),
        );
      });
      assert.equal(await done, 200);
      assert.equal(events.length, 1);
      assert.ok((events[0]?.durations.readMs ?? 0) >= 80, `read took ${events[0]?.durations.readMs} ms`);
      assert.equal(events[0]?.bodyBytes, bytes.length);

      const aborted = httpRequest(server.url, { method: "POST", headers: { "content-type": "text/xml", "content-length": "5000" } });
      aborted.on("error", () => {});
      aborted.write(Buffer.alloc(100, " "));
      const deadline = Date.now() + 5000;
      await new Promise((resolve) => setTimeout(resolve, 100));
      aborted.destroy();
      while (events.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual([events[1]?.outcome, events[1]?.status, events[1]?.code, events[1]?.bodyBytes], ["rejected", 499, "REQUEST_ABORTED", 100]);
      assert.equal((await postSoap(server.url, MESSAGE)).status, 200);
      assert.equal(events.length, 3);
    } finally {
      await server.close();
    }
  });
});

describe("onDelivery on AWS Lambda", () => {
  it("one event per invocation: an Ack, a 413 of a base64 body, a 403", async () => {
    const events: DeliveryEvent[] = [];
    const handler = createLambdaHandler({
      organizationId: ORG,
      maxBodyBytes: 4000,
      onNotifications: () => {},
      onError: () => {},
      onDelivery: (event) => events.push(event),
    });
    const context = { awsRequestId: "test", functionName: "outbound" };
    await handler(eventFor("http-api", { body: MESSAGE }), context);
    await handler(eventFor("alb", { body: MESSAGE + " ".repeat(4000), base64: true }), context);
    await handler(eventFor("function-url", { body: MESSAGE.replace(`<OrganizationId>${ORG}`, "<OrganizationId>00D000000000001AAA") }), context);
    assert.deepEqual(
      events.map((event) => [event.outcome, event.status, event.code]),
      [
        ["acked", 200, undefined],
        ["rejected", 413, "BODY_TOO_LARGE"],
        ["rejected", 403, "ORGANIZATION_NOT_ALLOWED"],
      ],
    );
  });
});
