import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryDedupeStore, type MemoryDedupeOptions } from "../../templates/runtime/dedupe.js";

// The in-memory dedupe store, driven by an injected clock.

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** A store with a clock the test moves by hand. */
function storeAt(options: Omit<MemoryDedupeOptions, "now"> = {}): { store: MemoryDedupeStore; clock: { t: number } } {
  const clock = { t: 1_700_000_000_000 };
  return { store: new MemoryDedupeStore({ ...options, now: () => clock.t }), clock };
}

describe("MemoryDedupeStore", () => {
  it("claims a new key, answers busy while it is held and duplicate once completed", async () => {
    const { store } = storeAt();
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
    assert.deepEqual(await store.claim(["k"], "d1"), ["busy"]);
    await store.complete(["k"], "d1");
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
  });

  it("a late release by a delivery whose lease expired does not free the claim another delivery took over", async () => {
    const { store, clock } = storeAt({ leaseMs: MINUTE });
    assert.deepEqual(await store.claim(["k"], "slow"), ["claimed"]);
    clock.t += MINUTE + 1;
    assert.deepEqual(await store.claim(["k"], "retry"), ["claimed"]);
    await store.release(["k"], "slow");
    assert.deepEqual(await store.claim(["k"], "third"), ["busy"]);
    await store.release(["k"], "retry");
    assert.deepEqual(await store.claim(["k"], "third"), ["claimed"]);
  });

  it("lets a released key be claimed again", async () => {
    const { store } = storeAt();
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
    await store.release(["k"], "d1");
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
  });

  it("does not forget a completed key on release", async () => {
    const { store } = storeAt();
    await store.claim(["k"], "d1");
    await store.complete(["k"], "d1");
    await store.release(["k"], "d1");
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
  });

  it("ignores releasing or completing nothing and releasing unknown keys", async () => {
    const { store } = storeAt();
    await store.release(["unknown"], "d1");
    await store.release([], "d1");
    await store.complete([], "d1");
    assert.equal(store.size, 0);
    assert.deepEqual(await store.claim([], "d1"), []);
  });

  it("answers each key of a batch in order", async () => {
    const { store } = storeAt();
    await store.claim(["held"], "d1");
    await store.claim(["done"], "d1");
    await store.complete(["done"], "d1");
    assert.deepEqual(await store.claim(["new", "held", "done", "new"], "d1"), ["claimed", "busy", "duplicate", "busy"]);
  });

  it("lets a held claim be taken over once the default 10-minute lease expires", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"], "d1");
    clock.t = start + 10 * MINUTE - 1;
    assert.deepEqual(await store.claim(["k"], "d1"), ["busy"]);
    clock.t = start + 10 * MINUTE;
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
    // The takeover starts a new lease.
    clock.t = start + 20 * MINUTE - 1;
    assert.deepEqual(await store.claim(["k"], "d1"), ["busy"]);
  });

  it("honours leaseMs", async () => {
    const { store, clock } = storeAt({ leaseMs: 1000 });
    const start = clock.t;
    await store.claim(["k"], "d1");
    clock.t = start + 999;
    assert.deepEqual(await store.claim(["k"], "d1"), ["busy"]);
    clock.t = start + 1000;
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
  });

  it("remembers a completed key for 24 hours by default, counted from completion", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"], "d1");
    clock.t = start + 5 * MINUTE;
    await store.complete(["k"], "d1");
    const completed = clock.t;
    clock.t = completed + DAY - 1;
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
    clock.t = completed + DAY + 1;
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
  });

  it("does not expire a completed key with the lease", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"], "d1");
    await store.complete(["k"], "d1");
    clock.t = start + 10 * MINUTE + 1;
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
  });

  it("honours ttlMs", async () => {
    const { store, clock } = storeAt({ ttlMs: 5000 });
    const start = clock.t;
    await store.claim(["k"], "d1");
    await store.complete(["k"], "d1");
    clock.t = start + 4999;
    assert.deepEqual(await store.claim(["k"], "d1"), ["duplicate"]);
    clock.t = start + 5000;
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
  });

  it("evicts the oldest keys beyond maxEntries", async () => {
    const { store } = storeAt({ maxEntries: 2 });
    await store.claim(["a"], "d1");
    await store.claim(["b"], "d1");
    assert.equal(store.size, 2);
    await store.claim(["c"], "d1");
    assert.equal(store.size, 2);
    assert.deepEqual(await store.claim(["c"], "d1"), ["busy"]);
    assert.deepEqual(await store.claim(["b"], "d1"), ["busy"]);
    // a was evicted, so it is claimed again, which in turn evicts b (now the oldest).
    assert.deepEqual(await store.claim(["a"], "d1"), ["claimed"]);
    assert.deepEqual(await store.claim(["b"], "d1"), ["claimed"]);
    assert.equal(store.size, 2);
  });

  it("counts a completion as the newest entry for eviction", async () => {
    const { store } = storeAt({ maxEntries: 2 });
    await store.claim(["a", "b"], "d1");
    await store.complete(["a"], "d1");
    await store.claim(["c"], "d1");
    assert.deepEqual(await store.claim(["a"], "d1"), ["duplicate"], "a was refreshed by complete");
    assert.deepEqual(await store.claim(["c"], "d1"), ["busy"]);
    assert.deepEqual(await store.claim(["b"], "d1"), ["claimed"], "b was the oldest and was evicted");
  });

  it("evicts within one batch", async () => {
    const { store } = storeAt({ maxEntries: 3 });
    assert.deepEqual(await store.claim(["a", "b", "c", "d", "e"], "d1"), [
      "claimed",
      "claimed",
      "claimed",
      "claimed",
      "claimed",
    ]);
    assert.equal(store.size, 3);
    assert.deepEqual(await store.claim(["c", "d", "e"], "d1"), ["busy", "busy", "busy"]);
  });

  it("uses Date.now without an injected clock", async () => {
    const store = new MemoryDedupeStore();
    assert.deepEqual(await store.claim(["k"], "d1"), ["claimed"]);
    assert.deepEqual(await store.claim(["k"], "d1"), ["busy"]);
  });

  const invalid: [keyof Omit<MemoryDedupeOptions, "now">, number, string][] = [
    ["ttlMs", 0, "0"],
    ["ttlMs", -1, "-1"],
    ["ttlMs", Number.NaN, "NaN"],
    ["ttlMs", Number.POSITIVE_INFINITY, "Infinity"],
    ["leaseMs", 0, "0"],
    ["leaseMs", -5, "-5"],
    ["leaseMs", Number.NaN, "NaN"],
    ["maxEntries", 0, "0"],
    ["maxEntries", -1, "-1"],
    ["maxEntries", Number.POSITIVE_INFINITY, "Infinity"],
  ];
  for (const [option, value, shown] of invalid) {
    it(`refuses ${option}: ${shown} with a TypeError`, () => {
      assert.throws(() => new MemoryDedupeStore({ [option]: value }), {
        name: "TypeError",
        message: `MemoryDedupeStore: ${option} must be a positive number, got ${shown}`,
      });
    });
  }

  it("refuses a maxEntries that is not a whole number", () => {
    assert.throws(() => new MemoryDedupeStore({ maxEntries: 1.5 }), {
      name: "TypeError",
      message: "MemoryDedupeStore: maxEntries must be a whole number, got 1.5",
    });
  });

  it("refuses a non-number option from untyped code", () => {
    assert.throws(() => new MemoryDedupeStore({ ttlMs: "1000" as unknown as number }), {
      name: "TypeError",
      message: "MemoryDedupeStore: ttlMs must be a positive number, got 1000",
    });
  });
});
