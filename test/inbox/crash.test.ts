import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import postgres from "postgres";
import {
  createNodeHandler,
  createPostgresInbox,
  parseNotifications,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/dist/esm/index.js";
import { listen, postSoap } from "../support/http.js";
import { closedPort, realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";
import { messageXml, notificationId, ORGANIZATION_ID, recordId } from "./messages.js";
import { checkCrashRun, readLog, startWorker } from "./worker-fleet.js";
import { until } from "./until.js";
import { postWorkload, workload } from "./workload.js";

// The inbox on the real PostgreSQL server, with worker processes: a SIGKILLed worker's items are
// taken over, the poison notification ends dead, three workers never run one item twice nor two
// items of one record at once.

const server = realServer("DATABASE_URL");
const WORKER = "test/inbox/worker.ts";
const CONCURRENCY = 4;
const MAX_ATTEMPTS = 3;

describe("inbox on PostgreSQL", { skip: server.skip, timeout: 180_000 }, () => {
  let url: string;
  let pool: pg.Pool;
  let logs: string;
  before(async () => {
    url = await testDatabaseUrl(server.url as string);
    pool = new pg.Pool({ connectionString: url, max: 4 });
    logs = mkdtempSync(join(tmpdir(), "inbox-"));
  });
  after(async () => {
    await pool.end();
    rmSync(logs, { recursive: true, force: true });
  });

  it("a server that is down gets a 500 Fault, never an Ack", async () => {
    const down = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, connectionTimeoutMillis: 2000 });
    const http = await listen(createNodeHandler({ organizationId: ORGANIZATION_ID, inbox: createPostgresInbox(down), onError: () => {} }));
    try {
      const response = await postSoap(http.url, messageXml([{ id: notificationId(0, 0), record: recordId(0) }]));
      assert.equal(response.status, 500);
      assert.ok(!response.body.includes("<Ack>"));
    } finally {
      await http.close();
      await down.end();
    }
  });

  it("a commit the server refuses gets a 500 Fault and records nothing; the retry is acked and recorded once", async () => {
    const inbox = createPostgresInbox(pool, { table: uniqueName("inbox") });
    await inbox.migrate();
    const name = inbox.table.replaceAll('"', "");
    // A deferred constraint trigger fails the commit, after the statement inserted every row.
    await pool.query(`CREATE FUNCTION ${name}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused'; END $$`);
    await pool.query(`CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON ${inbox.table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${name}_refuse()`);
    const http = await listen(createNodeHandler({ organizationId: ORGANIZATION_ID, inbox, onError: () => {} }));
    try {
      const body = messageXml([0, 1, 2].map((n) => ({ id: notificationId(2, n), record: recordId(n) })));
      const refused = await postSoap(http.url, body);
      assert.equal(refused.status, 500);
      assert.ok(!refused.body.includes("<Ack>"));
      assert.deepEqual(await inbox.stats(), { pending: 0, processing: 0, done: 0, dead: 0 });
      await pool.query(`DROP TRIGGER refuse ON ${inbox.table}`);
      for (let i = 0; i < 2; i++) assert.equal((await postSoap(http.url, body)).status, 200);
      assert.deepEqual(await inbox.stats(), { pending: 3, processing: 0, done: 0, dead: 0 });
    } finally {
      await http.close();
      await pool.query(`DROP TABLE ${inbox.table}`);
      await pool.query(`DROP FUNCTION ${name}_refuse()`);
    }
  });

  it("postgres.js as it is: records, and a worker processes what was recorded", async () => {
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    try {
      const inbox = createPostgresInbox(sql, { table: uniqueName("inbox") });
      await inbox.migrate();
      const message = parseNotifications(messageXml([0, 1, 2].map((n) => ({ id: notificationId(1, n), record: recordId(n) }))));
      assert.equal(await inbox.record(message), 3);
      assert.equal(await inbox.record(message), 0);
      const seen: string[] = [];
      const worker = inbox.work((notification) => void seen.push(notification.Id), { pollIntervalMs: 10 });
      await until(() => seen.length === 3);
      await worker.stop();
      assert.deepEqual(seen.sort(), message.Notification.map((notification) => notification.Id));
      assert.deepEqual(await inbox.stats(), { pending: 0, processing: 0, done: 3, dead: 0 });
      await sql.unsafe(`DROP TABLE ${inbox.table}`);
    } finally {
      await sql.end();
    }
  });

  it("crash safety: a worker SIGKILLed after 60 items, a second one finishes; duplicates only among items in flight; the poison is dead", async () => {
    const table = uniqueName("inbox");
    const inbox = createPostgresInbox(pool, { table, leaseMs: 1000, maxAttempts: MAX_ATTEMPTS });
    await inbox.migrate();
    const load = workload();
    const poison = notificationId(7, 3);
    await postWorkload(inbox, load);
    assert.deepEqual(await inbox.stats(), { pending: 200, processing: 0, done: 0, dead: 0 });

    const shared = { url, table, concurrency: CONCURRENCY, leaseMs: 1000, maxAttempts: MAX_ATTEMPTS, poison, workMs: 5 };
    const first = join(logs, "crash-first.log");
    const killed = await startWorker(WORKER, { ...shared, log: first, killAfter: 60 });
    assert.equal(await killed.exited, "SIGKILL");
    const second = join(logs, "crash-second.log");
    const finisher = await startWorker(WORKER, { ...shared, log: second });
    await until(async () => {
      const stats = await inbox.stats();
      return stats.done === 199 && stats.dead === 1;
    }, 60_000, "the second worker to finish");
    assert.equal(await finisher.stop(), "0");

    const { repeated, poisonRuns } = checkCrashRun(readLog(first), readLog(second), { ids: load.ids, poison, concurrency: CONCURRENCY, killedAfter: 60 });
    assert.equal(poisonRuns, MAX_ATTEMPTS);

    const dead = await inbox.deadLetters({ limit: 10 });
    assert.deepEqual(
      dead.map((letter) => [letter.notification.Id, letter.attempts, letter.error]),
      [[poison, MAX_ATTEMPTS, `poison notification ${poison}`]],
    );
    console.log(`crash: killed worker finished 60, in flight at the kill and run again ${repeated.length}`);
    await pool.query(`DROP TABLE ${inbox.table}`);
  });

  it("three worker processes: no item runs twice while its lease holds (slow items outlive it), per-record order is kept", async () => {
    const table = uniqueName("inbox");
    const leaseMs = 500;
    const inbox = createPostgresInbox(pool, { table, leaseMs });
    await inbox.migrate();
    const load = workload();
    await postWorkload(inbox, load);
    const slow = [notificationId(0, 1), notificationId(5, 5), notificationId(12, 2), notificationId(18, 9)];
    const workers = await Promise.all(
      [0, 1, 2].map((w) =>
        startWorker(WORKER, { url, table, concurrency: 3, leaseMs, maxAttempts: 10, workMs: 5, slow, slowMs: 3 * leaseMs, log: join(logs, `three-${w}.log`) }),
      ),
    );
    await until(async () => (await inbox.stats()).done === 200, 90_000, "three workers to finish");
    await Promise.all(workers.map((worker) => worker.stop()));

    const lines = [0, 1, 2].flatMap((w) => readLog(join(logs, `three-${w}.log`)).map((line) => ({ ...line, worker: w })));
    const starts = lines.filter((line) => line.event === "S");
    assert.equal(starts.length, 200, "every item started exactly once");
    assert.equal(new Set(starts.map((line) => line.id)).size, 200);
    const perWorker = [0, 1, 2].map((w) => starts.filter((line) => line.worker === w).length);
    assert.ok(perWorker.filter((count) => count > 0).length >= 2, `work was shared: ${perWorker.join(", ")}`);
    const byRecord = new Map<string, { id: string; start: bigint; end: bigint }[]>();
    for (const start of starts) {
      const end = lines.find((line) => line.event === "D" && line.id === start.id);
      assert.ok(end !== undefined, `${start.id} done`);
      const list = byRecord.get(start.record) ?? [];
      list.push({ id: start.id, start: start.at, end: end.at });
      byRecord.set(start.record, list);
    }
    for (const [record, items] of byRecord) {
      items.sort((x, y) => (x.start < y.start ? -1 : 1));
      assert.deepEqual(items.map((item) => item.id), load.ids.filter((id) => load.recordOf.get(id) === record), `order of ${record}`);
      for (let i = 1; i < items.length; i++) assert.ok(items[i]!.start >= items[i - 1]!.end, `${record}: ${items[i]!.id} overlapped ${items[i - 1]!.id}`);
    }
    console.log(`three workers: items per worker ${perWorker.join(", ")}`);
    await pool.query(`DROP TABLE ${inbox.table}`);
  });
});
