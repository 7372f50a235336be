import pg from "pg";
import { startServer, type HttpPlan, type RunningServer } from "./http.js";
import { importInboxPackage, inboxDb, type InboxKind } from "./inbox-server.js";
import type { BenchMessage } from "./messages.js";
import { freshBodies, loadFigures } from "./stores.js";

// Section 5: the inbox. Ack latency and req/s of the generated node handler recording into the
// Postgres inbox (real PostgreSQL from DATABASE_URL, and PGlite in the server's process) against
// the synchronous handler with the memory store (user code that does nothing), at 1 and 100
// notifications with fresh notification and record ids on every request. Then worker
// throughput: inbox.work() with a no-op handler draining what the HTTP runs recorded on PostgreSQL.

export interface InboxRow {
  readonly server: "sync-memory" | `inbox-${InboxKind}`;
  readonly notifications: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly errors: number;
  /** This row's req/s ÷ the synchronous handler's with the memory store, same size. */
  readonly vsSync: number;
}

export interface WorkerRow {
  readonly concurrency: number;
  readonly notificationsPerSecond: number;
  readonly processed: number;
  readonly seconds: number;
}

export interface InboxSection {
  readonly rows: readonly InboxRow[];
  readonly workers: readonly WorkerRow[];
  readonly skipped: readonly string[];
  readonly plan: HttpPlan;
}

const HEADERS = { "content-type": "text/xml; charset=utf-8" };
const ACK = /<(?:\w+:)?Ack>true<\/(?:\w+:)?Ack>/;

/** The server's counts once requests a load run left in flight have been answered. */
async function settled(server: RunningServer): Promise<number> {
  let last = (await server.stats()).notifications;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = (await server.stats()).notifications;
    if (now === last) return now;
    last = now;
  }
}

async function probe(server: RunningServer, body: string, notifications: number, label: string): Promise<void> {
  const before = { notifications: await settled(server) };
  const response = await fetch(server.url, { method: "POST", headers: HEADERS, body });
  const after = await server.stats();
  if (response.status !== 200 || !ACK.test(await response.text()) || after.notifications - before.notifications !== notifications) {
    throw new Error(`${label} did not record and acknowledge a ${notifications}-notification message (${response.status})`);
  }
}

const RECORD_ID = /<sf:Id>[^<]*<\/sf:Id>/g;
let records = 0;

/**
 * Bodies whose records are new too: Salesforce sends notifications of many records, and the
 * inbox runs the items of one record one at a time, so one record over and over would measure
 * a single chain of items instead of the workers.
 */
function freshRecords(body: () => string, run: string): () => string {
  return () => body().replace(RECORD_ID, () => `<sf:Id>001${run}${(records++).toString(36).padStart(11, "0")}</sf:Id>`);
}

async function workerThroughput(entry: string, url: string, table: string, concurrency: number, seconds: number): Promise<WorkerRow> {
  const pkg = await importInboxPackage(entry);
  const db = (await inboxDb("pg", url)) as pg.Pool;
  try {
    const inbox = pkg.createPostgresInbox(db, { table });
    let processed = 0;
    const worker = inbox.work(() => void processed++, { concurrency, pollIntervalMs: 50 });
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const counted = processed;
    const elapsed = (performance.now() - started) / 1000;
    await worker.stop();
    return { concurrency, notificationsPerSecond: counted / elapsed, processed: counted, seconds: elapsed };
  } finally {
    await db.end();
  }
}

export async function runInboxSection(
  generatedEntry: string,
  messages: readonly BenchMessage[],
  plan: HttpPlan,
  log: (line: string) => void,
): Promise<InboxSection> {
  const measured: Omit<InboxRow, "vsSync">[] = [];
  const workers: WorkerRow[] = [];
  const skipped: string[] = [];
  const run = Date.now().toString(36).slice(-4);
  const url = process.env["DATABASE_URL"] || undefined;
  const table = `bench_inbox_${run}`;
  const servers: [InboxRow["server"], () => Promise<RunningServer>][] = [
    ["sync-memory", () => startServer("store", generatedEntry, "memory", "", "")],
    ["inbox-pglite", () => startServer("inbox", generatedEntry, "pglite", "", table)],
  ];
  if (url !== undefined) servers.push(["inbox-pg", () => startServer("inbox", generatedEntry, "pg", url, table)]);
  else skipped.push("inbox on PostgreSQL and worker throughput: DATABASE_URL is not set");
  try {
    for (const [label, start] of servers) {
      const server = await start();
      try {
        for (const message of messages) {
          const body = freshRecords(freshBodies(message, `${run}i`), run);
          await probe(server, body(), message.notifications, label);
          const row = { server: label, notifications: message.notifications, ...(await loadFigures(server, body, plan)) };
          measured.push(row);
          log(`  inbox ${String(message.notifications).padStart(3)} notif.  ${label.padEnd(14)} ${row.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${row.latencyP50Ms} ms  p99 ${row.latencyP99Ms} ms`);
        }
      } finally {
        server.stop();
      }
    }
    if (url !== undefined) {
      for (const concurrency of [1, 10]) {
        const row = await workerThroughput(generatedEntry, url, table, concurrency, plan.durationSeconds);
        workers.push(row);
        log(`  inbox worker, concurrency ${concurrency}: ${row.notificationsPerSecond.toFixed(0)} notifications/s`);
      }
    }
  } finally {
    if (url !== undefined) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    }
  }
  const rows = measured.map((row) => {
    const sync = measured.find((m) => m.server === "sync-memory" && m.notifications === row.notifications);
    return { ...row, vsSync: sync === undefined ? Number.NaN : row.requestsPerSecond / sync.requestsPerSecond };
  });
  return { rows, workers, skipped, plan };
}
