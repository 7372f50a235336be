import { randomBytes } from "node:crypto";
import pg from "pg";

// The real servers the store suites run against, found through the environment
// (`eval "$(bash scripts/services.sh start)"` sets both). Without them a local run skips those
// suites and says why; under CI=true a missing server fails the run instead of skipping.

export type ServerVariable = "REDIS_URL" | "DATABASE_URL";

/** The server's URL, or the skip message for `describe(name, { skip })`; throws under CI=true. */
export function realServer(variable: ServerVariable): { readonly url: string; readonly skip: false } | { readonly url: undefined; readonly skip: string } {
  const url = process.env[variable];
  if (url !== undefined && url !== "") return { url, skip: false };
  if (process.env["CI"] === "true") {
    throw new Error(`${variable} is not set: under CI=true the real-server suites must run (start them with scripts/services.sh start)`);
  }
  return { url: undefined, skip: `${variable} is not set; skipping (eval "$(bash scripts/services.sh start)" to run it)` };
}

/** A name no other test run uses, for key prefixes and table names: `stores_<pid>_<random>`. */
export function uniqueName(prefix = "stores"): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** The database of these suites, created on first use, so that other helpers' tables are never touched. */
export const TEST_DATABASE = "wsdl_to_ts_stores";

/** `DATABASE_URL` pointed at TEST_DATABASE, which is created when missing. */
export async function testDatabaseUrl(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEST_DATABASE]);
    if (rows.length === 0) {
      await admin.query(`CREATE DATABASE ${TEST_DATABASE}`).catch((error: { code?: string }) => {
        // Another test file created it at the same moment.
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      });
    }
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

/** A loopback port nothing listens on (bound, then released), for a server that is down. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
