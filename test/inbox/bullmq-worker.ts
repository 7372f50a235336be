import { openSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { startWorker } from "../../examples/bullmq/recipe.js";

// One BullMQ worker process of the BullMQ crash test, running the README's recipe
// (examples/bullmq/recipe.ts); its log has the format of test/inbox/worker.ts.

interface BullWorkerConfig {
  readonly redisUrl: string;
  readonly queue: string;
  readonly prefix: string;
  readonly log: string;
  readonly concurrency: number;
  readonly poison: string;
  readonly killAfter?: number;
  readonly workMs: number;
}

const config = JSON.parse(process.argv[2] ?? "") as BullWorkerConfig;
const log = openSync(config.log, "a");
const write = (event: "S" | "D" | "F", id: string, record: string, attempt: number): void =>
  void writeSync(log, `${event} ${id} ${record} ${attempt} ${process.hrtime.bigint()}\n`);
const { hostname, port } = new URL(config.redisUrl);
let done = 0;
const worker = startWorker(
  config.queue,
  { host: hostname, port: Number(port) },
  async (notification, job) => {
    const attempt = job.attemptsMade + 1;
    write("S", notification.Id, notification.sObject.Id, attempt);
    await sleep(config.workMs);
    if (notification.Id === config.poison) {
      write("F", notification.Id, notification.sObject.Id, attempt);
      throw new Error(`poison notification ${notification.Id}`);
    }
    write("D", notification.Id, notification.sObject.Id, attempt);
    if (++done === config.killAfter) process.kill(process.pid, "SIGKILL");
  },
  { concurrency: config.concurrency, prefix: config.prefix, lockDuration: 1000, stalledInterval: 500 },
);
worker.on("error", () => {});
await worker.waitUntilReady();
process.stdout.write("working\n");
process.on("SIGTERM", () => {
  void worker.close().then(() => process.exit(0));
});
