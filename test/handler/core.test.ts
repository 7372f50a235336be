import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACK_TRUE,
  createHandler,
  MemoryDedupeStore,
  WSDL,
  type DeliveryError,
  type OpportunityHandlerOptions,
  type OpportunityNotification,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixture, fixtureBytes } from "../support/fixtures.js";
import { messageWith, post } from "../support/requests.js";

// The framework-neutral core: one test per status code and per dedupe rule, no HTTP involved.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";

/** A handler whose errors are collected instead of logged. */
function handlerWith(options: Partial<OpportunityHandlerOptions> & Pick<OpportunityHandlerOptions, "onNotifications"> | Record<string, unknown>) {
  const errors: DeliveryError[] = [];
  const handler = createHandler({
    organizationId: ORG,
    onError: (error: DeliveryError) => errors.push(error),
    ...options,
  } as OpportunityHandlerOptions);
  return { handler, errors };
}

describe("status codes", () => {
  it("200 with the canonical Ack and text/xml; charset=utf-8 once the user code resolved", async () => {
    let resolved = false;
    const { handler } = handlerWith({
      onNotifications: async () => {
        await new Promise((r) => setTimeout(r, 10));
        resolved = true;
      },
    });
    const response = await handler.handle(post(MESSAGE));
    assert.equal(resolved, true);
    assert.deepEqual(response, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, body: ACK_TRUE });
  });

  it("400 Client Fault for malformed XML, with the code and place", async () => {
    const { handler, errors } = handlerWith({ onNotifications: () => assert.fail("not called") });
    const response = await handler.handle(post(fixtureBytes("messages/unknownrepo-opportunity-api42-truncatedline-MALFORMED.xml")));
    assert.equal(response.status, 400);
    assert.match(response.body, /<faultcode>soapenv:Client<\/faultcode> <faultstring>MALFORMED_XML at \/ \(line 3, column 10\): /);
    assert.equal(errors[0]?.code, "INVALID_MESSAGE");
  });

  it("400 for foreign XML (an Ack posted back) and for invalid UTF-8", async () => {
    const { handler } = handlerWith({ onNotifications: () => assert.fail("not called") });
    const foreign = await handler.handle(post(fixture("messages/aspnet-ack-response.xml")));
    assert.equal(foreign.status, 400);
    assert.match(foreign.body, /NOT_NOTIFICATIONS/);
    const bytes = new TextEncoder().encode(MESSAGE);
    bytes[600] = 0xff;
    const invalid = await handler.handle(post(bytes));
    assert.equal(invalid.status, 400);
    assert.match(invalid.body, /INVALID_ENCODING/);
  });

  it("403 Fault for another organization; the first 15 characters decide", async () => {
    const { handler: wrong } = handlerWith({ organizationId: "00D5w000004qGTP", onNotifications: () => assert.fail("not called") });
    const response = await wrong.handle(post(MESSAGE));
    assert.equal(response.status, 403);
    assert.match(response.body, /<faultcode>soapenv:Client<\/faultcode>/);
    let calls = 0;
    const { handler: fifteen } = handlerWith({ organizationId: ORG.slice(0, 15), onNotifications: () => void calls++ });
    assert.equal((await fifteen.handle(post(MESSAGE))).status, 200);
    const { handler: list } = handlerWith({ organizationId: ["00D000000000001AAA", ORG], onNotifications: () => void calls++ });
    assert.equal((await list.handle(post(MESSAGE))).status, 200);
    assert.equal(calls, 2);
  });

  it("allowAnyOrganization: true accepts every org", async () => {
    const { handler } = handlerWith({ organizationId: undefined, allowAnyOrganization: true, onNotifications: () => {} });
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
  });

  it("405 with Allow: POST for other methods", async () => {
    const { handler } = handlerWith({ onNotifications: () => {} });
    for (const method of ["PUT", "DELETE", "GET", "HEAD"]) {
      const response = await handler.handle({ method, url: "/hooks/opportunity", headers: {}, body: "" });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers["allow"], "POST");
      assert.match(response.body, /soapenv:Fault/);
    }
  });

  it("GET ?wsdl returns the WSDL the package was generated from, unless serveWsdl is false", async () => {
    const { handler } = handlerWith({ onNotifications: () => {} });
    const response = await handler.handle({ method: "GET", url: "/hooks/opportunity?wsdl", headers: {}, body: "" });
    assert.equal(response.status, 200);
    assert.equal(response.body, WSDL);
    assert.equal((await handler.handle({ method: "GET", url: "/x?WSDL", headers: {}, body: "" })).status, 200);
    assert.equal((await handler.handle({ method: "GET", url: "/x?wsdlx", headers: {}, body: "" })).status, 405);
    const { handler: hidden } = handlerWith({ serveWsdl: false, onNotifications: () => {} });
    assert.equal((await hidden.handle({ method: "GET", url: "/x?wsdl", headers: {}, body: "" })).status, 405);
  });

  it("413 Fault when the body exceeds maxBodyBytes, also when only Content-Length says so", async () => {
    const { handler } = handlerWith({ maxBodyBytes: 1000, onNotifications: () => assert.fail("not called") });
    const response = await handler.handle(post(MESSAGE));
    assert.equal(response.status, 413);
    assert.match(response.body, /larger than 1000 bytes/);
    assert.equal(handler.precheck({ ...post(""), headers: { "content-type": "text/xml", "content-length": "1001" } })?.status, 413);
    assert.equal(handler.precheck({ ...post(""), headers: { "content-type": "text/xml", "content-length": "1000" } }), undefined);
  });

  it("415 for a non-XML content type; text/xml, application/xml and application/soap+xml pass, charset or not", async () => {
    const { handler } = handlerWith({ dedupe: false, onNotifications: () => {} });
    for (const type of ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]) {
      const response = await handler.handle(post(MESSAGE, { "content-type": type }));
      assert.equal(response.status, 415, type);
    }
    for (const type of ["text/xml", "TEXT/XML; charset=UTF-8", "application/xml", "application/soap+xml; charset=utf-8"]) {
      assert.equal((await handler.handle(post(MESSAGE, { "content-type": type }))).status, 200, type);
    }
  });

  it("500 Server Fault with a generic text when user code throws; exposeErrors shows the message", async () => {
    const failing = () => {
      throw new Error("secret connection string");
    };
    const { handler, errors } = handlerWith({ onNotifications: failing });
    const response = await handler.handle(post(MESSAGE));
    assert.equal(response.status, 500);
    assert.match(response.body, /<faultcode>soapenv:Server<\/faultcode> <faultstring>the notifications could not be processed<\/faultstring>/);
    assert.doesNotMatch(response.body, /secret/);
    assert.equal(errors[0]?.code, "HANDLER_FAILED");
    assert.equal((errors[0]?.cause as Error).message, "secret connection string");
    const { handler: exposing } = handlerWith({ exposeErrors: true, onNotifications: failing });
    assert.match((await exposing.handle(post(MESSAGE))).body, /secret connection string/);
  });
});

