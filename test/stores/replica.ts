import { openSync, writeSync } from "node:fs";
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import pg from "pg";
import postgres from "postgres";
import { createClient } from "redis";
import {
  createNodeHandler,
  createPostgresDedupeStore,
  createRedisDedupeStore,
  type DedupeStore,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/dist/esm/index.js";

// One handler replica of the multi-replica fault test, a process of its own:
//   node --import tsx test/stores/replica.ts '<ReplicaConfig as JSON>'
// It serves the generated package's compiled node handler on 127.0.0.1:<port> over a shared store
// and writes one line per user-code event to its log with a direct write(2), so that the lines
// survive a SIGKILL:  S|D|F <attempt> <notification id> <CLOCK_MONOTONIC ns>  (started, done,
// failed). `x-attempt` names the driver's HTTP attempt; `x-first: 1` marks a first attempt, on
// which the user code of 5 % of the notifications (chosen by id) fails.

export type ReplicaClient = "ioredis" | "node-redis" | "pg" | "postgres.js";

export interface ReplicaConfig {
  readonly client: ReplicaClient;
  readonly url: string;
  /** Redis key prefix or Postgres table. */
  readonly namespace: string;
  readonly port: number;
  readonly log: string;
  readonly leaseMs: number;
}

export const ORGANIZATION_ID = "00D5w000004qGTOEA2";

/** The notifications whose user code fails on a first attempt: 5 % of them, by a hash of the id. */
export function failsOnFirstAttempt(id: string): boolean {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % 100 < 5;
}

async function storeFor(config: ReplicaConfig): Promise<DedupeStore> {
  const options = { leaseMs: config.leaseMs, ttlMs: 10 * 60 * 1000 };
  switch (config.client) {
    case "ioredis":
      return createRedisDedupeStore(new Redis(config.url), { ...options, keyPrefix: config.namespace });
    case "node-redis": {
      const client = createClient({ url: config.url });
      await client.connect();
      return createRedisDedupeStore(client, { ...options, keyPrefix: config.namespace });
    }
    case "pg":
      return createPostgresDedupeStore(new pg.Pool({ connectionString: config.url, max: 8 }), { ...options, table: config.namespace });
    case "postgres.js":
      return createPostgresDedupeStore(postgres(config.url, { max: 8 }), { ...options, table: config.namespace });
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "") as ReplicaConfig;
  const log = openSync(config.log, "a");
  const write = (event: "S" | "D" | "F", attempt: string, id: string): void =>
    void writeSync(log, `${event} ${attempt} ${id} ${process.hrtime.bigint()}\n`);
  const handler = createNodeHandler({
    organizationId: ORGANIZATION_ID,
    dedupe: await storeFor(config),
    concurrency: 4,
    onNotification: async (notification, context) => {
      const attempt = context.headers["x-attempt"] ?? "?";
      write("S", attempt, notification.Id);
      await sleep(1);
      if (context.headers["x-first"] === "1" && failsOnFirstAttempt(notification.Id)) {
        write("F", attempt, notification.Id);
        throw new Error(`injected failure of ${notification.Id}`);
      }
      write("D", attempt, notification.Id);
    },
    onError: () => {},
  });
  const server = createServer(handler);
  server.listen(config.port, "127.0.0.1", () => process.stdout.write(`listening ${config.port}\n`));
  // Stopped by the driver (SIGTERM at the end, SIGKILL mid-run).
  process.on("SIGTERM", () => process.exit(0));
}

await main();
