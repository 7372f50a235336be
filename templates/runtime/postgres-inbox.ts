import { positiveOption } from "./dedupe.js";
import type { NotificationOfMessage } from "./handler-options.js";
import type { NotificationInbox } from "./inbox.js";
import { startInboxWorker, type ClaimedItem, type InboxItemHandler, type InboxQueue, type InboxWorker, type WorkOptions } from "./inbox-worker.js";
import type { NotificationCodec } from "./notification-json.js";
import { sqlQuery, sqlTable, type SqlClient, type SqlRow } from "./sql-client.js";
import type { NotificationsOf, SObjectBase } from "./types.js";

// A durable inbox on PostgreSQL: the handler records each message in one statement (one
// transaction) and acknowledges it; workers in any process claim due items with
// FOR UPDATE SKIP LOCKED and a lease, and mark them done, pending again (with backoff) or dead.
// Times are the server's now(), so the processes' clocks do not matter. Item ids are the
// identity column, i.e. arrival order; only the oldest open item of a record (in one message)
// can be claimed, so the items of one record run one at a time, in that order.

export interface PostgresInboxOptions {
  /** The table, `name` or `schema.name` in lower case (default `outbound_inbox`); `migrate()` creates it. */
  readonly table?: string;
  /** How long a claim holds; a running worker renews it, a crashed one's items are taken over after it (default 5 minutes). */
  readonly leaseMs?: number;
  /** Attempts before an item is dead, kept with its last error (default 10). */
  readonly maxAttempts?: number;
  /** Delay before the first retry; it doubles per attempt (default 1 s). */
  readonly retryDelayMs?: number;
  /** The most a retry waits (default 1 hour). */
  readonly maxRetryDelayMs?: number;
  /** How long processed items stay, as the dedupe record of redeliveries, before `sweep()` removes them (default 24 hours). */
  readonly retentionMs?: number;
}

/** How many items are in each state. `processing` includes items whose worker crashed, until their lease ends. */
export interface InboxStats {
  readonly pending: number;
  readonly processing: number;
  readonly done: number;
  readonly dead: number;
}

/** An item that failed `maxAttempts` times. */
export interface DeadLetter<N> {
  /** The inbox item id, for `retry(id)`. */
  readonly id: string;
  readonly notification: N;
  readonly OrganizationId: string;
  readonly attempts: number;
  /** The message of the last error. */
  readonly error: string;
  readonly receivedAt: Date;
  readonly diedAt: Date;
}

export interface PostgresInbox<M extends NotificationsOf<SObjectBase>> extends NotificationInbox<M> {
  /** The quoted table name used in statements. */
  readonly table: string;
  /** Creates the table and its indexes when missing; safe to run from every process at start. */
  migrate(): Promise<void>;
  /** Starts a worker in this process; `stop()` waits for the items in flight. */
  work(onNotification: InboxItemHandler<NotificationOfMessage<M>>, options?: WorkOptions): InboxWorker;
  stats(): Promise<InboxStats>;
  /** Dead items, oldest first (default at most 100). */
  deadLetters(options?: { readonly limit?: number }): Promise<DeadLetter<NotificationOfMessage<M>>[]>;
  /** Requeues a dead item with a fresh count of attempts; false when `id` is not a dead item. */
  retry(id: string): Promise<boolean>;
  /** Removes the processed items older than `retentionMs`; resolves to how many. */
  sweep(): Promise<number>;
}

const INBOX = "createPostgresInbox";
/** The longest suffix of an index name derived from the table's. */
const INDEX_SUFFIXES = { due: "_due", record: "_record", finished: "_finished" } as const;
const OPEN = "('pending', 'processing')";

