import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import {
  ACK_TRUE,
  createHandler,
  createPostgresInbox,
  type DeliveryEvent,
  type OpportunityHandlerOptions,
  type OpportunityNotifications,
  type PostgresInbox,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { recordingLogger } from "../support/logger.js";
import { post } from "../support/requests.js";
import { messageXml, notificationId, ORGANIZATION_ID, recordId } from "./messages.js";

// The inbox in the handler core: the same order of checks, option names, delivery events and
// logging as the synchronous path, with recording in place of user code.

const specs = (m: number, count: number) => Array.from({ length: count }, (_, n) => ({ id: notificationId(m, n), record: recordId(n) }));

describe("inbox in the handler core", () => {
  let db: PGlite;
  let inbox: PostgresInbox<OpportunityNotifications>;
  before(async () => {
    db = new PGlite();
    inbox = createPostgresInbox(db, { table: "inbox_core" });
    await inbox.migrate();
  });
  after(async () => {
    await db.close();
  });

  it("onDelivery gets one event per inbox delivery: recorded now as new, recorded before as duplicate", async () => {
    const events: DeliveryEvent[] = [];
    const handler = createHandler({ organizationId: ORGANIZATION_ID, inbox, onDelivery: (event) => events.push(event) });
    const first = specs(1, 3);
    const response = await handler.handle(post(messageXml([...first, first[0]!])));
    assert.deepEqual([response.status, response.body], [200, ACK_TRUE]);
    const again = await handler.handle(post(messageXml([...first, ...specs(2, 2)])));
    assert.deepEqual([again.status, again.body], [200, ACK_TRUE]);
    const redelivered = await handler.handle(post(messageXml(first)));
    assert.equal(redelivered.status, 200);
    assert.deepEqual(
      events.map((event) => [event.outcome, event.status, event.code, event.organizationId, event.notifications]),
      [
        ["acked", 200, undefined, ORGANIZATION_ID, { new: 3, duplicate: 1, busy: 0, failed: 0 }],
        ["acked", 200, undefined, ORGANIZATION_ID, { new: 2, duplicate: 3, busy: 0, failed: 0 }],
        ["acked-all-duplicates", 200, undefined, ORGANIZATION_ID, { new: 0, duplicate: 3, busy: 0, failed: 0 }],
      ],
    );
    for (const event of events) {
      assert.ok(event.durations.dedupeMs > 0, "the write is timed as the dedupe record");
      assert.equal(event.durations.userCodeMs, 0);
      assert.ok(event.durations.totalMs >= event.durations.dedupeMs + event.durations.parseMs);
      assert.ok(event.bodyBytes > 0);
    }
    assert.deepEqual(await inbox.stats(), { pending: 5, processing: 0, done: 0, dead: 0 });
  });

  it("the org and type checks run before recording: a foreign org gets 403 whatever else is wrong, a wrong type 400", async () => {
    let recorded = 0;
    const counting = { record: async (message: OpportunityNotifications) => ((recorded += message.Notification.length), inbox.record(message)) };
    const events: DeliveryEvent[] = [];
    const handler = createHandler({ organizationId: ORGANIZATION_ID, inbox: counting, onDelivery: (event) => events.push(event), onError: () => {} });
    const foreign = await handler.handle(post(messageXml(specs(3, 2), "00D000000000001AAA")));
    const wrongType = await handler.handle(post(messageXml(specs(4, 2), "00D000000000001AAA").replace('xsi:type="sf:Opportunity"', 'xsi:type="sf:Account"')));
    const ownWrongType = await handler.handle(post(messageXml(specs(4, 2)).replace('xsi:type="sf:Opportunity"', 'xsi:type="sf:Account"')));
    assert.deepEqual([foreign.status, wrongType.status, ownWrongType.status], [403, 403, 400]);
    assert.equal(recorded, 0);
    assert.deepEqual(
      events.map((event) => [event.outcome, event.code]),
      [
        ["rejected", "ORGANIZATION_NOT_ALLOWED"],
        ["rejected", "ORGANIZATION_NOT_ALLOWED"],
        ["rejected", "INVALID_MESSAGE"],
      ],
    );
  });

  it("a failed or slow write is a 500 INBOX_FAILED, nothing acked, every notification failed, logged as one error line", async () => {
    const logger = recordingLogger();
    const events: DeliveryEvent[] = [];
    const failing = { record: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) };
    const handler = createHandler({ organizationId: ORGANIZATION_ID, inbox: failing, logger, onDelivery: (event) => events.push(event) });
    const response = await handler.handle(post(messageXml(specs(5, 2))));
    assert.equal(response.status, 500);
    assert.ok(!response.body.includes("<Ack>"), response.body);
    assert.match(response.body, /<faultstring>the notifications could not be recorded in the inbox<\/faultstring>/);
    assert.deepEqual(logger.lines, [
      ["error", "[outbound] 500 INBOX_FAILED org 00D5w000004qGTO: the notifications could not be recorded in the inbox: connect ECONNREFUSED 127.0.0.1:5432", undefined],
    ]);
    const slow = { record: () => new Promise<number>(() => {}) };
    const timed = createHandler({ organizationId: ORGANIZATION_ID, inbox: slow, logger, storeTimeoutMs: 30, onDelivery: (event) => events.push(event) });
    assert.equal((await timed.handle(post(messageXml(specs(6, 3))))).status, 500);
    assert.equal(logger.lines[1]?.[1], "[outbound] 500 INBOX_FAILED org 00D5w000004qGTO: the notifications could not be recorded in the inbox: the inbox did not record within 30 ms");
    const odd = { record: async () => undefined as unknown as number };
    const oddHandler = createHandler({ organizationId: ORGANIZATION_ID, inbox: odd, logger, onDelivery: (event) => events.push(event) });
    assert.equal((await oddHandler.handle(post(messageXml(specs(7, 1))))).status, 500);
    assert.equal(
      logger.lines[2]?.[1],
      "[outbound] 500 INBOX_FAILED org 00D5w000004qGTO: the notifications could not be recorded in the inbox: record answered undefined; expected how many of the 1 notifications are new",
    );
    assert.deepEqual(
      events.map((event) => [event.outcome, event.status, event.code, event.notifications]),
      [
        ["failed", 500, "INBOX_FAILED", { new: 0, duplicate: 0, busy: 0, failed: 2 }],
        ["failed", 500, "INBOX_FAILED", { new: 0, duplicate: 0, busy: 0, failed: 3 }],
        ["failed", 500, "INBOX_FAILED", { new: 0, duplicate: 0, busy: 0, failed: 1 }],
      ],
    );
    assert.ok((events[1]?.durations.dedupeMs ?? 0) >= 25);
  });

  it("inbox is a known option name; a misspelt one still errors with a suggestion", () => {
    assert.doesNotThrow(() => createHandler({ organizationId: ORGANIZATION_ID, inbox }));
    assert.throws(() => createHandler({ organizationId: ORGANIZATION_ID, inbx: inbox } as unknown as OpportunityHandlerOptions), {
      name: "TypeError",
      message: "outbound handler: unknown option inbx (did you mean inbox?)",
    });
    assert.throws(() => createHandler({ organizationId: ORGANIZATION_ID, inbox, onNotifcations: () => {} } as unknown as OpportunityHandlerOptions), {
      message: "outbound handler: unknown option onNotifcations (did you mean onNotifications?)",
    });
    assert.throws(() => createHandler({ organizationId: ORGANIZATION_ID, inbox, onNotifications: () => {} } as unknown as OpportunityHandlerOptions), {
      message: "outbound handler: give either inbox or onNotifications/onNotification, not both: inbox workers run the code",
    });
  });
});
