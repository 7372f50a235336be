import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import {
  ACK_TRUE,
  createNodeHandler,
  type DedupeStore,
  type DeliveryError,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixtureBytes } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";
import { engines, type Connection } from "./engines.js";

// One contract, every store: the memory store, Redis over ioredis and node-redis, PostgreSQL over
// pg, postgres.js and PGlite, against the real servers (REDIS_URL, DATABASE_URL). Expiry is the
// servers' own, so the timing tests sleep past short leases and TTLs.

const MESSAGE = fixtureBytes("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";
// Long enough that a loaded machine still asks within the lease, short enough to wait out.
const SHORT_MS = 1200;
const PAST_SHORT_MS = 1500;

let counter = 0;
/** Keys no other test of the run uses. */
const fresh = <Names extends string[]>(...names: Names): { [K in keyof Names]: string } => {
  counter++;
  return names.map((name) => `t${counter}:${name}`) as { [K in keyof Names]: string };
};

for (const engine of engines()) {
  describe(engine.name, { skip: engine.skip }, () => {
    let connection: Connection;
    let second: Connection;
    let store: DedupeStore;

    before(async () => {
      await engine.setUp();
      connection = await engine.connect();
      second = await engine.connect();
      store = connection.store();
    });
    after(async () => {
      await connection?.close();
      await second?.close();
      await engine.tearDown();
    });

    it("answers claimed, busy and duplicate per key of one batch, in the order asked", async () => {
      const [held, done, open] = fresh("held", "done", "open");
      assert.deepEqual(await store.claim([held, done], "first"), ["claimed", "claimed"]);
      await store.complete([done], "first");
      assert.deepEqual(await store.claim([open, held, done, open], "second"), ["claimed", "busy", "duplicate", "busy"]);
      assert.deepEqual(await store.claim([done, done], "third"), ["duplicate", "duplicate"]);
      assert.deepEqual(await store.claim([], "third"), []);
      await store.complete([], "third");
      await store.release([], "third");
    });

    it("gives exactly one of 50 parallel claims of one key", async () => {
      const [key] = fresh("contended");
      const stores = engine.shared === true ? [store, second.store()] : [store];
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (stores[i % stores.length] as DedupeStore).claim([key], `owner-${i}`)),
      );
      const flat = answers.flat();
      assert.equal(flat.filter((answer) => answer === "claimed").length, 1);
      assert.equal(flat.filter((answer) => answer === "busy").length, 49);
    });

    it("keeps a claim released by another owner, frees it when its owner releases it", async () => {
      const [key] = fresh("k");
      assert.deepEqual(await store.claim([key], "owner"), ["claimed"]);
      await store.release([key], "someone-else");
      assert.deepEqual(await store.claim([key], "someone-else"), ["busy"]);
      await store.release([key], "owner");
      assert.deepEqual(await store.claim([key], "next"), ["claimed"]);
    });

    it("keeps a completed key when its owner releases it afterwards", async () => {
      const [key] = fresh("k");
      await store.claim([key], "owner");
      await store.complete([key], "owner");
      await store.release([key], "owner");
      assert.deepEqual(await store.claim([key], "next"), ["duplicate"]);
    });

    it("lets an expired lease be taken over; the old owner's late release leaves the new claim alone", async () => {
      const short = connection.store({ leaseMs: SHORT_MS });
      const [key] = fresh("k");
      assert.deepEqual(await short.claim([key], "slow"), ["claimed"]);
      assert.deepEqual(await short.claim([key], "retry"), ["busy"]);
      await sleep(PAST_SHORT_MS);
      assert.deepEqual(await short.claim([key], "retry"), ["claimed"]);
      await short.release([key], "slow");
      assert.deepEqual(await short.claim([key], "third"), ["busy"]);
      await short.release([key], "retry");
      assert.deepEqual(await short.claim([key], "third"), ["claimed"]);
    });

    it("forgets a completed key once its TTL is over, not with the lease", async () => {
      const short = connection.store({ ttlMs: SHORT_MS, leaseMs: 50 });
      const [key] = fresh("k");
      assert.deepEqual(await short.claim([key], "owner"), ["claimed"]);
      await short.complete([key], "owner");
      await sleep(100);
      assert.deepEqual(await short.claim([key], "redelivery"), ["duplicate"]);
      await sleep(PAST_SHORT_MS);
      assert.deepEqual(await short.claim([key], "much-later"), ["claimed"]);
    });

    if (engine.shared !== true) {
      it(`keeps its state per instance: ${engine.shared}`, async () => {
        const [key] = fresh("k");
        assert.deepEqual(await store.claim([key], "replica-a"), ["claimed"]);
        assert.deepEqual(await second.store().claim([key], "replica-b"), ["claimed"]);
      });
    }

    if (engine.shared === true) {
      it("shares its state between two store instances over separate connections (PGlite: over its one connection)", async () => {
        const other = second.store();
        const [held, done] = fresh("held", "done");
        assert.deepEqual(await store.claim([held, done], "replica-a"), ["claimed", "claimed"]);
        await store.complete([done], "replica-a");
        assert.deepEqual(await other.claim([held, done], "replica-b"), ["busy", "duplicate"]);
        await other.release([held], "replica-a");
        assert.deepEqual(await store.claim([held], "replica-c"), ["claimed"]);
      });

      it("lets a redelivery to a second handler over another connection be acknowledged without running user code again", async () => {
        const runs: string[] = [];
        // The fixture's notification id is fixed; a fresh key prefix per engine keeps runs apart.
        const replica = async (name: string, dedupe: DedupeStore) =>
          listen(
            createNodeHandler({
              organizationId: ORG,
              dedupe,
              onNotification: (notification) => void runs.push(`${name}:${notification.Id}`),
              onError: () => {},
            }),
          );
        const a = await replica("a", store);
        const b = await replica("b", second.store());
        try {
          const first = await postSoap(a.url, MESSAGE);
          assert.equal(first.status, 200);
          assert.equal(first.body, ACK_TRUE);
          const again = await postSoap(b.url, MESSAGE);
          assert.equal(again.status, 200);
          assert.equal(again.body, ACK_TRUE);
          assert.deepEqual(runs, ["a:04l5w00005286hAAAQ"]);
        } finally {
          await a.close();
          await b.close();
        }
      });
    }

    const { down: storeDown } = engine;
    if (storeDown !== undefined) {
      it("answers a 500 Fault and calls onError when its server is down, never an Ack", async () => {
        const down = await storeDown();
        const errors: DeliveryError[] = [];
        let ran = 0;
        const server = await listen(
          createNodeHandler({
            organizationId: ORG,
            dedupe: down.store,
            onNotifications: () => void ran++,
            onError: (error) => void errors.push(error),
          }),
        );
        try {
          const reply = await postSoap(server.url, MESSAGE);
          assert.equal(reply.status, 500);
          assert.equal(reply.contentType, "text/xml; charset=utf-8");
          assert.match(reply.body, /<faultcode>soapenv:Server<\/faultcode>/);
          assert.match(reply.body, /<faultstring>the dedupe store failed to claim the notifications<\/faultstring>/);
          assert.doesNotMatch(reply.body, /Ack/);
          assert.equal(ran, 0);
          // After the failed claim the handler frees the keys in the background; that fails too.
          for (let i = 0; errors.length < 2 && i < 250; i++) await sleep(20);
          assert.deepEqual(
            errors.map((error) => [error.code, error.status, error.message, error.cause instanceof Error]),
            [
              ["DEDUPE_FAILED", 500, "the dedupe store failed to claim the notifications", true],
              ["DEDUPE_FAILED", 500, "the dedupe store failed to release keys", true],
            ],
          );
        } finally {
          await server.close();
          await down.close();
        }
      });
    }
  });
}
