import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { Redis } from "ioredis";
import { createPostgresDedupeStore } from "../../templates/runtime/postgres-dedupe.js";
import { realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";
import { runFaultScenario, type FaultPlan } from "./fault-run.js";

// The multi-replica fault test: three handler processes on loopback ports share one store;
// 500 messages of 1–100 notifications, 30 % redelivered concurrently to another replica, every
// delivery retried after any non-Ack; user code fails on 5 % of first attempts; one replica is
// SIGKILLed mid-run and restarted. Each replica mixes the clients (ioredis and node-redis, pg and
// postgres.js) over the same keys. The counts are printed as test diagnostics.

const SEED = Number(process.env["FAULT_SEED"] ?? 20261201);
const PLAN = { messages: 500, maxNotifications: 100, redeliveredShare: 0.3, leaseMs: 5000, seed: SEED };

function report(counts: Record<string, number>, diagnostic: (message: string) => void): void {
  diagnostic(Object.entries(counts).map(([name, value]) => `${name} ${value}`).join(", "));
}

const redis = realServer("REDIS_URL");
describe("several replicas over one Redis store", { skip: redis.skip }, () => {
  const keyPrefix = `${uniqueName("replicas")}:`;
  after(async () => {
    const client = new Redis(redis.url ?? "");
    const keys = await client.keys(`${keyPrefix}*`);
    for (let i = 0; i < keys.length; i += 1000) await client.del(...keys.slice(i, i + 1000));
    await client.quit();
  });

  it("processes every notification, none twice but those in flight on the killed replica, acks nothing early", async (t) => {
    const plan: FaultPlan = { ...PLAN, clients: ["ioredis", "node-redis", "ioredis"], url: redis.url ?? "", namespace: keyPrefix };
    const { counts, violations } = await runFaultScenario(plan);
    report({ ...counts }, (message) => t.diagnostic(`Redis (seed ${SEED}): ${message}`));
    assert.deepEqual(violations.slice(0, 20), []);
    assert.equal(counts.injectedFailures > 0, true, "the user code failed on some first attempts");
  });
});

const database = realServer("DATABASE_URL");
describe("several replicas over one Postgres store", { skip: database.skip }, () => {
  const table = uniqueName("replicas");
  let url = "";
  let pool: pg.Pool;
  before(async () => {
    url = await testDatabaseUrl(database.url ?? "");
    pool = new pg.Pool({ connectionString: url, max: 2 });
    await createPostgresDedupeStore(pool, { table }).migrate();
  });
  after(async () => {
    await pool?.query(`DROP TABLE IF EXISTS ${table}`);
    await pool?.end();
  });

  it("processes every notification, none twice but those in flight on the killed replica, acks nothing early", async (t) => {
    const plan: FaultPlan = { ...PLAN, clients: ["pg", "postgres.js", "pg"], url, namespace: table };
    const { counts, violations } = await runFaultScenario(plan);
    report({ ...counts }, (message) => t.diagnostic(`Postgres (seed ${SEED}): ${message}`));
    assert.deepEqual(violations.slice(0, 20), []);
    assert.equal(counts.injectedFailures > 0, true, "the user code failed on some first attempts");
  });
});
