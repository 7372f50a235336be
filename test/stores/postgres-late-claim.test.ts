import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import {
  ACK_TRUE,
  createNodeHandler,
  createPostgresDedupeStore,
  type DeliveryError,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { listen, postSoap } from "../support/http.js";
import { OPPORTUNITY_MESSAGE } from "../support/requests.js";
import { realServer, testDatabaseUrl, uniqueName } from "../support/servers.js";

// A claim that outlives storeTimeoutMs is answered with a 500 and its keys released; over a pg Pool
// that release runs on another connection and may come before the claim commits. The keys must
// not stay busy until the lease ends (10 minutes): Salesforce's retry has to be processed.

const ORG = "00D5w000004qGTOEA2";
const KEY = "00D5w000004qGTO:04l5w00005286hAAAQ";

const database = realServer("DATABASE_URL");
describe("a claim that commits after storeTimeoutMs, over a pg Pool", { skip: database.skip }, () => {
  let pool: pg.Pool;
  let table = "";
  before(async () => {
    pool = new pg.Pool({ connectionString: await testDatabaseUrl(database.url ?? ""), max: 4 });
    table = uniqueName("late_claim");
  });
  after(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });

  it("releases the keys once the late claim settles, so the retry is processed", async () => {
    const store = createPostgresDedupeStore(pool, { table });
    await store.migrate();
    const errors: DeliveryError[] = [];
    let processed = 0;
    const server = await listen(
      createNodeHandler({
        organizationId: ORG,
        dedupe: store,
        storeTimeoutMs: 300,
        onError: (error) => void errors.push(error),
        onNotifications: (notifications) => void (processed += notifications.length),
      }),
    );
    // Another session's uncommitted row for the key holds the claim's INSERT until it ends.
    const blocker = await pool.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`INSERT INTO ${table} (key, owner, done, expires_at) VALUES ($1, 'blocker', false, now() - interval '1 second')`, [KEY]);
      const first = await postSoap(server.url, OPPORTUNITY_MESSAGE);
      assert.equal(first.status, 500);
      assert.deepEqual(
        errors.map((error) => [error.code, error.message, (error.cause as Error).message]),
        [["DEDUPE_FAILED", "the dedupe store failed to claim the notifications", "the dedupe store did not answer claim within 300 ms"]],
      );
      await sleep(100); // the release that follows the 500 finds nothing of this delivery yet
      await blocker.query("COMMIT"); // the expired row is taken over: the late claim commits now
    } finally {
      blocker.release();
    }
    // Bounded wait for the late claim and the release after it; without that release the row stays.
    const held = async (): Promise<number> =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE key = $1`, [KEY])).rows[0]?.n ?? -1;
    for (let i = 0; i < 50 && (await held()) > 0; i++) await sleep(20);
    try {
      const retry = await postSoap(server.url, OPPORTUNITY_MESSAGE);
      assert.deepEqual([retry.status, retry.body], [200, ACK_TRUE], "the retry is processed, not answered 503 busy for 10 minutes");
      assert.equal(processed, 1);
      assert.equal(errors.length, 1);
    } finally {
      await server.close();
    }
  });
});
