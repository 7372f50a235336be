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
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
    assert.deepEqual(await store.claim(["k"]), ["busy"]);
    await store.complete(["k"]);
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
  });

  it("lets a released key be claimed again", async () => {
    const { store } = storeAt();
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
    await store.release(["k"]);
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
  });

  it("does not forget a completed key on release", async () => {
    const { store } = storeAt();
    await store.claim(["k"]);
    await store.complete(["k"]);
    await store.release(["k"]);
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
  });

  it("ignores releasing or completing nothing and releasing unknown keys", async () => {
    const { store } = storeAt();
    await store.release(["unknown"]);
    await store.release([]);
    await store.complete([]);
    assert.equal(store.size, 0);
    assert.deepEqual(await store.claim([]), []);
  });

  it("answers each key of a batch in order", async () => {
    const { store } = storeAt();
    await store.claim(["held"]);
    await store.claim(["done"]);
    await store.complete(["done"]);
    assert.deepEqual(await store.claim(["new", "held", "done", "new"]), ["claimed", "busy", "duplicate", "busy"]);
  });

  it("lets a held claim be taken over once the default 10-minute lease expires", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"]);
    clock.t = start + 10 * MINUTE - 1;
    assert.deepEqual(await store.claim(["k"]), ["busy"]);
    clock.t = start + 10 * MINUTE;
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
    // The takeover starts a new lease.
    clock.t = start + 20 * MINUTE - 1;
    assert.deepEqual(await store.claim(["k"]), ["busy"]);
  });

  it("honours leaseMs", async () => {
    const { store, clock } = storeAt({ leaseMs: 1000 });
    const start = clock.t;
    await store.claim(["k"]);
    clock.t = start + 999;
    assert.deepEqual(await store.claim(["k"]), ["busy"]);
    clock.t = start + 1000;
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
  });

  it("remembers a completed key for 24 hours by default, counted from completion", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"]);
    clock.t = start + 5 * MINUTE;
    await store.complete(["k"]);
    const completed = clock.t;
    clock.t = completed + DAY - 1;
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
    clock.t = completed + DAY + 1;
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
  });

  it("does not expire a completed key with the lease", async () => {
    const { store, clock } = storeAt();
    const start = clock.t;
    await store.claim(["k"]);
    await store.complete(["k"]);
    clock.t = start + 10 * MINUTE + 1;
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
  });

  it("honours ttlMs", async () => {
    const { store, clock } = storeAt({ ttlMs: 5000 });
    const start = clock.t;
    await store.claim(["k"]);
    await store.complete(["k"]);
    clock.t = start + 4999;
    assert.deepEqual(await store.claim(["k"]), ["duplicate"]);
    clock.t = start + 5000;
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
  });

  it("evicts the oldest keys beyond maxEntries", async () => {
    const { store } = storeAt({ maxEntries: 2 });
    await store.claim(["a"]);
    await store.claim(["b"]);
    assert.equal(store.size, 2);
    await store.claim(["c"]);
    assert.equal(store.size, 2);
    assert.deepEqual(await store.claim(["c"]), ["busy"]);
    assert.deepEqual(await store.claim(["b"]), ["busy"]);
    // a was evicted, so it is claimed again, which in turn evicts b (now the oldest).
    assert.deepEqual(await store.claim(["a"]), ["claimed"]);
    assert.deepEqual(await store.claim(["b"]), ["claimed"]);
    assert.equal(store.size, 2);
  });

  it("counts a completion as the newest entry for eviction", async () => {
    const { store } = storeAt({ maxEntries: 2 });
    await store.claim(["a", "b"]);
    await store.complete(["a"]);
    await store.claim(["c"]);
    assert.deepEqual(await store.claim(["a"]), ["duplicate"], "a was refreshed by complete");
    assert.deepEqual(await store.claim(["c"]), ["busy"]);
    assert.deepEqual(await store.claim(["b"]), ["claimed"], "b was the oldest and was evicted");
  });

  it("evicts within one batch", async () => {
    const { store } = storeAt({ maxEntries: 3 });
    assert.deepEqual(await store.claim(["a", "b", "c", "d", "e"]), ["claimed", "claimed", "claimed", "claimed", "claimed"]);
    assert.equal(store.size, 3);
    assert.deepEqual(await store.claim(["c", "d", "e"]), ["busy", "busy", "busy"]);
  });

  it("uses Date.now without an injected clock", async () => {
    const store = new MemoryDedupeStore();
    assert.deepEqual(await store.claim(["k"]), ["claimed"]);
    assert.deepEqual(await store.claim(["k"]), ["busy"]);
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

  it("refuses a non-number option from untyped code", () => {
    assert.throws(() => new MemoryDedupeStore({ ttlMs: "1000" as unknown as number }), {
      name: "TypeError",
      message: "MemoryDedupeStore: ttlMs must be a positive number, got 1000",
    });
  });
});
