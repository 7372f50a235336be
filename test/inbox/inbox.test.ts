import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import {
  ACK_TRUE,
  createFetchHandler,
  createNodeHandler,
  createPostgresInbox,
  parseNotifications,
  type DeliveryError,
  type InboxContext,
  type OpportunityNotification,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import * as multi from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { fixture } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";
import { messageXml, notificationId, ORGANIZATION_ID, recordId } from "./messages.js";
import { until } from "./until.js";

// The inbox on PGlite (the embedded Postgres): the handler's Ack after the commit, the worker's
// retries, dead letters, order per record and the operations. The real-server suites are in
// crash.test.ts and bullmq.test.ts.

const FAST = { leaseMs: 2000, retryDelayMs: 20, maxRetryDelayMs: 40, maxAttempts: 3 };

describe("inbox on PGlite", () => {
  let db: PGlite;
  let tables = 0;
  const freshInbox = async (options: Parameters<typeof createPostgresInbox>[1] = {}) => {
    const inbox = createPostgresInbox(db, { ...FAST, table: `inbox_unit_${tables++}`, ...options });
    await inbox.migrate();
    return inbox;
  };
  before(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  after(async () => {
    await db.close();
  });

  it("migrate() is idempotent and creates the table and its indexes", async () => {
    const inbox = await freshInbox({ table: "inbox_migrate" });
    await inbox.migrate();
    const { rows } = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'inbox_migrate' ORDER BY 1");
    assert.deepEqual(
      rows.map((row) => row.indexname),
      ["inbox_migrate_due", "inbox_migrate_finished", "inbox_migrate_organization_notification_id_key", "inbox_migrate_pkey", "inbox_migrate_record"],
    );
  });

  it("acks over HTTP once recorded; a redelivery (18- or 15-character org id) is acked and recorded once", async () => {
    const inbox = await freshInbox();
    const server = await listen(createNodeHandler({ organizationId: ORGANIZATION_ID, inbox }));
    try {
      const specs = Array.from({ length: 5 }, (_, n) => ({ id: notificationId(1, n), record: recordId(n) }));
      const first = await postSoap(server.url, messageXml([...specs, specs[0]!]));
      assert.equal(first.status, 200);
      assert.equal(first.body, ACK_TRUE);
      assert.deepEqual(await inbox.stats(), { pending: 5, processing: 0, done: 0, dead: 0 });
      const again = await postSoap(server.url, messageXml(specs));
      const short = await postSoap(server.url, messageXml(specs, ORGANIZATION_ID.slice(0, 15)));
      assert.deepEqual([again.status, again.body, short.status, short.body], [200, ACK_TRUE, 200, ACK_TRUE]);
      assert.deepEqual(await inbox.stats(), { pending: 5, processing: 0, done: 0, dead: 0 });
    } finally {
      await server.close();
    }
  });

  it("a database that is down gets a 500 Fault with nothing acked, and onError sees INBOX_FAILED", async () => {
    const closed = new PGlite();
    const inbox = createPostgresInbox(closed, { table: "inbox_down" });
    await inbox.migrate();
    await closed.close();
    const errors: DeliveryError[] = [];
    const handler = createFetchHandler({ organizationId: ORGANIZATION_ID, inbox, onError: (error) => errors.push(error) });
    const response = await handler(
      new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: messageXml([{ id: notificationId(2, 0), record: recordId(0) }]),
      }),
    );
    assert.equal(response.status, 500);
    const body = await response.text();
    assert.ok(!body.includes("<Ack>"), body);
    assert.match(body, /<faultstring>the notifications could not be recorded in the inbox<\/faultstring>/);
    assert.deepEqual(
      errors.map((error) => [error.code, error.status, error.message]),
      [["INBOX_FAILED", 500, "the notifications could not be recorded in the inbox"]],
    );
  });

  it("a commit that fails gets a 500 Fault and records none of the message; the retry is acked and recorded once", async () => {
    const inbox = await freshInbox();
    const table = inbox.table;
    // A deferred constraint trigger runs at commit: it fails the commit of any message with a
    // notification of record 9, after every row of the statement was inserted.
    await db.exec(`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.record_key LIKE '%${recordId(9)}' THEN RAISE EXCEPTION 'commit refused'; END IF; RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit();`);
    const handler = createNodeHandler({ organizationId: ORGANIZATION_ID, inbox, onError: () => {} });
    const server = await listen(handler);
    try {
      const specs = [0, 1, 9, 2].map((r, n) => ({ id: notificationId(3, n), record: recordId(r) }));
      const refused = await postSoap(server.url, messageXml(specs));
      assert.equal(refused.status, 500);
      assert.ok(!refused.body.includes("<Ack>"));
      assert.deepEqual(await inbox.stats(), { pending: 0, processing: 0, done: 0, dead: 0 });
      await db.exec(`DROP TRIGGER refuse ON ${table}; DROP FUNCTION refuse_commit();`);
      const retried = await postSoap(server.url, messageXml(specs));
      assert.deepEqual([retried.status, retried.body], [200, ACK_TRUE]);
      const redelivered = await postSoap(server.url, messageXml(specs));
      assert.deepEqual([redelivered.status, redelivered.body], [200, ACK_TRUE]);
      assert.deepEqual(await inbox.stats(), { pending: 4, processing: 0, done: 0, dead: 0 });
    } finally {
      await server.close();
    }
  });

  it("the worker gets the parsed notification and its context; done items count as done", async () => {
    const inbox = await freshInbox();
    const xml = messageXml([{ id: notificationId(4, 0), record: recordId(0) }, { id: notificationId(4, 1), record: recordId(1) }]);
    const parsed = parseNotifications(xml);
    const before = Date.now();
    await inbox.record(parsed);
    const seen: [OpportunityNotification, InboxContext][] = [];
    const worker = inbox.work((notification, context) => void seen.push([notification, context]), { pollIntervalMs: 10 });
    await until(() => seen.length === 2);
    await worker.stop();
    assert.deepEqual(
      seen.map(([notification]) => notification),
      parsed.Notification,
    );
    const [, context] = seen[0]!;
    assert.deepEqual(
      { ...context, receivedAt: undefined, id: undefined },
      {
        OrganizationId: parsed.OrganizationId,
        ActionId: parsed.ActionId,
        SessionId: parsed.SessionId,
        EnterpriseUrl: parsed.EnterpriseUrl,
        PartnerUrl: parsed.PartnerUrl,
        attempt: 1,
        receivedAt: undefined,
        id: undefined,
      },
    );
    assert.ok(context.receivedAt instanceof Date && Math.abs(context.receivedAt.getTime() - before) < 60_000);
    assert.deepEqual(await inbox.stats(), { pending: 0, processing: 0, done: 2, dead: 0 });
  });

  it("failures are retried with backoff; after maxAttempts the item is dead with its last error; retry(id) requeues it", async () => {
    const inbox = await freshInbox({ maxAttempts: 3, retryDelayMs: 50, maxRetryDelayMs: 80 });
    await inbox.record(parseNotifications(messageXml([{ id: notificationId(5, 0), record: recordId(0) }])));
    const attempts: [number, number][] = [];
    let healed = false;
    const worker = inbox.work(
      (_notification, context) => {
        attempts.push([context.attempt, Date.now()]);
        if (!healed) throw new Error(`poison, attempt ${context.attempt}`);
      },
      { pollIntervalMs: 5, onError: () => {} },
    );
    await until(async () => (await inbox.stats()).dead === 1);
    assert.deepEqual(
      attempts.map(([attempt]) => attempt),
      [1, 2, 3],
    );
    const gaps = attempts.slice(1).map(([, at], i) => at - attempts[i]![1]);
    assert.ok(gaps[0]! >= 45 && gaps[1]! >= 75, `backoff 50 ms, then 80 ms (capped from 100): ${gaps.join(", ")}`);
    const dead = await inbox.deadLetters({ limit: 10 });
    assert.equal(dead.length, 1);
    assert.deepEqual(
      { ...dead[0], receivedAt: undefined, diedAt: undefined, id: undefined, notification: dead[0]!.notification.Id },
      { id: undefined, notification: notificationId(5, 0), OrganizationId: ORGANIZATION_ID, attempts: 3, error: "poison, attempt 3", receivedAt: undefined, diedAt: undefined },
    );
    assert.equal(await inbox.retry("999999"), false);
    assert.equal(await inbox.retry("not an id"), false);
    healed = true;
    assert.equal(await inbox.retry(dead[0]!.id), true);
    await until(async () => (await inbox.stats()).done === 1);
    await worker.stop();
    assert.deepEqual(attempts.map(([attempt]) => attempt), [1, 2, 3, 1]);
    assert.deepEqual(await inbox.deadLetters(), []);
  });

  it("items of one record run one at a time in arrival order, others in parallel; stop() waits for those in flight", async () => {
    const inbox = await freshInbox();
    const specs = Array.from({ length: 12 }, (_, n) => ({ id: notificationId(6, n), record: recordId(n % 3) }));
    await inbox.record(parseNotifications(messageXml(specs.slice(0, 6))));
    await inbox.record(parseNotifications(messageXml(specs.slice(6))));
    const running = new Set<string>();
    let overlap = 0;
    let maxRunning = 0;
    const order: string[] = [];
    let finished = 0;
    const worker = inbox.work(
      async (notification) => {
        if (running.has(notification.sObject.Id)) overlap++;
        running.add(notification.sObject.Id);
        maxRunning = Math.max(maxRunning, running.size);
        order.push(notification.Id);
        await sleep(30);
        running.delete(notification.sObject.Id);
        finished++;
      },
      { concurrency: 6, pollIntervalMs: 5 },
    );
    await until(() => order.length >= 8);
    const startedAtStop = order.length;
    await worker.stop();
    assert.equal(finished, startedAtStop, "stop() resolved only once every started item finished");
    assert.equal(overlap, 0);
    assert.equal(maxRunning, 3);
    for (let r = 0; r < 3; r++) {
      const ofRecord = order.filter((id) => specs.find((spec) => spec.id === id)!.record === recordId(r));
      assert.deepEqual(ofRecord, specs.filter((spec) => spec.record === recordId(r)).map((spec) => spec.id).slice(0, ofRecord.length));
    }
    const stats = await inbox.stats();
    assert.deepEqual(stats, { pending: 12 - startedAtStop, processing: 0, done: startedAtStop, dead: 0 });
  });

  it("sweep() removes processed items past retentionMs and nothing else", async () => {
    const inbox = await freshInbox({ retentionMs: 100 });
    await inbox.record(parseNotifications(messageXml([0, 1, 2].map((n) => ({ id: notificationId(7, n), record: recordId(n) })))));
    const worker = inbox.work((notification) => {
      if (notification.Id === notificationId(7, 2)) throw new Error("kept");
    }, { pollIntervalMs: 5, onError: () => {} });
    await until(async () => (await inbox.stats()).done === 2);
    await worker.stop();
    assert.equal(await inbox.sweep(), 0);
    await sleep(150);
    assert.equal(await inbox.sweep(), 2);
    assert.deepEqual(await inbox.stats(), { pending: 1, processing: 0, done: 0, dead: 0 });
  });

  it("a router (Fetch adapter) records each message in its own inbox, one table for two; each worker gets only its own", async () => {
    const table = `inbox_unit_${tables++}`;
    const contacts = multi.Contact.createPostgresInbox(db, { table });
    const cases = multi.Case.createPostgresInbox(db, { table });
    await contacts.migrate();
    const handler = multi.createRouterFetchHandler({
      allowAnyOrganization: true,
      actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
      messages: {
        Contact: { inbox: contacts },
        Case: { inbox: cases },
        AldoforceOpportunity: { onNotifications: () => {} },
        MulesoftOpportunityReformatted: { onNotifications: () => {} },
      },
      onUnknownFields: () => {},
    });
    const contactXml = fixture("messages/aspnet-contact-2notifications-api41.xml");
    const caseXml = fixture("messages/unknownrepo-case-api25-na5api.xml");
    for (const body of [contactXml, caseXml]) {
      const response = await handler(new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "text/xml" }, body }));
      assert.deepEqual([response.status, await response.text()], [200, ACK_TRUE]);
    }
    const expectedCases = multi.Case.parseNotifications(caseXml).Notification;
    assert.deepEqual(await contacts.stats(), { pending: 2, processing: 0, done: 0, dead: 0 });
    assert.deepEqual(await cases.stats(), { pending: expectedCases.length, processing: 0, done: 0, dead: 0 });
    const seen: unknown[] = [];
    const worker = contacts.work((notification) => void seen.push(notification), { pollIntervalMs: 5 });
    await until(() => seen.length === 2);
    await sleep(50);
    await worker.stop();
    assert.deepEqual(seen, multi.Contact.parseNotifications(contactXml).Notification);
    assert.deepEqual(await cases.stats(), { pending: expectedCases.length, processing: 0, done: 0, dead: 0 });
  });

  it("options are checked with exact messages", async () => {
    assert.throws(() => createPostgresInbox(db, { maxAttempts: 1.5 }), { name: "TypeError", message: "createPostgresInbox: maxAttempts must be a whole number, got 1.5" });
    assert.throws(() => createPostgresInbox(db, { retryDelayMs: 0 }), { name: "TypeError", message: "createPostgresInbox: retryDelayMs must be a positive number, got 0" });
    assert.throws(() => createPostgresInbox(db, { table: "Bad" }), {
      name: "TypeError",
      message: 'createPostgresInbox: table must be a lower-case SQL name of letters, digits and _ (optionally schema.table, the table at most 54 characters), got "Bad"',
    });
    const inbox = createPostgresInbox(db);
    await assert.rejects(inbox.deadLetters({ limit: 0.5 }), { name: "TypeError", message: "deadLetters: limit must be a whole number, got 0.5" });
    assert.throws(() => inbox.work(() => {}, { concurrency: 0 }), { name: "TypeError", message: "inbox.work: concurrency must be a whole number ≥ 1, got 0" });
    assert.throws(() => createNodeHandler({ organizationId: ORGANIZATION_ID, inbox, onNotification: () => {} } as never), {
      name: "TypeError",
      message: "outbound handler: give either inbox or onNotifications/onNotification, not both: inbox workers run the code",
    });
    assert.throws(() => createNodeHandler({ organizationId: ORGANIZATION_ID, inbox: {} as never }), {
      name: "TypeError",
      message: "outbound handler: inbox must have record(message), e.g. createPostgresInbox(db)",
    });
  });
});
