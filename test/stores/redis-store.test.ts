import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { createRedisDedupeStore, type IoRedisLike } from "../../templates/runtime/redis-dedupe.js";
import { realServer, uniqueName } from "../support/servers.js";
import { disposableRedis } from "./engines.js";

// What only the Redis store has: its key layout and expiries, script loading, one round trip
// per operation, names and client shapes.

const STORE = "createRedisDedupeStore";

describe("createRedisDedupeStore options", () => {
  const client = { eval: async () => [], evalsha: async () => [] } satisfies IoRedisLike;
  const badPrefixes: [unknown, string][] = [
    ["with space:", '"with space:"'],
    ["tab\t", '"tab\\t"'],
    ["é:", '"é:"'],
    ["x".repeat(101), `"${"x".repeat(101)}"`],
    [7, "7"],
  ];
  for (const [keyPrefix, shown] of badPrefixes) {
    it(`refuses the keyPrefix ${shown} with a TypeError`, () => {
      assert.throws(() => createRedisDedupeStore(client, { keyPrefix: keyPrefix as string }), {
        name: "TypeError",
        message: `${STORE}: keyPrefix must be at most 100 printable ASCII characters without spaces, got ${shown}`,
      });
    });
  }

  it("takes an empty keyPrefix and a hash tag", () => {
    assert.equal(createRedisDedupeStore(client, { keyPrefix: "" }).keyPrefix, "");
    assert.equal(createRedisDedupeStore(client, { keyPrefix: "{outbound}:" }).keyPrefix, "{outbound}:");
    assert.equal(createRedisDedupeStore(client).keyPrefix, "outbound:dedupe:");
  });

  it("refuses options out of range and clients of another shape with a TypeError", () => {
    assert.throws(() => createRedisDedupeStore(client, { ttlMs: -1 }), { name: "TypeError", message: `${STORE}: ttlMs must be a positive number, got -1` });
    assert.throws(() => createRedisDedupeStore(client, { leaseMs: Number.POSITIVE_INFINITY }), {
      message: `${STORE}: leaseMs must be a positive number, got Infinity`,
    });
    assert.throws(() => createRedisDedupeStore({ eval: async () => [] } as never), {
      name: "TypeError",
      message: `${STORE}: client must be an ioredis client (eval, evalsha) or a node-redis v5 client (eval, evalSha)`,
    });
  });
});

const redis = realServer("REDIS_URL");
describe("createRedisDedupeStore on the Redis server", { skip: redis.skip }, () => {
  const keyPrefix = `${uniqueName()}:`;
  let ioredis: Redis;
  let nodeRedis: ReturnType<typeof createClient>;
  before(async () => {
    ioredis = new Redis(redis.url ?? "");
    nodeRedis = createClient({ url: redis.url ?? "" });
    await nodeRedis.connect();
  });
  after(async () => {
    const keys = await ioredis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await ioredis.del(...keys);
    await ioredis.quit();
    await nodeRedis.close();
  });

  it("keeps busy:<owner> for the lease and done for the TTL, under the key prefix", async () => {
    const store = createRedisDedupeStore(ioredis, { keyPrefix, leaseMs: 60_000, ttlMs: 3_600_000 });
    await store.claim(["00D000000000001:04l1"], "owner-1");
    assert.equal(await ioredis.get(`${keyPrefix}00D000000000001:04l1`), "busy:owner-1");
    const lease = await ioredis.pttl(`${keyPrefix}00D000000000001:04l1`);
    assert.ok(lease > 55_000 && lease <= 60_000, `lease PTTL ${lease}`);
    await store.complete(["00D000000000001:04l1"], "owner-1");
    assert.equal(await ioredis.get(`${keyPrefix}00D000000000001:04l1`), "done");
    const ttl = await ioredis.pttl(`${keyPrefix}00D000000000001:04l1`);
    assert.ok(ttl > 3_500_000 && ttl <= 3_600_000, `TTL PTTL ${ttl}`);
  });

  it("lets ioredis and node-redis stores share keys", async () => {
    const a = createRedisDedupeStore(ioredis, { keyPrefix });
    const b = createRedisDedupeStore(nodeRedis, { keyPrefix });
    assert.deepEqual(await a.claim(["shared-1", "shared-2"], "a"), ["claimed", "claimed"]);
    await a.complete(["shared-1"], "a");
    assert.deepEqual(await b.claim(["shared-1", "shared-2"], "b"), ["duplicate", "busy"]);
    await b.release(["shared-2"], "a");
    assert.deepEqual(await b.claim(["shared-2"], "b"), ["claimed"]);
  });

  it("loads its scripts again after SCRIPT FLUSH (on a server of its own, not to disturb others)", async () => {
    const server = await disposableRedis();
    const url = `redis://127.0.0.1:${server.port}`;
    const io = new Redis(url);
    const node = createClient({ url });
    node.on("error", () => {});
    await node.connect();
    try {
      for (const [kind, client] of [["ioredis", io], ["node-redis", node]] as const) {
        const store = createRedisDedupeStore(client, { keyPrefix });
        assert.deepEqual(await store.claim([`flush-${kind}-1`], "o"), ["claimed"]);
        await io.script("FLUSH");
        assert.deepEqual(await store.claim([`flush-${kind}-1`, `flush-${kind}-2`], "p"), ["busy", "claimed"], kind);
      }
    } finally {
      io.disconnect();
      node.destroy();
      await server.kill();
    }
  });

  it("claims, completes and releases 100 keys in one script call each", async () => {
    const calls: string[] = [];
    const counted: IoRedisLike = {
      eval: (...args) => (calls.push("eval"), ioredis.eval(...args)),
      evalsha: (...args) => (calls.push("evalsha"), ioredis.evalsha(...args)),
    };
    const store = createRedisDedupeStore(counted, { keyPrefix });
    await store.claim(["warm-up"], "o");
    calls.length = 0;
    const keys = Array.from({ length: 100 }, (_, i) => `round-trip-${i}`);
    assert.deepEqual(new Set(await store.claim(keys, "o")), new Set(["claimed"]));
    await store.complete(keys.slice(0, 50), "o");
    await store.release(keys.slice(50), "o");
    assert.deepEqual(calls, ["evalsha", "evalsha", "evalsha"]);
    assert.deepEqual(new Set(await store.claim(keys.slice(50), "p")), new Set(["claimed"]));
  });
});
