// The PostgreSQL clients the runtime's stores accept, typed structurally (no driver is a
// dependency of the package), and the one way they run a statement.

/** node-postgres `Pool` or `Client`, PGlite, or any object with this method. */
export interface SqlQueryable {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/** A postgres.js `sql` instance, accepted as it is (its `unsafe` runs text with `$1` parameters). */
export interface PostgresJsLike {
  unsafe(text: string, params?: unknown[]): PromiseLike<readonly unknown[]>;
}

export type SqlClient = SqlQueryable | PostgresJsLike;

/** One row as the drivers give it: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** Runs one statement with `$1…` parameters and resolves to its rows. */
export type SqlQuery = (text: string, params?: readonly unknown[]) => Promise<readonly SqlRow[]>;

/** The statement runner for `db`, told apart by shape; `who` names the caller in the TypeError. */
export function sqlQuery(db: SqlClient, who: string): SqlQuery {
  const candidate = db as Partial<SqlQueryable & PostgresJsLike> | null;
  if (typeof candidate?.query === "function") {
    const queryable = db as SqlQueryable;
    return async (text, params = []) => (await queryable.query(text, [...params])).rows as readonly SqlRow[];
  }
  if (typeof candidate?.unsafe === "function") {
    const sql = db as PostgresJsLike;
    return async (text, params = []) => (await sql.unsafe(text, [...params])) as readonly SqlRow[];
  }
  throw new TypeError(
    `${who}: db must have query(text, params) (node-postgres Pool or Client, PGlite) or be a postgres.js sql instance`,
  );
}

const NAME = "[a-z_][a-z0-9_]*";
const TABLE = new RegExp(`^(?:${NAME}\\.)?${NAME}$`);
/** PostgreSQL truncates longer names (a caller reserves room for suffixes such as `_expires_at`). */
const MAX_NAME = 63;

/** A table name as written in SQL, with its schema if given. */
export interface SqlTable {
  /** Quoted, schema-qualified when a schema was given: `"app"."outbound_dedupe"`. */
  readonly sql: string;
  /** The table's own name, unquoted, to derive index names from. */
  readonly name: string;
}

/**
 * Checks a table option, `name` or `schema.name`, and quotes it. SQL names cannot be statement
 * parameters, so only lower-case letters, digits and `_` are accepted (nothing to escape, and no
 * case-folding surprises); the table's own name leaves `reserve` characters for derived names.
 */
export function sqlTable(value: unknown, option: string, who: string, reserve = 0): SqlTable {
  const parts = typeof value === "string" && TABLE.test(value) ? value.split(".") : [];
  const name = parts[parts.length - 1];
  if (name === undefined || name.length > MAX_NAME - reserve || parts.some((part) => part.length > MAX_NAME)) {
    throw new TypeError(
      `${who}: ${option} must be a lower-case SQL name of letters, digits and _ (optionally schema.table, the table at most ${MAX_NAME - reserve} characters), got ${JSON.stringify(value)}`,
    );
  }
  return { sql: parts.map((part) => `"${part}"`).join("."), name };
}
