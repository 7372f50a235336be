import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createPostgresDedupeStore, type PostgresDedupeStore } from "../../templates/runtime/postgres-dedupe.js";
import { realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";

// Replicas share the table through their own pools: statements of several keys must lock rows in
// one order (the keys'), or a release and a claim of overlapping keys wait on each other in a cycle.

/** Waits (bounded) until `count` sessions wait for a row lock on `table`. */
async function waitingOnLocks(db: pg.Pool, table: string, count: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, $1) > 0",
      [table],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await sleep(20);
  }
  throw new Error(`fewer than ${count} statements on ${table} were waiting for a lock after 5 s`);
}

const database = realServer("DATABASE_URL");
describe("createPostgresDedupeStore: several keys from two pools", { skip: database.skip }, () => {
  let replicaA: pg.Pool;
  let replicaB: pg.Pool;
  let table = "";
  let storeA: PostgresDedupeStore;
  let storeB: PostgresDedupeStore;
  before(async () => {
    const url = await testDatabaseUrl(database.url ?? "");
    replicaA = new pg.Pool({ connectionString: url, max: 3 });
    replicaB = new pg.Pool({ connectionString: url, max: 3 });
    table = uniqueName("lock_order");
    storeA = createPostgresDedupeStore(replicaA, { table });
    storeB = createPostgresDedupeStore(replicaB, { table });
    await storeA.migrate();
  });
  after(async () => {
    await replicaA.query(`DROP TABLE IF EXISTS ${table}`);
    await Promise.all([replicaA.end(), replicaB.end()]);
  });

  it("a release and a claim of the same keys, meeting in the middle, do not deadlock", async () => {
    for (let round = 0; round < 3; round++) {
      const keys = Array.from({ length: 200 }, (_, i) => `r${round}:k${String(i).padStart(3, "0")}`);
      // Held by replica A, laid out in the table against key order (as claims one by one in that
      // order leave them), so that a scan meets them in the opposite order of the keys.
      await replicaA.query(
        `INSERT INTO ${table} (key, owner, done, expires_at)
         SELECT key, 'a', false, now() + interval '1 hour' FROM unnest($1::text[]) AS input (key) ORDER BY key DESC`,
        [keys],
      );
      // A third session holds the middle key, so that both statements are under way when it lets go.
      const blocker = await replicaA.connect();
      let settled: PromiseSettledResult<unknown>[];
      try {
        await blocker.query("BEGIN");
        await blocker.query(`SELECT key FROM ${table} WHERE key = $1 FOR UPDATE`, [keys[100]]);
        const both = Promise.allSettled([storeA.release(keys, "a"), storeB.claim(keys, "b")]);
        await waitingOnLocks(replicaB, table, 2);
        await blocker.query("COMMIT");
        settled = await both;
      } finally {
        blocker.release();
      }
      const failures = settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
      assert.deepEqual(failures, [], `round ${round}`);
      const answers = (settled[1] as PromiseFulfilledResult<readonly string[]>).value;
      assert.ok(answers.every((answer) => answer === "claimed" || answer === "busy"), answers.join());
      // What B found held is gone now (A released it); what B claimed is B's.
      const { rows } = await replicaA.query<{ key: string; owner: string }>(
        `SELECT key, owner FROM ${table} WHERE key = ANY ($1::text[]) ORDER BY key`,
        [keys],
      );
      assert.deepEqual(
        rows.map((row) => `${row.key} ${row.owner}`),
        keys.filter((_, i) => answers[i] === "claimed").map((key) => `${key} b`),
      );
    }
  });

  it("overlapping claims, completions and releases of both replicas all succeed", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `mixed:k${String(i).padStart(2, "0")}`);
    // Windows of 30 keys, every other one starting 10 further: each overlaps its neighbours.
    const windows = Array.from({ length: 4 }, (_, i) => keys.slice(i * 10, i * 10 + 30).reverse());
    for (let round = 0; round < 5; round++) {
      const work = windows.map(async (window, i) => {
        const [store, owner] = i % 2 === 0 ? [storeA, `a${round}-${i}`] : [storeB, `b${round}-${i}`];
        const answers = await store.claim(window, owner);
        const mine = window.filter((_, j) => answers[j] === "claimed");
        await store.complete(mine.filter((_, j) => j % 2 === 0), owner);
        await store.release(mine.filter((_, j) => j % 2 === 1), owner);
      });
      const failures = (await Promise.allSettled(work)).flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
      assert.deepEqual(failures, [], `round ${round}`);
    }
    const { rows } = await replicaA.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE key LIKE 'mixed:%' AND NOT done`);
    assert.equal(rows[0]?.n, 0, "every key claimed was completed or released");
  });
});
