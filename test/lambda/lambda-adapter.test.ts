import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACK_TRUE,
  createLambdaHandler,
  WSDL,
  type DeliveryError,
  type DeliveryEvent,
  type LambdaHttpEvent,
  type LambdaHttpResult,
  type OpportunityHandlerOptions,
  type OpportunityNotification,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import * as Package from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { fixture } from "../support/fixtures.js";
import { assertContract } from "./contracts.js";
import { CONTRACT_OF, eventFor, SAMPLE_RESULTS, SOURCES, type Delivery, type SourceName } from "./events.js";

// createLambdaHandler on AWS's sample event of each source, carrying a real captured message.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";
const CONTEXT = { awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678", functionName: "salesforce-outbound", getRemainingTimeInMillis: () => 3000 };

interface Seen {
  readonly notifications: OpportunityNotification[];
  readonly headers: Record<string, string | undefined>[];
  readonly errors: DeliveryError[];
}

function lambdaWith(options: Partial<OpportunityHandlerOptions> = {}) {
  const seen: Seen = { notifications: [], headers: [], errors: [] };
  const handler = createLambdaHandler({
    organizationId: ORG,
    onError: (error) => void seen.errors.push(error),
    onNotifications: (notifications, context) => {
      seen.notifications.push(...notifications);
      seen.headers.push({ ...context.headers });
    },
    ...options,
  } as OpportunityHandlerOptions);
  const invoke = (source: SourceName, delivery: Delivery): Promise<LambdaHttpResult> =>
    handler(eventFor(source, delivery) as LambdaHttpEvent, CONTEXT);
  return { invoke, seen };
}

/** The result's headers, whichever form the source uses. */
function headersOf(result: LambdaHttpResult): Record<string, string> {
  if (result.multiValueHeaders === undefined) return result.headers ?? {};
  return Object.fromEntries(Object.entries(result.multiValueHeaders).map(([name, values]) => [name, values.join(", ")]));
}

/** The shape checks every result of `source` passes, besides the source's contract. */
function assertShape(source: SourceName, result: LambdaHttpResult): void {
  assertContract(CONTRACT_OF[source], result);
  assert.equal(result.isBase64Encoded, false);
  assert.equal(headersOf(result)["content-type"], "text/xml; charset=utf-8");
  assert.equal(headersOf(result)["connection"], undefined, "the function does not own the connection");
  if (source === "alb-multi") assert.equal(result.headers, undefined, "with multi-value headers on, the ALB reads only multiValueHeaders");
  else assert.equal(result.multiValueHeaders, undefined);
  assert.equal(result.statusDescription !== undefined, source === "alb" || source === "alb-multi");
}

describe("the contracts themselves", () => {
  for (const [contract, result] of Object.entries(SAMPLE_RESULTS)) {
    it(`AWS's sample ${contract} result passes the ${contract} contract`, () => {
      assertContract(contract as keyof typeof SAMPLE_RESULTS, result);
    });
  }
  it("a REST result with statusDescription, or a payload 2.0 one with multiValueHeaders, fails", () => {
    assert.throws(() => assertContract("rest", { statusCode: 200, statusDescription: "200 OK", body: "" }), /rest results have no "statusDescription"/);
    assert.throws(() => assertContract("payload-v2", { statusCode: 200, multiValueHeaders: {}, body: "" }), /payload-v2 results have no "multiValueHeaders"/);
  });
});

for (const source of SOURCES) {
  describe(`createLambdaHandler on the ${source} sample event`, () => {
    it("acknowledges a real captured message (plain body) after the user code ran, with lower-case headers", async () => {
      const { invoke, seen } = lambdaWith();
      const result = await invoke(source, { body: MESSAGE });
      assertShape(source, result);
      assert.equal(result.statusCode, 200);
      assert.equal(result.body, ACK_TRUE);
      if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "200 OK");
      assert.deepEqual(
        seen.notifications.map(({ Id, sObject }) => [Id, sObject.Name, sObject.Amount]),
        [["04l5w00005286hAAAQ", "Backpackers, Inc. (Sample)", 45000]],
      );
      assert.equal(seen.headers[0]?.["content-type"], "text/xml; charset=UTF-8");
      assert.equal(seen.headers[0]?.["soapaction"], '""');
      assert.deepEqual(seen.errors, []);
    });

    it("decodes a base64 body to bytes: UTF-8 text arrives intact", async () => {
      const { invoke, seen } = lambdaWith();
      const result = await invoke(source, { body: MESSAGE.replace("Backpackers, Inc.", "Rückenwind &amp; Söhne"), base64: true });
      assertShape(source, result);
      assert.equal(result.body, ACK_TRUE);
      assert.equal(seen.notifications[0]?.sObject.Name, "Rückenwind & Söhne (Sample)");
    });

    it("answers 400 INVALID_ENCODING for a base64 body that is not UTF-8", async () => {
      const { invoke, seen } = lambdaWith();
      const bytes = new TextEncoder().encode(MESSAGE);
      bytes[MESSAGE.indexOf("Backpackers")] = 0xff;
      const result = await invoke(source, { body: bytes, base64: true });
      assertShape(source, result);
      assert.equal(result.statusCode, 400);
      assert.match(result.body, /<faultcode>soapenv:Client<\/faultcode> <faultstring>INVALID_ENCODING at /);
      assert.deepEqual(seen.notifications, []);
    });

    it("answers 403 for another organization, without running the user code", async () => {
      const { invoke, seen } = lambdaWith();
      const result = await invoke(source, { body: MESSAGE.replace(ORG, "00D000000000001AAA"), base64: true });
      assertShape(source, result);
      assert.equal(result.statusCode, 403);
      assert.match(result.body, /<faultstring>this endpoint does not accept messages from this organization<\/faultstring>/);
      if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "403 Forbidden");
      assert.deepEqual(seen.notifications, []);
      assert.equal(seen.errors[0]?.code, "ORGANIZATION_NOT_ALLOWED");
    });

    it("serves the WSDL on GET ?wsdl, and answers any other GET with 405 and Allow: POST", async () => {
      const { invoke } = lambdaWith();
      const wsdl = await invoke(source, { method: "GET", query: { wsdl: "" } });
      assertShape(source, wsdl);
      assert.equal(wsdl.statusCode, 200);
      assert.equal(wsdl.body, WSDL);
      const other = await invoke(source, { method: "GET", query: { key: "hello" } });
      assertShape(source, other);
      assert.equal(other.statusCode, 405);
      assert.equal(headersOf(other)["allow"], "POST");
      if (other.statusDescription !== undefined) assert.equal(other.statusDescription, "405 Method Not Allowed");
    });

    it("answers 413 for a body over maxBodyBytes: declared, plain and base64 (not decoded)", async () => {
      const size = new TextEncoder().encode(MESSAGE).length;
      const { invoke, seen } = lambdaWith({ maxBodyBytes: size - 1 });
      for (const delivery of [{ body: MESSAGE }, { body: MESSAGE, base64: true }, { body: "<x/>", contentLength: size }]) {
        const result = await invoke(source, delivery);
        assertShape(source, result);
        assert.equal(result.statusCode, 413, JSON.stringify(delivery).slice(0, 40));
        assert.match(result.body, new RegExp(`<faultstring>the message is larger than ${size - 1} bytes</faultstring>`));
        if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "413 Payload Too Large");
      }
      assert.deepEqual(seen.errors.map((error) => error.code), ["BODY_TOO_LARGE", "BODY_TOO_LARGE", "BODY_TOO_LARGE"]);
      const fits = await lambdaWith({ maxBodyBytes: size }).invoke(source, { body: MESSAGE, base64: true });
      assert.equal(fits.statusCode, 200);
    });

    it("answers 503 while another delivery processes the same notification", async () => {
      const busy = { claim: async (keys: readonly string[]) => keys.map(() => "busy" as const), complete: async () => {}, release: async () => {} };
      const { invoke, seen } = lambdaWith({ dedupe: busy });
      const result = await invoke(source, { body: MESSAGE });
      assertShape(source, result);
      assert.equal(result.statusCode, 503);
      assert.match(result.body, /<faultstring>notification 04l5w00005286hAAAQ is being processed by another delivery; retry later<\/faultstring>/);
      if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "503 Service Unavailable");
      assert.deepEqual(seen.notifications, []);
    });

    it("answers a 500 Server Fault when the user code throws, without its message", async () => {
      const { invoke, seen } = lambdaWith({
        onNotifications: () => {
          throw new Error("database password is hunter2");
        },
      });
      const result = await invoke(source, { body: MESSAGE });
      assertShape(source, result);
      assert.equal(result.statusCode, 500);
      assert.match(result.body, /<faultcode>soapenv:Server<\/faultcode>/);
      assert.doesNotMatch(result.body, /hunter2/);
      if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "500 Internal Server Error");
      assert.equal(seen.errors[0]?.code, "HANDLER_FAILED");
    });
  });
}

