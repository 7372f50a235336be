import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { Redis } from "ioredis";
import pg from "pg";
import postgres from "postgres";
import { createClient } from "redis";
import { MemoryDedupeStore, type DedupeStore, type DedupeTimingOptions } from "../../templates/runtime/dedupe.js";
import { createPostgresDedupeStore, type PostgresDedupeStore } from "../../templates/runtime/postgres-dedupe.js";
import { createRedisDedupeStore } from "../../templates/runtime/redis-dedupe.js";
import { closedPort, realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";

// Every store of the contract suite, each over the real client a user would pass in.

/** A client connection and the stores made over it. */
export interface Connection {
  store(options?: DedupeTimingOptions): DedupeStore;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: string;
  /** A skip message when its server is not configured (never under CI=true). */
  readonly skip: string | false;
  /**
   * True when stores over two connections share one state (a server; PGlite, one in-process
   * database, has one connection that both stores use); else why not.
   */
  readonly shared: true | string;
  /** Called once before the tests (creates the table); returns a new connection per call afterwards. */
  setUp(): Promise<void>;
  connect(): Promise<Connection>;
  /** A store whose server is down, and how to clean up after it; undefined without a server. */
  down?(): Promise<{ store: DedupeStore; close(): Promise<void> }>;
  tearDown(): Promise<void>;
}

function memoryEngine(): Engine {
  return {
    name: "MemoryDedupeStore",
    skip: false,
    shared: "the memory store is per process by design",
    setUp: async () => {},
    connect: async () => ({ store: (options) => new MemoryDedupeStore(options), close: async () => {} }),
    tearDown: async () => {},
  };
}

/** A redis-server of its own on a free port, killed with SIGKILL by `kill()`: a server that goes down. */
export async function disposableRedis(): Promise<{ port: number; kill(): Promise<void> }> {
  const port = await closedPort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      break;
    } catch (error) {
      if (i > 100) throw error;
      await sleep(20);
    }
  }
  probe.disconnect();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    port,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 200) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

type RedisKind = "ioredis" | "node-redis";

function redisEngine(kind: RedisKind): Engine {
  const server = realServer("REDIS_URL");
  const keyPrefix = `${uniqueName()}:`;
  const url = server.url ?? "";
  return {
    name: `createRedisDedupeStore over ${kind}`,
    skip: server.skip,
    shared: true,
    setUp: async () => {},
    async connect() {
      if (kind === "ioredis") {
        const client = new Redis(url);
        return { store: (options) => createRedisDedupeStore(client, { ...options, keyPrefix }), close: async () => void (await client.quit()) };
      }
      const client = createClient({ url });
      client.on("error", () => {});
      await client.connect();
      return { store: (options) => createRedisDedupeStore(client, { ...options, keyPrefix }), close: () => client.close() };
    },
    async down() {
      // The settings the README recommends: commands fail at once while the server is away
      // (Salesforce retries), instead of waiting in an offline queue.
      const redis = await disposableRedis();
      if (kind === "ioredis") {
        const client = new Redis({ port: redis.port, host: "127.0.0.1", enableOfflineQueue: false, maxRetriesPerRequest: 0 });
        client.on("error", () => {});
        await waitUntil(() => client.status === "ready", "ioredis is connected");
        await redis.kill();
        await waitUntil(() => client.status !== "ready", "ioredis noticed the server is gone");
        return { store: createRedisDedupeStore(client, { keyPrefix }), close: async () => client.disconnect() };
      }
      const client = createClient({ url: `redis://127.0.0.1:${redis.port}`, disableOfflineQueue: true });
      client.on("error", () => {});
      await client.connect();
      await redis.kill();
      await waitUntil(() => !client.isReady, "node-redis noticed the server is gone");
      return { store: createRedisDedupeStore(client, { keyPrefix }), close: async () => client.destroy() };
    },
    async tearDown() {
      const client = new Redis(url);
      const keys = await client.keys(`${keyPrefix}*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    },
  };
}

type PostgresKind = "pg" | "postgres.js" | "PGlite";

function postgresEngine(kind: PostgresKind): Engine {
  const server = kind === "PGlite" ? { url: "", skip: false as const } : realServer("DATABASE_URL");
  const table = uniqueName("dedupe");
  let url = "";
  let lite: PGlite | undefined;
  const open = async (): Promise<{ db: pg.Pool | postgres.Sql | PGlite; close(): Promise<void> }> => {
    if (kind === "pg") {
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      return { db: pool, close: () => pool.end() };
    }
    if (kind === "postgres.js") {
      const sql = postgres(url, { max: 10, onnotice: () => {} });
      return { db: sql, close: () => sql.end() };
    }
    lite ??= new PGlite();
    return { db: lite, close: async () => {} };
  };
  let admin: { store: PostgresDedupeStore; db: pg.Pool | postgres.Sql | PGlite; close(): Promise<void> } | undefined;
  return {
    name: `createPostgresDedupeStore over ${kind}`,
    skip: server.skip,
    shared: true,
    async setUp() {
      if (kind !== "PGlite") url = await testDatabaseUrl(server.url ?? "");
      const { db, close } = await open();
      admin = { store: createPostgresDedupeStore(db, { table }), db, close };
      await admin.store.migrate();
    },
    async connect() {
      const { db, close } = await open();
      return { store: (options) => createPostgresDedupeStore(db, { ...options, table }), close };
    },
    async down() {
      if (kind === "PGlite") {
        const closed = new PGlite();
        await closed.close();
        return { store: createPostgresDedupeStore(closed, { table }), close: async () => {} };
      }
      const downUrl = `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`;
      if (kind === "pg") {
        const pool = new pg.Pool({ connectionString: downUrl });
        return { store: createPostgresDedupeStore(pool, { table }), close: () => pool.end() };
      }
      const sql = postgres(downUrl, { max: 1, connect_timeout: 2 });
      // A bounded end: after a refused connection postgres.js's end() alone may never resolve.
      return { store: createPostgresDedupeStore(sql, { table }), close: () => sql.end({ timeout: 1 }) };
    },
    async tearDown() {
      if (admin === undefined) return;
      const { db } = admin;
      const drop = `DROP TABLE IF EXISTS ${admin.store.table}`;
      if (db instanceof PGlite) await db.query(drop);
      else if ("unsafe" in db) await db.unsafe(drop);
      else await db.query(drop);
      await admin.close();
      await lite?.close();
    },
  };
}

/** The stores of the contract suite, in the order the issue lists them. */
export function engines(): Engine[] {
  return [
    memoryEngine(),
    redisEngine("ioredis"),
    redisEngine("node-redis"),
    postgresEngine("pg"),
    postgresEngine("postgres.js"),
    postgresEngine("PGlite"),
  ];
}
