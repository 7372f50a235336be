import { openSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { createPostgresInbox } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/dist/esm/index.js";

// One inbox worker process of the crash and several-workers tests:
//   node --import tsx test/inbox/worker.ts '<WorkerConfig as JSON>'
// It runs inbox.work() of the generated package (compiled) and writes one line per event to its
// log with a direct write(2), so that the lines survive a SIGKILL:
//   S|D|F <notification id> <record id> <attempt> <CLOCK_MONOTONIC ns>   (started, done, failed)
// With `killAfter`, it SIGKILLs itself once that many items are done: a crash mid-run.

export interface WorkerConfig {
  readonly url: string;
  readonly table: string;
  readonly log: string;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  /** The notification whose code always throws. */
  readonly poison?: string;
  readonly killAfter?: number;
  /** Milliseconds each item takes; items listed in `slow` take `slowMs`. */
  readonly workMs: number;
  readonly slow?: readonly string[];
  readonly slowMs?: number;
}

const config = JSON.parse(process.argv[2] ?? "") as WorkerConfig;
const log = openSync(config.log, "a");
const write = (event: "S" | "D" | "F", id: string, record: string, attempt: number): void =>
  void writeSync(log, `${event} ${id} ${record} ${attempt} ${process.hrtime.bigint()}\n`);
const pool = new pg.Pool({ connectionString: config.url, max: 4 });
const inbox = createPostgresInbox(pool, { table: config.table, leaseMs: config.leaseMs, maxAttempts: config.maxAttempts, retryDelayMs: 20, maxRetryDelayMs: 100 });
let done = 0;
const worker = inbox.work(
  async (notification, context) => {
    write("S", notification.Id, notification.sObject.Id, context.attempt);
    await sleep(config.slow?.includes(notification.Id) === true ? (config.slowMs ?? 0) : config.workMs);
    if (notification.Id === config.poison) {
      write("F", notification.Id, notification.sObject.Id, context.attempt);
      throw new Error(`poison notification ${notification.Id}`);
    }
    write("D", notification.Id, notification.sObject.Id, context.attempt);
    if (++done === config.killAfter) process.kill(process.pid, "SIGKILL");
  },
  { concurrency: config.concurrency, pollIntervalMs: 20, onError: () => {} },
);
process.stdout.write("working\n");
process.on("SIGTERM", () => {
  void worker.stop().then(async () => {
    await pool.end();
    process.exit(0);
  });
});
