import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createHandler,
  MemoryDedupeStore,
  type ClaimResult,
  type DedupeStore,
  type DeliveryError,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixture } from "../support/fixtures.js";
import { post } from "../support/requests.js";

// A custom dedupe store is trusted only as far as its contract: an answer of the wrong shape, or
// no answer in time, is a store failure (500, nothing acknowledged), never read as "duplicate".

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";
const KEY = "00D5w000004qGTO:04l5w00005286hAAAQ";

/** A memory store whose methods the test may replace, recording releases. */
function storeWith(overrides: Partial<DedupeStore>): DedupeStore & { released: string[] } {
  const memory = new MemoryDedupeStore();
  const released: string[] = [];
  return {
    released,
    claim: (keys, owner) => memory.claim(keys, owner),
    complete: (keys, owner) => memory.complete(keys, owner),
    release: (keys, owner) => {
      released.push(...keys);
      return memory.release(keys, owner);
    },
    ...overrides,
  };
}

function handlerWith(store: DedupeStore, storeTimeoutMs?: number) {
  const errors: DeliveryError[] = [];
  let calls = 0;
  const handler = createHandler({
    organizationId: ORG,
    dedupe: store,
    ...(storeTimeoutMs === undefined ? {} : { storeTimeoutMs }),
    onError: (error) => errors.push(error),
    onNotifications: () => void calls++,
  });
  return { handler, errors, calls: () => calls };
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

describe("dedupe store answers are validated", () => {
  const wrongAnswers: [string, unknown][] = [
    ["an empty array", []],
    ["an upper-case claim", ["CLAIMED"]],
    ["too many answers", ["claimed", "claimed"]],
    ["not an array", "claimed"],
    ["undefined", undefined],
    ["a number", [1]],
  ];
  for (const [name, answer] of wrongAnswers) {
    it(`${name} is a store failure: 500, no user code, onError told, nothing acknowledged`, async () => {
      const store = storeWith({ claim: async () => answer as readonly ClaimResult[] });
      const { handler, errors, calls } = handlerWith(store);
      const response = await handler.handle(post(MESSAGE));
      assert.equal(response.status, 500);
      assert.match(response.body, /<faultcode>soapenv:Server<\/faultcode> <faultstring>the dedupe store failed to claim the notifications</);
      assert.equal(calls(), 0);
      assert.equal(errors[0]?.code, "DEDUPE_FAILED");
      assert.match((errors[0]?.cause as Error).message, /^claim answered .*; expected an array of 1 of "claimed", "duplicate" or "busy"$/);
    });
  }
});

describe("dedupe store calls time out", () => {
  it("a claim that never settles gives 500 after storeTimeoutMs; user code never runs", async () => {
    const store = storeWith({ claim: never });
    const { handler, errors, calls } = handlerWith(store, 50);
    const started = performance.now();
    const response = await handler.handle(post(MESSAGE));
    const elapsed = performance.now() - started;
    assert.equal(response.status, 500);
    assert.ok(elapsed >= 45 && elapsed < 2000, `answered after ${elapsed} ms`);
    assert.equal(calls(), 0);
    assert.equal((errors[0]?.cause as Error).message, "the dedupe store did not answer claim within 50 ms");
  });

  it("a completion that never settles is not acknowledged: 500, the keys released, the retry runs the code again", async () => {
    let hang = true;
    const memory = new MemoryDedupeStore();
    const store = storeWith({
      claim: (keys, owner) => memory.claim(keys, owner),
      complete: (keys, owner) => (hang ? never() : memory.complete(keys, owner)),
      release: (keys, owner) => memory.release(keys, owner),
    });
    const { handler, errors, calls } = handlerWith(store, 50);
    const first = await handler.handle(post(MESSAGE));
    assert.equal(first.status, 500);
    assert.match(first.body, /the dedupe store failed to record the processed notifications; not acknowledged, so Salesforce retries/);
    assert.equal(calls(), 1);
    assert.equal((errors[0]?.cause as Error).message, "the dedupe store did not answer complete within 50 ms");
    await new Promise((resolve) => setTimeout(resolve, 10)); // the release runs after the answer
    hang = false;
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
    assert.equal(calls(), 2, "the retry processed what was not recorded");
    assert.equal((await handler.handle(post(MESSAGE))).status, 200);
    assert.equal(calls(), 2, "and then it is a duplicate");
  });

  it("a release that never settles after user code failed still answers 500 in bounded time", async () => {
    const store = storeWith({ release: never });
    const errors: DeliveryError[] = [];
    const handler = createHandler({
      organizationId: ORG,
      dedupe: store,
      storeTimeoutMs: 50,
      onError: (error) => errors.push(error),
      onNotifications: () => {
        throw new Error("down");
      },
    });
    const response = await handler.handle(post(MESSAGE));
    assert.equal(response.status, 500);
    assert.deepEqual(
      errors.map((error) => [error.code, error.message]),
      [
        ["DEDUPE_FAILED", "the dedupe store failed to release keys"],
        ["HANDLER_FAILED", "the notifications could not be processed"],
      ],
    );
  });

  it("a claim that throws releases the keys it may hold, with the same owner", async () => {
    const owners: string[] = [];
    const store = storeWith({
      claim: async (_keys, owner) => {
        owners.push(owner);
        throw new Error("connection reset");
      },
    });
    const release = store.release;
    store.release = (keys, owner) => {
      owners.push(owner);
      return release(keys, owner);
    };
    const { handler } = handlerWith(store);
    assert.equal((await handler.handle(post(MESSAGE))).status, 500);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(store.released, [KEY]);
    assert.equal(owners.length, 2);
    assert.equal(owners[0], owners[1]);
  });
});
