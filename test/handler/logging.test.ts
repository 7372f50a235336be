import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fastify from "fastify";
import {
  createHandler,
  type Logger,
  type OpportunityHandlerOptions,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixture } from "../support/fixtures.js";
import { recordingLogger } from "../support/logger.js";
import { post } from "../support/requests.js";

// The default logging: one line per request not acknowledged, a stack only when user code failed;
// any logger with warn and error (console, pino) takes it.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";

function handlerWith(options: Partial<OpportunityHandlerOptions>) {
  const logger = recordingLogger();
  const handler = createHandler({ organizationId: ORG, onNotifications: () => {}, ...options, logger } as OpportunityHandlerOptions);
  return { handler, lines: logger.lines };
}

describe("default logging", () => {
  it("a client 400 is one warn line with status, code, element path and org prefix, and no stack", async () => {
    const { handler, lines } = handlerWith({});
    await handler.handle(post(MESSAGE.replace("<sf:Amount>45000.0", "<sf:Amount>abc")));
    assert.deepEqual(lines, [
      [
        "warn",
        '[outbound] 400 INVALID_MESSAGE org 00D5w000004qGTO: INVALID_VALUE at /Envelope/Body/notifications/Notification[1]/sObject/Amount (line 15, column 6): expected an xsd:double, got "abc"',
        undefined,
      ],
    ]);
  });

  it("a foreign org is one line with its prefix; a line never spans lines", async () => {
    const { handler, lines } = handlerWith({});
    await handler.handle(post(MESSAGE.replace(`<OrganizationId>${ORG}`, "<OrganizationId>00D000000000001AAA")));
    assert.deepEqual(lines, [
      ["warn", "[outbound] 403 ORGANIZATION_NOT_ALLOWED org 00D000000000001: this endpoint does not accept messages from this organization", undefined],
    ]);
    const store = { claim: async () => Promise.reject(new Error("ERR\n  at the server\r\n  again")), complete: async () => {}, release: async () => {} };
    const multiLine = handlerWith({ dedupe: store });
    await multiLine.handler.handle(post(MESSAGE));
    assert.deepEqual(multiLine.lines.map(([, message]) => message), [
      "[outbound] 500 DEDUPE_FAILED org 00D5w000004qGTO: the dedupe store failed to claim the notifications: ERR at the server again",
    ]);
  });

  it("user code that throws is an error line with the error itself (its stack)", async () => {
    const failure = new Error("database down");
    const { handler, lines } = handlerWith({
      onNotifications: () => {
        throw failure;
      },
    });
    await handler.handle(post(MESSAGE));
    assert.deepEqual(lines, [["error", "[outbound] 500 HANDLER_FAILED org 00D5w000004qGTO: the notifications could not be processed", failure]]);
  });

  it("a store failure is one error line with the store's message, no stack", async () => {
    const store = { claim: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")), complete: async () => {}, release: async () => {} };
    const { handler, lines } = handlerWith({ dedupe: store });
    await handler.handle(post(MESSAGE));
    assert.deepEqual(lines, [
      ["error", "[outbound] 500 DEDUPE_FAILED org 00D5w000004qGTO: the dedupe store failed to claim the notifications: connect ECONNREFUSED 127.0.0.1:6379", undefined],
    ]);
  });

  it("unknown fields are warned through the logger; onError replaces the default logging", async () => {
    const { handler, lines } = handlerWith({});
    await handler.handle(post(MESSAGE.replace("<sf:Name>", "<sf:New__c>x</sf:New__c><sf:Name>")));
    assert.deepEqual(lines, [["warn", "[outbound] fields not in the WSDL (regenerate the package): New__c", undefined]]);
    const seen: string[] = [];
    const quiet = handlerWith({ onError: (error) => seen.push(error.code) });
    await quiet.handler.handle(post("<x/>"));
    assert.deepEqual(quiet.lines, []);
    assert.deepEqual(seen, ["INVALID_MESSAGE"]);
  });

  it("console is the default", async (t) => {
    const warned: unknown[][] = [];
    t.mock.method(console, "warn", (...args: unknown[]) => void warned.push(args));
    const handler = createHandler({ organizationId: ORG, onNotifications: () => {} });
    await handler.handle(post("<x/>"));
    assert.equal(warned.length, 1);
    assert.match(String(warned[0]?.[0]), /^\[outbound\] 400 INVALID_MESSAGE org unknown: NOT_NOTIFICATIONS at \/x /);
  });

  it("pino (here Fastify's own logger) fits the logger option as it is", async () => {
    const written: string[] = [];
    const app = Fastify({ logger: { level: "warn", stream: { write: (line: string) => void written.push(line) } } });
    const logger: Logger = app.log;
    const handler = createHandler({ organizationId: ORG, onNotifications: () => {}, logger });
    await handler.handle(post("<x/>"));
    assert.equal(written.length, 1);
    const record = JSON.parse(written[0] ?? "{}") as { level: number; msg: string };
    assert.equal(record.level, 40);
    assert.match(record.msg, /^\[outbound\] 400 INVALID_MESSAGE org unknown: NOT_NOTIFICATIONS at \/x /);
    await app.close();
  });
});
