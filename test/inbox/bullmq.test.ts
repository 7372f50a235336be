import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Queue } from "bullmq";
import { main } from "../../src/cli/main.js";
import { ROOT } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";
import { realServer, uniqueName } from "../support/servers.js";
import { messageXml, notificationId, ORGANIZATION_ID } from "./messages.js";
import { until } from "./until.js";
import { checkCrashRun, readLog, startWorker } from "./worker-fleet.js";
import { MESSAGES, PER_MESSAGE, workload } from "./workload.js";

// The README's BullMQ recipe (examples/bullmq/recipe.ts) under the crash test of the Postgres
// inbox, on the real Redis: 20 messages × 10 notifications acked over HTTP, one poison
// notification, a worker SIGKILLed after 60 jobs, a second one finishes.

const server = realServer("REDIS_URL");
const CONCURRENCY = 4;
const MAX_ATTEMPTS = 3;

describe("BullMQ recipe on Redis", { skip: server.skip, timeout: 180_000 }, () => {
  let logs: string;
  let queue: Queue;
  const prefix = uniqueName("inbox");
  const name = "notifications";
  before(async () => {
    // The recipe imports the quick start's package, as the other examples do.
    const code = await main(["fixtures/wsdl/aldoforce-opportunity.wsdl", "--out", "generated/opportunity"], { cwd: ROOT, stdout: () => {}, stderr: () => {} });
    assert.equal(code, 0);
    logs = mkdtempSync(join(tmpdir(), "inbox-bullmq-"));
  });
  after(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    rmSync(logs, { recursive: true, force: true });
  });

  it("crash safety: every job is acked once, a SIGKILLed worker's jobs are taken over, the poison is in the failed set", async (t) => {
    // The workload's messages carry fields the quick start's WSDL lacks; the warning is expected.
    t.mock.method(console, "warn", () => {});
    const { createQueue, createReceiver, JOB_OPTIONS } = await import("../../examples/bullmq/recipe.js");
    const { hostname, port } = new URL(server.url as string);
    const connection = { host: hostname, port: Number(port) };
    queue = createQueue(name, connection, prefix);
    const receiver = await listen(createReceiver(ORGANIZATION_ID, queue, { ...JOB_OPTIONS, attempts: MAX_ATTEMPTS, backoff: { type: "exponential", delay: 20 } }));
    const load = workload();
    const poison = notificationId(7, 3);
    try {
      for (let m = 0; m < MESSAGES; m++) {
        const specs = load.ids.slice(m * PER_MESSAGE, (m + 1) * PER_MESSAGE).map((id) => ({ id, record: load.recordOf.get(id) as string }));
        const response = await postSoap(receiver.url, messageXml(specs));
        assert.equal(response.status, 200, response.body);
      }
      // A redelivery is acked and adds nothing: the job ids are taken.
      const again = await postSoap(receiver.url, messageXml(load.ids.slice(0, PER_MESSAGE).map((id) => ({ id, record: load.recordOf.get(id) as string }))));
      assert.equal(again.status, 200);
    } finally {
      await receiver.close();
    }
    assert.equal((await queue.getJobCounts("waiting")).waiting, 200);

    const shared = { redisUrl: server.url, queue: name, prefix, concurrency: CONCURRENCY, poison, workMs: 5 };
    const first = join(logs, "first.log");
    const killed = await startWorker("test/inbox/bullmq-worker.ts", { ...shared, log: first, killAfter: 60 });
    assert.equal(await killed.exited, "SIGKILL");
    const second = join(logs, "second.log");
    const finisher = await startWorker("test/inbox/bullmq-worker.ts", { ...shared, log: second });
    await until(async () => {
      const counts = await queue.getJobCounts("completed", "failed");
      return counts.completed === 199 && counts.failed === 1;
    }, 60_000, "the second BullMQ worker to finish");
    assert.equal(await finisher.stop(), "0");

    const { repeated, poisonRuns } = checkCrashRun(readLog(first), readLog(second), { ids: load.ids, poison, concurrency: CONCURRENCY, killedAfter: 60 });
    const failed = await queue.getFailed();
    assert.deepEqual(
      failed.map((job) => [job.id, job.attemptsMade, job.failedReason]),
      [[`${ORGANIZATION_ID.slice(0, 15)}-${poison}`, MAX_ATTEMPTS, `poison notification ${poison}`]],
    );
    console.log(`bullmq crash: killed worker finished 60, in flight at the kill and run again ${repeated.length}, poison runs ${poisonRuns}`);
  });
});

