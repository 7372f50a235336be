import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";

// The generated node handler over one dedupe store, for the stores section (bench/stores.ts).
// Started through bench/http-server.ts (`store <entry> <kind> <url> <namespace>`), so it has the
// same IPC protocol. The clients are the ones a user would pass in; PGlite runs in this process.

export const STORE_KINDS = ["none", "memory", "redis-ioredis", "redis-node-redis", "postgres-pg", "postgres-postgres.js", "pglite"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The exports of the generated package this server uses, typed loosely (generated at run time). */
interface StorePackage {
  MemoryDedupeStore: new () => unknown;
  createRedisDedupeStore(client: unknown, options: { keyPrefix: string; ttlMs: number }): unknown;
  createPostgresDedupeStore(db: unknown, options: { table: string; ttlMs: number }): { migrate(): Promise<void> };
  createNodeHandler(options: {
    organizationId: string;
    onNotifications: (notifications: readonly unknown[]) => Promise<void>;
    dedupe: unknown;
    onError: (error: unknown) => void;
  }): (req: unknown, res: unknown) => void;
}

/** Keys and rows of a bench run outlive it by ten minutes at most. */
const TTL_MS = 10 * 60 * 1000;

async function storeOf(pkg: StorePackage, kind: StoreKind, url: string, namespace: string): Promise<unknown> {
  switch (kind) {
    case "none":
      return false; // `dedupe: false`: what the handler costs without any store
    case "memory":
      return new pkg.MemoryDedupeStore();
    case "redis-ioredis": {
      const { Redis } = await import("ioredis");
      return pkg.createRedisDedupeStore(new Redis(url), { keyPrefix: namespace, ttlMs: TTL_MS });
    }
    case "redis-node-redis": {
      const { createClient } = await import("redis");
      const client = createClient({ url });
      await client.connect();
      return pkg.createRedisDedupeStore(client, { keyPrefix: namespace, ttlMs: TTL_MS });
    }
    case "postgres-pg": {
      const { default: pg } = await import("pg");
      return migrated(pkg, new pg.Pool({ connectionString: url, max: 10 }), namespace);
    }
    case "postgres-postgres.js": {
      const { default: postgres } = await import("postgres");
      return migrated(pkg, postgres(url, { max: 10, onnotice: () => {} }), namespace);
    }
    case "pglite": {
      const { PGlite } = await import("@electric-sql/pglite");
      return migrated(pkg, new PGlite(), namespace);
    }
  }
}

async function migrated(pkg: StorePackage, db: unknown, table: string): Promise<unknown> {
  const store = pkg.createPostgresDedupeStore(db, { table, ttlMs: TTL_MS });
  await store.migrate();
  return store;
}

/** `args`: the store kind, the server URL (unused for memory and PGlite) and the key prefix or table. */
export async function storeServer(entry: string, args: readonly string[], count: (notifications: number) => void): Promise<Server> {
  const [kind, url = "", namespace = ""] = args;
  if (!(STORE_KINDS as readonly string[]).includes(kind ?? "")) throw new Error(`unknown store kind ${kind}`);
  const pkg = (await import(pathToFileURL(entry).href)) as StorePackage;
  const handler = pkg.createNodeHandler({
    organizationId: "00D5w000004qGTO",
    onNotifications: async (notifications) => count(notifications.length),
    dedupe: await storeOf(pkg, kind as StoreKind, url, namespace),
    onError: (error) => console.error(error),
  });
  return createServer((req, res) => handler(req, res));
}
