import { isClaimResult, positiveOption, resolveTiming, type ClaimResult, type DedupeStore, type DedupeTimingOptions } from "./dedupe.js";
import { sqlQuery, sqlTable, type SqlClient } from "./sql-client.js";

// A DedupeStore over PostgreSQL: one row per key, `done` or held by `owner` until `expires_at`.
// Each operation is one statement over all keys of a message. Times are the server's `now()`,
// so the replicas' clocks do not matter. Every statement locks its rows in key order, so two
// deliveries that share keys never wait on each other in a cycle (no deadlocks).

export interface PostgresDedupeOptions extends DedupeTimingOptions {
  /** The table, `name` or `schema.name` in lower case (default `outbound_dedupe`); `migrate()` creates it. */
  readonly table?: string;
  /**
   * How often expired rows are deleted in passing: at most 1,000, after a claim, without delaying
   * it, once per interval from the store's creation on (default 60 s). `sweep()` deletes all of
   * them at once.
   */
  readonly sweepIntervalMs?: number;
}

export interface PostgresDedupeStore extends DedupeStore {
  /** The quoted table name used in statements. */
  readonly table: string;
  /** Creates the table and its index when missing; safe to run from every replica at start. */
  migrate(): Promise<void>;
  /** Deletes the rows whose lease or TTL is over, skipping rows being claimed; resolves to how many. */
  sweep(): Promise<number>;
}

const STORE = "createPostgresDedupeStore";
const INDEX_SUFFIX = "_expires_at";
const LAZY_SWEEP_ROWS = 1000;

/**
 * A dedupe store shared by every replica that uses the same database and table. `db` is a
 * node-postgres `Pool` or `Client`, a PGlite instance, a postgres.js `sql`, or anything with
 * `query(text, params) → Promise<{ rows }>`; the store never connects or closes it.
 */
export function createPostgresDedupeStore(db: SqlClient, options: PostgresDedupeOptions = {}): PostgresDedupeStore {
  const { ttlMs, leaseMs } = resolveTiming(options, STORE);
  const sweepIntervalMs = positiveOption(options.sweepIntervalMs, 60_000, "sweepIntervalMs", STORE);
  const table = sqlTable(options.table ?? "outbound_dedupe", "table", STORE, INDEX_SUFFIX.length);
  const query = sqlQuery(db, STORE);
  const t = table.sql;
  const expiresIn = (param: string): string => `now() + ${param}::double precision * interval '1 millisecond'`;

  const claimSql = `WITH input AS (SELECT key FROM unnest($1::text[]) AS input (key)),
claimed AS (
  INSERT INTO ${t} AS held (key, owner, done, expires_at)
  SELECT key, $2, false, ${expiresIn("$3")} FROM input ORDER BY key
  ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, done = false, expires_at = excluded.expires_at
  WHERE held.expires_at <= now()
  RETURNING held.key
)
SELECT input.key, CASE
  WHEN claimed.key IS NOT NULL THEN 'claimed'
  WHEN known.done AND known.expires_at > now() THEN 'duplicate'
  ELSE 'busy' END AS answer
FROM input LEFT JOIN claimed ON claimed.key = input.key LEFT JOIN ${t} AS known ON known.key = input.key`;
  // `known` is the table as the statement started: a key claimed concurrently by another delivery
  // is missing there (or shows its expired past) and is answered busy, never duplicate.

  const completeSql = `INSERT INTO ${t} AS held (key, owner, done, expires_at)
SELECT key, $2, true, ${expiresIn("$3")} FROM unnest($1::text[]) AS input (key) ORDER BY key
ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, done = true, expires_at = excluded.expires_at`;

  // The rows are locked in key order first: a DELETE alone locks them in the order of its scan
  // (a bitmap or sequential scan goes by where rows lie in the table), against a concurrent claim
  // of the same keys going in key order, and the two deadlocked.
  const releaseSql = `WITH mine AS (
  SELECT key FROM ${t} WHERE key = ANY ($1::text[]) AND owner = $2 AND NOT done ORDER BY key FOR UPDATE
)
DELETE FROM ${t} AS held USING mine WHERE held.key = mine.key`;

  // SKIP LOCKED: rows a claim is taking over right now are left for the next sweep, so a sweep
  // never waits for a claim; a claim of a row the sweep locked waits only for this one statement.
  const sweepSql = `WITH expired AS (
  SELECT key FROM ${t} WHERE expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED
), gone AS (DELETE FROM ${t} AS held USING expired WHERE held.key = expired.key RETURNING 1)
SELECT count(*)::int AS swept FROM gone`;

  const literal = `'${table.sql.replaceAll('"', "")}'`;
  const migrateSql = `DO $migrate$ BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('wsdl-to-ts migrate ' || ${literal}));
  CREATE TABLE IF NOT EXISTS ${t} (
    key text PRIMARY KEY,
    owner text NOT NULL,
    done boolean NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS "${table.name}${INDEX_SUFFIX}" ON ${t} (expires_at);
END $migrate$`;
  // The advisory lock serialises replicas migrating at once: CREATE … IF NOT EXISTS alone can
  // still fail when two sessions create the same table concurrently.

  const sweepUpTo = async (limit: number | null): Promise<number> => {
    const [row] = await query(sweepSql, [limit]);
    return Number(row?.["swept"] ?? 0);
  };
  let lastSweep = Date.now();
  let sweeping = false;
  const sweepLazily = (): void => {
    const now = Date.now();
    if (sweeping || now - lastSweep < sweepIntervalMs) return;
    lastSweep = now;
    sweeping = true;
    // Best effort and off the claim's path: a failed sweep is tried again after the interval.
    sweepUpTo(LAZY_SWEEP_ROWS).then(
      () => (sweeping = false),
      () => (sweeping = false),
    );
  };

  return {
    table: t,
    async migrate() {
      await query(migrateSql);
    },
    sweep: () => sweepUpTo(null),
    async claim(keys, owner) {
      if (keys.length === 0) return [];
      const distinct = [...new Set(keys)].sort();
      const rows = await query(claimSql, [distinct, owner, leaseMs]);
      sweepLazily();
      const answers = new Map<string, ClaimResult>();
      for (const row of rows) {
        const answer = row["answer"];
        if (!isClaimResult(answer)) throw new Error(`${STORE}: unexpected claim answer ${JSON.stringify(answer)}`);
        answers.set(String(row["key"]), answer);
      }
      return answersInOrder(keys, answers);
    },
    async complete(keys, owner) {
      if (keys.length > 0) await query(completeSql, [[...new Set(keys)].sort(), owner, ttlMs]);
    },
    async release(keys, owner) {
      if (keys.length > 0) await query(releaseSql, [[...new Set(keys)].sort(), owner]);
    },
  };
}

/**
 * The answers for `keys` (repetitions included) from the answers for their distinct values, as
 * claiming them one by one gives: a key repeated after it was claimed is `busy` (this very
 * delivery holds it); any other repetition answers what its first occurrence did.
 */
function answersInOrder(keys: readonly string[], first: ReadonlyMap<string, ClaimResult>): ClaimResult[] {
  const seen = new Set<string>();
  return keys.map((key): ClaimResult => {
    const answer = first.get(key);
    if (answer === undefined) throw new Error(`${STORE}: the claim statement gave no answer for a key`);
    if (!seen.has(key)) {
      seen.add(key);
      return answer;
    }
    return answer === "claimed" ? "busy" : answer;
  });
}