describe("user code and context", () => {
  it("onNotifications gets the typed notifications and a context with the header fields and request headers", async () => {
    let seen: { notifications: readonly OpportunityNotification[]; context: Record<string, unknown> } | undefined;
    const { handler } = handlerWith({
      onNotifications: (notifications, context) => {
        seen = { notifications, context: { ...context } };
      },
    });
    await handler.handle(post(messageWith(3), { "x-request-id": "abc" }));
    assert.equal(seen?.notifications.length, 3);
    assert.equal(seen?.notifications[2]?.sObject.Probability, 80);
    assert.equal(seen?.context["OrganizationId"], ORG);
    assert.equal(seen?.context["ActionId"], "04k5w000000TSwMAAW");
    assert.equal(seen?.context["SessionId"], "...");
    assert.equal(seen?.context["EnterpriseUrl"], "...");
    assert.equal(seen?.context["PartnerUrl"], "...");
    assert.equal((seen?.context["headers"] as Record<string, string>)["x-request-id"], "abc");
  });

  it("onNotification runs one at a time in message order by default", async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const { handler } = handlerWith({
      onNotification: async (notification) => {
        maxRunning = Math.max(maxRunning, ++running);
        await new Promise((r) => setTimeout(r, 3));
        order.push(notification.Id.slice(-2));
        running--;
      },
    });
    assert.equal((await handler.handle(post(messageWith(5)))).status, 200);
    assert.deepEqual(order, ["00", "01", "02", "03", "04"]);
    assert.equal(maxRunning, 1);
  });

  it("concurrency runs up to that many at once", async () => {
    let running = 0;
    let maxRunning = 0;
    const { handler } = handlerWith({
      concurrency: 3,
      onNotification: async () => {
        maxRunning = Math.max(maxRunning, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    assert.equal((await handler.handle(post(messageWith(10)))).status, 200);
    assert.equal(maxRunning, 3);
  });

  it("after a failure in onNotification only the unfinished notifications are processed on the retry", async () => {
    const processed: string[] = [];
    let failOn: string | undefined = "02";
    const { handler } = handlerWith({
      onNotification: (notification) => {
        const id = notification.Id.slice(-2);
        if (id === failOn) {
          failOn = undefined;
          throw new Error("transient");
        }
        processed.push(id);
      },
    });
    const message = messageWith(4);
    assert.equal((await handler.handle(post(message))).status, 500);
    assert.deepEqual(processed, ["00", "01"]);
    assert.equal((await handler.handle(post(message))).status, 200);
    assert.deepEqual(processed, ["00", "01", "02", "03"]);
  });

  it("onUnknownFields gets the sorted names of fields the WSDL lacks; the message is still acknowledged", async () => {
    const reports: (readonly string[])[] = [];
    const { handler } = handlerWith({ onUnknownFields: (fields) => reports.push(fields), onNotifications: () => {} });
    const xml = MESSAGE.replace("<sf:Name>", "<sf:Zeta__c>z</sf:Zeta__c><sf:Alpha__c>a</sf:Alpha__c><sf:Name>");
    assert.equal((await handler.handle(post(xml))).status, 200);
    assert.deepEqual(reports, [["Alpha__c", "Zeta__c"]]);
  });

  it("without onUnknownFields, each unknown field is warned about once", async (t) => {
    const warnings: string[] = [];
    t.mock.method(console, "warn", (text: string) => warnings.push(text));
    const { handler } = handlerWith({ dedupe: false, onNotifications: () => {} });
    const xml = MESSAGE.replace("<sf:Name>", "<sf:New_Field__c>x</sf:New_Field__c><sf:Name>");
    await handler.handle(post(xml));
    await handler.handle(post(xml));
    assert.deepEqual(warnings, ["[outbound] fields not in the WSDL (regenerate the package): New_Field__c"]);
  });
});

describe("default logging", () => {
  it("logs rejected deliveries but not the wrong methods and content types of health checks and scanners", async (t) => {
    const logged: string[] = [];
    t.mock.method(console, "warn", (text: string) => logged.push(text));
    t.mock.method(console, "error", (text: string) => logged.push(text));
    const handler = createHandler({ organizationId: ORG, onNotifications: () => {} });
    await handler.handle({ method: "GET", url: "/health", headers: {}, body: "" });
    await handler.handle(post(MESSAGE, { "content-type": "application/json" }));
    assert.deepEqual(logged, []);
    await handler.handle(post(fixture("messages/aspnet-ack-response.xml")));
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? "", /^\[outbound\] 400 INVALID_MESSAGE org unknown: NOT_NOTIFICATIONS at \/Envelope\/Body\/notificationsResponse /);
  });
});

describe("deduplication on (OrganizationId, Notification Id)", () => {
  it("the same message twice: user code runs once per notification, both deliveries are acknowledged", async () => {
    const seen: string[] = [];
    const { handler } = handlerWith({ onNotifications: (ns) => void seen.push(...ns.map((n) => n.Id)) });
    assert.equal((await handler.handle(post(messageWith(3)))).body, ACK_TRUE);
    assert.equal((await handler.handle(post(messageWith(3)))).body, ACK_TRUE);
    assert.equal(seen.length, 3);
    // A later batch that overlaps gets only the new notification.
    await handler.handle(post(messageWith(4)));
    assert.deepEqual(seen.slice(3), ["04l5w00005286h0003"]);
  });

  it("a 15- and an 18-character OrganizationId are the same org for dedupe", async () => {
    let calls = 0;
    const { handler } = handlerWith({ onNotifications: () => void calls++ });
    await handler.handle(post(MESSAGE));
    await handler.handle(post(MESSAGE.replace(`<OrganizationId>${ORG}`, `<OrganizationId>${ORG.slice(0, 15)}`)));
    assert.equal(calls, 1);
  });

  it("two concurrent identical deliveries are processed once; the one that finds it busy is not acknowledged", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { handler } = handlerWith({
      onNotifications: async () => {
        calls++;
        await gate;
      },
    });
    const first = handler.handle(post(MESSAGE));
    const second = await handler.handle(post(MESSAGE));
    assert.equal(second.status, 503);
    assert.match(second.body, /being processed by another delivery/);
    release();
    assert.equal((await first).status, 200);
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
    assert.equal(calls, 1);
  });

  it("a failure releases the keys, so Salesforce's retry processes them", async () => {
    let attempts = 0;
    const { handler } = handlerWith({
      onNotifications: () => {
        if (++attempts === 1) throw new Error("down");
      },
    });
    assert.equal((await handler.handle(post(MESSAGE))).status, 500);
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
    assert.equal(attempts, 2);
  });

  it("completed keys are remembered for 24 hours (injected clock)", async () => {
    let now = Date.UTC(2026, 0, 1);
    let calls = 0;
    const store = new MemoryDedupeStore({ now: () => now });
    const { handler } = handlerWith({ dedupe: store, onNotifications: () => void calls++ });
    await handler.handle(post(MESSAGE));
    now += 24 * 60 * 60 * 1000 - 1;
    await handler.handle(post(MESSAGE));
    assert.equal(calls, 1);
    now += 2;
    await handler.handle(post(MESSAGE));
    assert.equal(calls, 2);
  });

  it("dedupe: false hands every delivery to user code", async () => {
    let calls = 0;
    const { handler } = handlerWith({ dedupe: false, onNotifications: () => void calls++ });
    await handler.handle(post(MESSAGE));
    await handler.handle(post(MESSAGE));
    assert.equal(calls, 2);
  });

  it("a user store is used through claim, complete and release", async () => {
    const log: string[] = [];
    const owners = new Set<string>();
    const store = {
      claim: async (keys: readonly string[], owner: string) => {
        owners.add(owner);
        log.push(`claim ${keys.join(",")}`);
        return keys.map(() => "claimed" as const);
      },
      complete: async (keys: readonly string[], owner: string) => {
        owners.add(owner);
        log.push(`complete ${keys.join(",")}`);
      },
      release: async (keys: readonly string[]) => void log.push(`release ${keys.join(",")}`),
    };
    const { handler } = handlerWith({ dedupe: store, onNotifications: () => {} });
    await handler.handle(post(MESSAGE));
    assert.deepEqual(log, [
      "claim 00D5w000004qGTO:04l5w00005286hAAAQ",
      "complete 00D5w000004qGTO:04l5w00005286hAAAQ",
    ]);
    assert.equal(owners.size, 1, "claim and complete name the same delivery");
  });

  it("a store that fails to claim gives 500 and no user code; one that fails to complete gets no Ack either", async () => {
    let calls = 0;
    const broken = {
      claim: async () => Promise.reject(new Error("redis down")),
      complete: async () => {},
      release: async () => {},
    };
    const { handler, errors } = handlerWith({ dedupe: broken, onNotifications: () => void calls++ });
    assert.equal((await handler.handle(post(MESSAGE))).status, 500);
    assert.equal(calls, 0);
    assert.equal(errors[0]?.code, "DEDUPE_FAILED");
    const forgetful = { ...broken, claim: async (keys: readonly string[]) => keys.map(() => "claimed" as const), complete: async () => Promise.reject(new Error("timeout")) };
    const second = handlerWith({ dedupe: forgetful, onNotifications: () => void calls++ });
    const unrecorded = await second.handler.handle(post(MESSAGE));
    assert.equal(unrecorded.status, 500);
    assert.match(unrecorded.body, /the dedupe store failed to record the processed notifications; not acknowledged, so Salesforce retries/);
    assert.equal(calls, 1);
    assert.equal(second.errors[0]?.code, "DEDUPE_FAILED");
    assert.equal(second.errors[0]?.status, 500);
  });
});

describe("options are validated when the handler is created", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["no organization", { onNotifications: () => {} }, "outbound handler: organizationId is required (your org's 15- or 18-character id); to accept every org, set allowAnyOrganization: true"],
    ["a bad id", { organizationId: "00D-short", onNotifications: () => {} }, 'outbound handler: organizationId must be a 15- or 18-character Salesforce id, got "00D-short"'],
    ["both org options", { organizationId: ORG, allowAnyOrganization: true, onNotifications: () => {} }, "outbound handler: give either organizationId or allowAnyOrganization: true, not both"],
    ["no callback", { organizationId: ORG }, "outbound handler: give exactly one of onNotifications(notifications, context) or onNotification(notification, context)"],
    ["both callbacks", { organizationId: ORG, onNotifications: () => {}, onNotification: () => {} }, "outbound handler: give exactly one of onNotifications(notifications, context) or onNotification(notification, context)"],
    ["concurrency without onNotification", { organizationId: ORG, onNotifications: () => {}, concurrency: 2 }, "outbound handler: concurrency must be a whole number ≥ 1, used with onNotification"],
    ["concurrency 0", { organizationId: ORG, onNotification: () => {}, concurrency: 0 }, "outbound handler: concurrency must be a whole number ≥ 1, used with onNotification"],
    ["maxBodyBytes", { organizationId: ORG, onNotifications: () => {}, maxBodyBytes: -1 }, "outbound handler: maxBodyBytes must be a whole number ≥ 1"],
    ["dedupe", { organizationId: ORG, onNotifications: () => {}, dedupe: {} }, "outbound handler: dedupe must be true, false or a store with claim(keys), complete(keys) and release(keys)"],
    ["onError", { organizationId: ORG, onNotifications: () => {}, onError: "log" }, "outbound handler: onError must be a function"],
  ];
  for (const [name, options, message] of cases) {
    it(name, () => {
      assert.throws(() => createHandler(options as unknown as OpportunityHandlerOptions), { name: "TypeError", message });
    });
  }
});
