import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import postgres from "postgres";
import { createPostgresDedupeStore } from "../../templates/runtime/postgres-dedupe.js";
import type { SqlQueryable } from "../../templates/runtime/sql-client.js";
import { realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";

// What only the Postgres store has: its table, migrations, sweeping, names and client shapes.
// PGlite (in process) for most; the real server where sessions run concurrently.

const STORE = "createPostgresDedupeStore";

async function count(db: PGlite, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

describe("createPostgresDedupeStore on PGlite", () => {
  let db: PGlite;
  before(async () => {
    db = new PGlite();
  });
  after(async () => {
    await db.close();
  });

  it("migrate() creates the table and its expiry index, and may run again", async () => {
    const store = createPostgresDedupeStore(db, { table: "first_table" });
    await store.migrate();
    await store.migrate();
    const { rows } = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'first_table' ORDER BY 1");
    assert.deepEqual(rows.map((row) => row.indexname), ["first_table_expires_at", "first_table_pkey"]);
    assert.equal(store.table, '"first_table"');
  });

  it("takes a schema-qualified table", async () => {
    await db.query("CREATE SCHEMA IF NOT EXISTS app");
    const store = createPostgresDedupeStore(db, { table: "app.dedupe" });
    await store.migrate();
    assert.equal(store.table, '"app"."dedupe"');
    assert.deepEqual(await store.claim(["k"], "o"), ["claimed"]);
    assert.equal(await count(db, "app.dedupe"), 1);
  });

  it("sweep() deletes the rows whose lease or TTL is over and keeps the others", async () => {
    const table = "swept";
    const short = createPostgresDedupeStore(db, { table, leaseMs: 30, ttlMs: 30 });
    const long = createPostgresDedupeStore(db, { table });
    await short.migrate();
    await short.claim(["lease-1", "lease-2", "ttl-1"], "o");
    await short.complete(["ttl-1"], "o");
    await long.claim(["held", "done"], "o");
    await long.complete(["done"], "o");
    await sleep(80);
    assert.equal(await long.sweep(), 3);
    assert.equal(await count(db, table), 2);
    assert.equal(await long.sweep(), 0);
    assert.deepEqual(await long.claim(["held", "done", "lease-1"], "p"), ["busy", "duplicate", "claimed"]);
  });

  it("sweeps expired rows lazily after a claim, once per sweepIntervalMs", async () => {
    const table = "lazily";
    const short = createPostgresDedupeStore(db, { table, leaseMs: 20 });
    const store = createPostgresDedupeStore(db, { table, sweepIntervalMs: 300 });
    await short.migrate();
    await short.claim(["a", "b", "c"], "o");
    await sleep(60);
    await store.claim(["fresh"], "o");
    await sleep(50);
    assert.equal(await count(db, table), 4, "no sweep before the first interval is over");
    await sleep(300);
    await store.claim(["fresh-2"], "o");
    await sleep(50);
    assert.equal(await count(db, table), 2, "the three expired rows are gone, the fresh claims stay");
    await short.claim(["d"], "o");
    await sleep(60);
    await store.claim(["fresh-3"], "o");
    await sleep(50);
    assert.equal(await count(db, table), 4, "no second sweep within the interval");
  });

  it("claims all keys of a message in one statement", async () => {
    const statements: string[] = [];
    const counted: SqlQueryable = { query: (text, params) => (statements.push(text), db.query(text, params)) };
    const store = createPostgresDedupeStore(counted, { table: "one_statement" });
    await store.migrate();
    statements.length = 0;
    const keys = Array.from({ length: 100 }, (_, i) => `key-${i}`);
    assert.deepEqual(new Set(await store.claim(keys, "o")), new Set(["claimed"]));
    await store.complete(keys, "o");
    await store.release(keys, "o");
    assert.equal(statements.length, 3);
    assert.match(statements[0] ?? "", /INSERT INTO "one_statement" AS held[\s\S]*ON CONFLICT \(key\) DO UPDATE[\s\S]*WHERE held\.expires_at <= now\(\)/);
  });

  it("rejects a claim with the driver's error when the table was never migrated", async () => {
    const store = createPostgresDedupeStore(db, { table: "never_migrated" });
    await assert.rejects(store.claim(["k"], "o"), /relation "never_migrated" does not exist/);
  });

  const badTables: [unknown, string][] = [
    ["Outbound", '"Outbound"'],
    ["dedupe; DROP TABLE users", '"dedupe; DROP TABLE users"'],
    ['a"b', '"a\\"b"'],
    ["a.b.c", '"a.b.c"'],
    ["", '""'],
    ["x".repeat(53), `"${"x".repeat(53)}"`],
    [42, "42"],
  ];
  for (const [table, shown] of badTables) {
    it(`refuses the table ${shown} with a TypeError`, () => {
      assert.throws(() => createPostgresDedupeStore(db, { table: table as string }), {
        name: "TypeError",
        message: `${STORE}: table must be a lower-case SQL name of letters, digits and _ (optionally schema.table, the table at most 52 characters), got ${shown}`,
      });
    });
  }

  it("takes a 52-character table name", () => {
    assert.equal(createPostgresDedupeStore(db, { table: "x".repeat(52) }).table, `"${"x".repeat(52)}"`);
  });

  it("refuses options out of range and clients of another shape with a TypeError", () => {
    assert.throws(() => createPostgresDedupeStore(db, { ttlMs: 0 }), { name: "TypeError", message: `${STORE}: ttlMs must be a positive number, got 0` });
    assert.throws(() => createPostgresDedupeStore(db, { leaseMs: Number.NaN }), { message: `${STORE}: leaseMs must be a positive number, got NaN` });
    assert.throws(() => createPostgresDedupeStore(db, { sweepIntervalMs: -1 }), { message: `${STORE}: sweepIntervalMs must be a positive number, got -1` });
    assert.throws(() => createPostgresDedupeStore({} as never), {
      name: "TypeError",
      message: `${STORE}: db must have query(text, params) (node-postgres Pool or Client, PGlite) or be a postgres.js sql instance`,
    });
  });
});

const database = realServer("DATABASE_URL");
describe("createPostgresDedupeStore on the PostgreSQL server", { skip: database.skip }, () => {
  let url = "";
  let pool: pg.Pool;
  const tables: string[] = [];
  before(async () => {
    url = await testDatabaseUrl(database.url ?? "");
    pool = new pg.Pool({ connectionString: url, max: 6 });
  });
  after(async () => {
    for (const table of tables) await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });

  it("migrates from several sessions at once (replicas starting together)", async () => {
    const table = uniqueName("migrate");
    tables.push(table);
    const clients = await Promise.all(Array.from({ length: 5 }, () => pool.connect()));
    try {
      await Promise.all(clients.map((client) => createPostgresDedupeStore(client, { table }).migrate()));
    } finally {
      for (const client of clients) client.release();
    }
    assert.deepEqual(await createPostgresDedupeStore(pool, { table }).claim(["k"], "o"), ["claimed"]);
  });

  it("works through the README's postgres.js one-liner as well as with sql itself", async () => {
    const table = uniqueName("postgresjs");
    tables.push(table);
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    try {
      const oneLiner = createPostgresDedupeStore(
        { query: (text, params) => sql.unsafe(text, params as never[]).then((rows) => ({ rows })) },
        { table },
      );
      await oneLiner.migrate();
      assert.deepEqual(await oneLiner.claim(["a", "b"], "o"), ["claimed", "claimed"]);
      await oneLiner.complete(["a"], "o");
      assert.deepEqual(await createPostgresDedupeStore(sql, { table }).claim(["a", "b"], "p"), ["duplicate", "busy"]);
    } finally {
      await sql.end();
    }
  });
});
