import autocannon from "autocannon";
import { Redis } from "ioredis";
import pg from "pg";
import { startServer, type HttpPlan, type RunningServer } from "./http.js";
import type { ServerStats } from "./http-server.js";
import type { BenchMessage } from "./messages.js";
import { STORE_KINDS, type StoreKind } from "./store-server.js";

// Section 4: the generated node handler with each dedupe store, against the memory store, at 1
// and 100 notifications. Every request carries notification ids never sent before (a message
// whose ids were seen would be a duplicate, and only its claim would run): each request claims
// and completes all of its notifications. Servers from REDIS_URL and DATABASE_URL (on loopback,
// as in the tests); a store whose server is not configured is left out and said so.

export interface StoreRow {
  readonly store: StoreKind;
  readonly notifications: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly errors: number;
  /** This store's req/s ÷ the memory store's at the same size. */
  readonly vsMemory: number;
}

export interface StoresSection {
  readonly rows: readonly StoreRow[];
  readonly skipped: readonly string[];
  readonly plan: HttpPlan;
}

const HEADERS = { "content-type": "text/xml; charset=utf-8" };
const ACK = /<(?:\w+:)?Ack>true<\/(?:\w+:)?Ack>/;
const NOTIFICATION_ID = /<Id>[^<]*<\/Id>/;

/** Counts the bodies of the whole run, so that no two (of any size) share a notification id. */
let sequence = 0;

/** `message` with fresh notification ids on every call. */
export function freshBodies(message: BenchMessage, run: string): () => string {
  const parts = message.xml.split(NOTIFICATION_ID);
  return () => {
    const prefix = `04l${run}${(sequence++).toString(36).padStart(8, "0")}`;
    let body = parts[0] as string;
    for (let i = 1; i < parts.length; i++) body += `<Id>${prefix}${(i - 1).toString(36).padStart(3, "0")}</Id>${parts[i]}`;
    return body;
  };
}

function serverUrl(kind: StoreKind): string | undefined {
  if (kind === "none" || kind === "memory" || kind === "pglite") return "";
  return process.env[kind.startsWith("redis") ? "REDIS_URL" : "DATABASE_URL"] || undefined;
}

/** Removes what a run left: its Redis keys or its table. */
async function cleanUp(kind: StoreKind, url: string, namespace: string): Promise<void> {
  if (kind.startsWith("redis")) {
    const client = new Redis(url);
    for (;;) {
      const keys = await client.keys(`${namespace}*`);
      if (keys.length === 0) break;
      await client.del(...keys.slice(0, 10_000));
    }
    await client.quit();
  } else if (kind.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${namespace}`);
    await client.end();
  }
}

/** The server's counts once it has finished the requests autocannon left in flight. */
async function settled(server: RunningServer): Promise<ServerStats> {
  let last = await server.stats();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await server.stats();
    if (now.requests === last.requests) return now;
    last = now;
  }
}

async function measure(server: RunningServer, body: () => string, seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [{ method: "POST", headers: HEADERS, setupRequest: (request) => ({ ...request, body: body() }) }],
  });
}

/** req/s, latency and errors of one load run after the plan's warm-up (shared with bench/inbox.ts). */
export async function loadFigures(
  server: RunningServer,
  body: () => string,
  plan: HttpPlan,
): Promise<{ requestsPerSecond: number; latencyP50Ms: number; latencyP99Ms: number; errors: number }> {
  if (plan.warmupSeconds > 0) await measure(server, body, plan.warmupSeconds, plan.connections);
  const result = await measure(server, body, plan.durationSeconds, plan.connections);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Each size is measured in rounds that take the stores in turn, so that a change of machine load hits them alike. */
const ROUNDS = 2;

interface StoreServer {
  readonly kind: StoreKind;
  readonly url: string;
  readonly namespace: string;
  readonly server: RunningServer;
}

async function probe(store: StoreServer, body: () => string, notifications: number): Promise<void> {
  const before = await settled(store.server);
  const response = await fetch(store.server.url, { method: "POST", headers: HEADERS, body: body() });
  const text = await response.text();
  const delivered = (await store.server.stats()).notifications - before.notifications;
  if (response.status !== 200 || !ACK.test(text) || delivered !== notifications) {
    throw new Error(`${store.kind} did not process and acknowledge a ${notifications}-notification message (${response.status}, ${delivered} delivered)`);
  }
}

export async function runStoresSection(
  generatedEntry: string,
  messages: readonly BenchMessage[],
  plan: HttpPlan,
  log: (line: string) => void,
): Promise<StoresSection> {
  const measured: Omit<StoreRow, "vsMemory">[] = [];
  const skipped: string[] = [];
  const run = Date.now().toString(36).slice(-4);
  const stores: StoreServer[] = [];
  const roundSeconds = Math.max(1, Math.round(plan.durationSeconds / ROUNDS));
  try {
    for (const kind of STORE_KINDS) {
      const url = serverUrl(kind);
      if (url === undefined) {
        skipped.push(`${kind}: ${kind.startsWith("redis") ? "REDIS_URL" : "DATABASE_URL"} is not set`);
        continue;
      }
      const namespace = kind.startsWith("redis") ? `bench:${run}:${kind}:` : `bench_dedupe_${run}_${kind.replace(/\W/g, "_")}`;
      stores.push({ kind, url, namespace, server: await startServer("store", generatedEntry, kind, url, namespace) });
    }
    for (const message of messages) {
      const bodies = stores.map(() => freshBodies(message, run));
      const totals = stores.map(() => ({ requests: 0, seconds: 0, p50: [] as number[], p99: 0, errors: 0 }));
      for (const [i, store] of stores.entries()) {
        await probe(store, bodies[i] as () => string, message.notifications);
        if (plan.warmupSeconds > 0) await measure(store.server, bodies[i] as () => string, plan.warmupSeconds, plan.connections);
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (let turn = 0; turn < stores.length; turn++) {
          // Every round starts one store later, so that none is always measured first.
          const i = (turn + round) % stores.length;
          const store = stores[i] as StoreServer;
          await settled(store.server);
          const result = await measure(store.server, bodies[i] as () => string, roundSeconds, plan.connections);
          const total = totals[i] as (typeof totals)[number];
          total.requests += result.requests.total;
          total.seconds += result.duration;
          total.p50.push(result.latency.p50);
          total.p99 = Math.max(total.p99, result.latency.p99);
          total.errors += result.errors + result.non2xx;
        }
      }
      for (const [i, store] of stores.entries()) {
        const total = totals[i] as (typeof totals)[number];
        const row = {
          store: store.kind,
          notifications: message.notifications,
          requestsPerSecond: total.requests / total.seconds,
          latencyP50Ms: total.p50.reduce((sum, value) => sum + value, 0) / total.p50.length,
          latencyP99Ms: total.p99,
          errors: total.errors,
        };
        measured.push(row);
        log(
          `  stores ${String(message.notifications).padStart(3)} notif.  ${store.kind.padEnd(22)} ${row.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${row.latencyP99Ms} ms  errors ${row.errors}`,
        );
      }
    }
  } finally {
    for (const store of stores) store.server.stop();
    for (const store of stores) await cleanUp(store.kind, store.url, store.namespace);
  }
  const rows = measured.map((row) => {
    const memory = measured.find((m) => m.store === "memory" && m.notifications === row.notifications);
    return { ...row, vsMemory: memory === undefined ? Number.NaN : row.requestsPerSecond / memory.requestsPerSecond };
  });
  return { rows, skipped, plan };
}