describe("createLambdaHandler beyond HTTP events", () => {
  it("rejects an event that is not an HTTP request, saying what it expected", async () => {
    const { invoke } = lambdaWith();
    const s3 = { Records: [{ eventSource: "aws:s3" }] } as unknown as LambdaHttpEvent;
    const handler = createLambdaHandler({ organizationId: ORG, onNotifications: () => {} });
    await assert.rejects(handler(s3), {
      name: "TypeError",
      message:
        "outbound Lambda handler: the event is not an HTTP request from API Gateway, a Function URL or an ALB (it has neither httpMethod nor rawPath)",
    });
    assert.equal((await invoke("rest", { body: MESSAGE })).statusCode, 200);
  });

  it("reads a hand-made REST test event that fills only headers and queryStringParameters", async () => {
    const notifications: OpportunityNotification[] = [];
    const handler = createLambdaHandler({ organizationId: ORG, onNotifications: (ns) => void notifications.push(...ns) });
    const post = { ...eventFor("rest", { body: MESSAGE }), multiValueHeaders: {} } as LambdaHttpEvent;
    assert.equal((await handler(post)).body, ACK_TRUE);
    assert.equal(notifications.length, 1);
    const get = { ...eventFor("rest", { method: "GET", query: { wsdl: "" } }), multiValueQueryStringParameters: null } as LambdaHttpEvent;
    assert.equal((await handler(get)).body, WSDL);
  });

  // Only a hand-made event gets a body that is not base64, yet it is a rejected request like any other.
  const NOT_BASE64 = "INVALID_ENCODING: the event says isBase64Encoded, but its body is not base64";

  for (const source of SOURCES) {
    it(`answers 400 for the ${source} event whose base64 body is not base64, through onError and onDelivery`, async () => {
      const notifications: OpportunityNotification[] = [];
      const errors: DeliveryError[] = [];
      const events: DeliveryEvent[] = [];
      const handler = createLambdaHandler({
        organizationId: ORG,
        onNotifications: (ns) => void notifications.push(...ns),
        onError: (error, context) => {
          errors.push(error);
          assert.equal(context, undefined, "nothing of the message was read");
        },
        onDelivery: (event) => void events.push(event),
      });
      const event = { ...eventFor(source, { body: MESSAGE, base64: true }), body: "<not base64>" } as LambdaHttpEvent;
      const result = await handler(event, CONTEXT);
      assertShape(source, result);
      assert.equal(result.statusCode, 400);
      assert.match(result.body, new RegExp(`<faultcode>soapenv:Client</faultcode> <faultstring>${NOT_BASE64}</faultstring>`));
      if (result.statusDescription !== undefined) assert.equal(result.statusDescription, "400 Bad Request");
      assert.deepEqual(notifications, []);
      assert.deepEqual(
        errors.map(({ name, code, status, message }) => ({ name, code, status, message })),
        [{ name: "DeliveryError", code: "INVALID_MESSAGE", status: 400, message: NOT_BASE64 }],
      );
      assert.deepEqual(
        events.map(({ outcome, status, code, reason, organizationId }) => ({ outcome, status, code, reason, organizationId })),
        [{ outcome: "rejected", status: 400, code: "INVALID_MESSAGE", reason: "INVALID_ENCODING", organizationId: undefined }],
      );
    });
  }

  it("logs the body that is not base64 like any other rejected message when there is no onError", async () => {
    const lines: string[] = [];
    const logger = { warn: (line: string) => void lines.push(`warn ${line}`), error: (line: string) => void lines.push(`error ${line}`) };
    const handler = createLambdaHandler({ organizationId: ORG, onNotifications: () => {}, logger });
    const event = { ...eventFor("rest", { body: MESSAGE, base64: true }), body: "<not base64>" } as LambdaHttpEvent;
    assert.equal((await handler(event, CONTEXT)).statusCode, 400);
    assert.deepEqual(lines, [`warn [outbound] 400 INVALID_MESSAGE org unknown: ${NOT_BASE64}`]);
  });
});