/** An inbox over `db` for the message whose notifications `codec` writes; each package binds its codec. */
export function createPostgresInboxWith<M extends NotificationsOf<SObjectBase>>(
  db: SqlClient,
  options: PostgresInboxOptions,
  codec: NotificationCodec<NotificationOfMessage<M>>,
): PostgresInbox<M> {
  if (typeof options !== "object" || options === null) throw new TypeError(`${INBOX}: options must be an object`);
  const leaseMs = positiveOption(options.leaseMs, 5 * 60 * 1000, "leaseMs", INBOX);
  const maxAttempts = positiveOption(options.maxAttempts, 10, "maxAttempts", INBOX);
  if (!Number.isInteger(maxAttempts)) throw new TypeError(`${INBOX}: maxAttempts must be a whole number, got ${String(maxAttempts)}`);
  const retryDelayMs = positiveOption(options.retryDelayMs, 1000, "retryDelayMs", INBOX);
  const maxRetryDelayMs = positiveOption(options.maxRetryDelayMs, 60 * 60 * 1000, "maxRetryDelayMs", INBOX);
  const retentionMs = positiveOption(options.retentionMs, 24 * 60 * 60 * 1000, "retentionMs", INBOX);
  const table = sqlTable(options.table ?? "outbound_inbox", "table", INBOX, INDEX_SUFFIXES.finished.length);
  const query = sqlQuery(db, INBOX);
  const t = table.sql;
  const ms = (param: string): string => `${param}::double precision * interval '1 millisecond'`;
  const epochMs = (column: string): string => `(extract(epoch from ${column}) * 1000)::double precision`;

  const literal = `'${table.sql.replaceAll('"', "")}'`;
  const index = (suffix: string): string => `"${table.name}${suffix}"`;
  const migrateSql = `DO $migrate$ BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('wsdl-to-ts migrate ' || ${literal}));
  CREATE TABLE IF NOT EXISTS ${t} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization text NOT NULL,
    notification_id text NOT NULL,
    message text NOT NULL,
    record_key text NOT NULL,
    organization_id text NOT NULL,
    action_id text NOT NULL,
    session_id text,
    enterprise_url text NOT NULL,
    partner_url text NOT NULL,
    notification text NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'processing', 'done', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    available_at timestamptz NOT NULL DEFAULT now(),
    lease_owner text,
    lease_expires_at timestamptz,
    last_error text,
    received_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    UNIQUE (organization, notification_id)
  );
  CREATE INDEX IF NOT EXISTS ${index(INDEX_SUFFIXES.due)} ON ${t} (message, id) WHERE state IN ${OPEN};
  CREATE INDEX IF NOT EXISTS ${index(INDEX_SUFFIXES.record)} ON ${t} (record_key, id) WHERE state IN ${OPEN};
  CREATE INDEX IF NOT EXISTS ${index(INDEX_SUFFIXES.finished)} ON ${t} (finished_at) WHERE state = 'done';
END $migrate$`;
  // The advisory lock serialises processes migrating at once (CREATE … IF NOT EXISTS alone can
  // fail when two sessions create the same table concurrently).

  // One statement, hence one transaction: all notifications of the message or none. The
  // unique key makes a redelivery insert nothing; ORDER BY gives ids in message order.
  // record_key is message:organization:record, so that one index lookup answers "is an earlier
  // item of this record open?" whatever the planner's statistics (a fresh, fast-growing table
  // has none worth the name).
  const recordSql = `INSERT INTO ${t} (organization, notification_id, message, record_key, organization_id, action_id,
  session_id, enterprise_url, partner_url, notification)
SELECT $1, item.id, $2, $2 || ':' || $1 || ':' || item.record, $3, $4, $5, $6, $7, item.body
FROM unnest($8::text[], $9::text[], $10::text[]) WITH ORDINALITY AS item (id, record, body, position)
ORDER BY item.position
ON CONFLICT (organization, notification_id) DO NOTHING
RETURNING 1`;

  // Due: pending and its retry time reached, or processing with an expired lease (its worker
  // is gone). Only a record's oldest open item of this message qualifies: a later one waits for
  // it. Another message's items never block these (it may have no workers here).
  const claimSql = `WITH due AS (
  SELECT item.id FROM ${t} AS item
  WHERE item.message = $1 AND item.state IN ${OPEN}
    AND CASE WHEN item.state = 'pending' THEN item.available_at <= now() ELSE item.lease_expires_at <= now() END
    AND NOT EXISTS (
      SELECT 1 FROM ${t} AS earlier
      WHERE earlier.record_key = item.record_key AND earlier.id < item.id AND earlier.state IN ${OPEN})
  ORDER BY item.id LIMIT $2 FOR UPDATE SKIP LOCKED
)
UPDATE ${t} AS item SET state = 'processing', attempts = item.attempts + 1, lease_owner = $3,
  lease_expires_at = now() + ${ms("$4")}
FROM due WHERE item.id = due.id
RETURNING item.id::text AS id, item.organization_id, item.action_id, item.session_id, item.enterprise_url,
  item.partner_url, item.notification, item.attempts, ${epochMs("item.received_at")} AS received_ms`;

  const completeSql = `UPDATE ${t} SET state = 'done', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
WHERE id = ANY ($1::bigint[]) AND lease_owner = $2 AND state = 'processing'`;

  // The n-th retry waits retryDelayMs · 2^(n-1), at most maxRetryDelayMs (the exponent is
  // bounded so that power() cannot overflow).
  const failSql = `UPDATE ${t} SET
  state = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'pending' END,
  available_at = now() + least($5::double precision, $4::double precision * power(2, least(attempts - 1, 60))) * interval '1 millisecond',
  finished_at = CASE WHEN attempts >= $3 THEN now() END,
  last_error = $6, lease_owner = NULL, lease_expires_at = NULL
WHERE id = $1::bigint AND lease_owner = $2 AND state = 'processing'`;

  const extendSql = `UPDATE ${t} SET lease_expires_at = now() + ${ms("$3")}
WHERE id = ANY ($1::bigint[]) AND lease_owner = $2 AND state = 'processing'`;

  const statsSql = `SELECT state, count(*)::int AS count FROM ${t} WHERE message = $1 GROUP BY state`;
  const deadSql = `SELECT id::text AS id, organization_id, notification, attempts, last_error,
  ${epochMs("received_at")} AS received_ms, ${epochMs("finished_at")} AS finished_ms
FROM ${t} WHERE message = $1 AND state = 'dead' ORDER BY id LIMIT $2`;
  const retrySql = `UPDATE ${t} SET state = 'pending', attempts = 0, available_at = now(), finished_at = NULL
WHERE id = $1::bigint AND message = $2 AND state = 'dead' RETURNING 1`;
  const sweepSql = `WITH gone AS (
  DELETE FROM ${t} WHERE state = 'done' AND finished_at <= now() - ${ms("$1")} RETURNING 1
) SELECT count(*)::int AS swept FROM gone`;

  const queue: InboxQueue<NotificationOfMessage<M>> = {
    leaseMs,
    async claim(limit, owner) {
      const rows = await query(claimSql, [codec.name, limit, owner, leaseMs]);
      return rows.map((row) => claimedItem(row, codec));
    },
    async complete(ids, owner) {
      await query(completeSql, [ids, owner]);
    },
    async fail(id, owner, error) {
      await query(failSql, [id, owner, maxAttempts, retryDelayMs, maxRetryDelayMs, error]);
    },
    async extend(ids, owner) {
      if (ids.length > 0) await query(extendSql, [ids, owner, leaseMs]);
    },
  };

  return {
    table: t,
    async migrate() {
      await query(migrateSql);
    },
    async record(message) {
      const organization = message.OrganizationId.slice(0, 15);
      const seen = new Set<string>();
      const ids: string[] = [];
      const records: string[] = [];
      const bodies: string[] = [];
      for (const notification of message.Notification as readonly NotificationOfMessage<M>[]) {
        if (seen.has(notification.Id)) continue; // repeated inside one message: recorded once
        seen.add(notification.Id);
        ids.push(notification.Id);
        records.push(notification.sObject.Id);
        bodies.push(codec.serialize(notification));
      }
      const rows = await query(recordSql, [
        organization,
        codec.name,
        message.OrganizationId,
        message.ActionId,
        message.SessionId,
        message.EnterpriseUrl,
        message.PartnerUrl,
        ids,
        records,
        bodies,
      ]);
      return rows.length;
    },
    work: (onNotification, workOptions) => startInboxWorker(queue, onNotification, workOptions),
    async stats() {
      const counts = { pending: 0, processing: 0, done: 0, dead: 0 };
      for (const row of await query(statsSql, [codec.name])) counts[row["state"] as keyof InboxStats] = Number(row["count"]);
      return counts;
    },
    async deadLetters(deadOptions = {}) {
      const limit = positiveOption(deadOptions.limit, 100, "limit", "deadLetters");
      // Rounding 0.5 down would ask for no rows and answer "no dead letters".
      if (!Number.isInteger(limit)) throw new TypeError(`deadLetters: limit must be a whole number, got ${String(limit)}`);
      const rows = await query(deadSql, [codec.name, limit]);
      return rows.map((row) => ({
        id: String(row["id"]),
        notification: codec.revive(String(row["notification"])),
        OrganizationId: String(row["organization_id"]),
        attempts: Number(row["attempts"]),
        error: String(row["last_error"] ?? ""),
        receivedAt: new Date(Number(row["received_ms"])),
        diedAt: new Date(Number(row["finished_ms"])),
      }));
    },
    async retry(id) {
      if (typeof id !== "string" || !/^[0-9]{1,18}$/.test(id)) return false;
      return (await query(retrySql, [id, codec.name])).length > 0;
    },
    async sweep() {
      const [row] = await query(sweepSql, [retentionMs]);
      return Number(row?.["swept"] ?? 0);
    },
  };
}

function claimedItem<N>(row: SqlRow, codec: NotificationCodec<N>): ClaimedItem<N> {
  return {
    id: String(row["id"]),
    notification: () => codec.revive(String(row["notification"])),
    context: {
      OrganizationId: String(row["organization_id"]),
      ActionId: String(row["action_id"]),
      SessionId: row["session_id"] === null ? null : String(row["session_id"]),
      EnterpriseUrl: String(row["enterprise_url"]),
      PartnerUrl: String(row["partner_url"]),
      attempt: Number(row["attempts"]),
      receivedAt: new Date(Number(row["received_ms"])),
      id: String(row["id"]),
    },
  };
}