describe("createRouterLambdaHandler", () => {
  const CONTACT = fixture("messages/aspnet-contact-2notifications-api41.xml");
  const CASE = fixture("messages/unknownrepo-case-api25-na5api.xml");

  function router() {
    const seen: string[] = [];
    const handler = Package.createRouterLambdaHandler({
      allowAnyOrganization: true,
      onError: () => {},
      actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
      messages: {
        Contact: { onNotifications: (ns) => void seen.push(...ns.map((n) => `Contact ${n.sObject.FirstName}`)) },
        Case: { onNotification: (n) => void seen.push(`Case ${n.sObject.ContactId}`) },
        AldoforceOpportunity: { onNotifications: () => {} },
        MulesoftOpportunityReformatted: { onNotifications: () => {} },
      },
    });
    return { handler, seen };
  }

  for (const source of SOURCES) {
    it(`routes real messages on the ${source} sample event and serves each WSDL by name`, async () => {
      const { handler, seen } = router();
      const invoke = (delivery: Delivery) => handler(eventFor(source, { path: "/salesforce", ...delivery }) as LambdaHttpEvent, CONTEXT);
      for (const [body, base64] of [[CONTACT, false], [CASE, true]] as const) {
        const result = await invoke({ body, base64 });
        assertShape(source, result);
        assert.equal(result.body, ACK_TRUE);
      }
      assert.deepEqual(seen, ["Contact Jeraldine", "Contact Doug", "Case 0037000000xicp7AAA"]);
      const wsdl = await invoke({ method: "GET", query: { wsdl: "Case" } });
      assert.equal(wsdl.statusCode, 200);
      assert.equal(wsdl.body, Package.Case.WSDL);
      const unnamed = await invoke({ method: "GET", query: { wsdl: "" } });
      assertShape(source, unnamed);
      assert.equal(unnamed.statusCode, 404);
      assert.match(unnamed.body, /ask for one WSDL with \?wsdl=&lt;name&gt;; this endpoint has Contact, /);
    });
  }
});
