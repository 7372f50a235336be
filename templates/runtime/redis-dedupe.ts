import { CLAIM_RESULTS, resolveTiming, type ClaimResult, type DedupeStore, type DedupeTimingOptions } from "./dedupe.js";

// A DedupeStore over Redis. Each operation is one Lua script over all keys of a message, so a
// claim of 100 notifications is one round trip and atomic: no other delivery sees half of it.
// A key holds `busy:<owner>` with the lease as its expiry, or `done` with the TTL; expiry is the
// server's, so the replicas' clocks do not matter.

/** The parts of an ioredis client (`Redis` or `Cluster`) the store uses. */
export interface IoRedisLike {
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** The parts of a node-redis v5 client (`createClient()` or `createCluster()`, connected) the store uses. */
export interface NodeRedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export type RedisClientLike = IoRedisLike | NodeRedisLike;

export interface RedisDedupeOptions extends DedupeTimingOptions {
  /**
   * Put before every key (default `"outbound:dedupe:"`): printable ASCII without spaces, at most
   * 100 characters. On Redis Cluster, include a hash tag (`"{outbound}:"`) so that the keys of
   * one message are in one slot, as a multi-key script needs.
   */
  readonly keyPrefix?: string;
}

export interface RedisDedupeStore extends DedupeStore {
  readonly keyPrefix: string;
}

const STORE = "createRedisDedupeStore";
const KEY_PREFIX = /^[!-~]{0,100}$/;

/** KEYS: the keys; ARGV: owner, lease in ms. Answers per key the index in CLAIM_RESULTS: 0 claimed, 1 duplicate, 2 busy. */
const CLAIM = `local owner = 'busy:' .. ARGV[1]
local answers = {}
for i = 1, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if not value then
    redis.call('SET', KEYS[i], owner, 'PX', ARGV[2])
    answers[i] = 0
  elseif value == 'done' then
    answers[i] = 1
  else
    answers[i] = 2
  end
end
return answers`;

/** KEYS: the keys; ARGV: TTL in ms. */
const COMPLETE = `for i = 1, #KEYS do
  redis.call('SET', KEYS[i], 'done', 'PX', ARGV[1])
end
return #KEYS`;

/** KEYS: the keys; ARGV: owner. Deletes only what this owner still holds. */
const RELEASE = `local owner = 'busy:' .. ARGV[1]
local released = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == owner then
    redis.call('DEL', KEYS[i])
    released = released + 1
  end
end
return released`;

type RunScript = (script: Script, keys: readonly string[], args: readonly string[]) => Promise<unknown>;

interface Script {
  readonly source: string;
  sha1?: Promise<string | undefined>;
}

/**
 * A dedupe store shared by every replica that uses the same Redis (and key prefix). `client` is
 * an ioredis or a node-redis v5 client as you created it; the store never connects or closes it.
 */
export function createRedisDedupeStore(client: RedisClientLike, options: RedisDedupeOptions = {}): RedisDedupeStore {
  const { ttlMs, leaseMs } = resolveTiming(options, STORE);
  const keyPrefix = options.keyPrefix ?? "outbound:dedupe:";
  if (typeof keyPrefix !== "string" || !KEY_PREFIX.test(keyPrefix)) {
    throw new TypeError(`${STORE}: keyPrefix must be at most 100 printable ASCII characters without spaces, got ${JSON.stringify(keyPrefix)}`);
  }
  const run = scriptRunner(client);
  const scripts = { claim: { source: CLAIM }, complete: { source: COMPLETE }, release: { source: RELEASE } };
  const prefixed = (keys: readonly string[]): string[] => keys.map((key) => keyPrefix + key);
  // Redis expiries are whole milliseconds; rounding up never shortens a lease or a TTL.
  const lease = String(Math.ceil(leaseMs));
  const ttl = String(Math.ceil(ttlMs));

  return {
    keyPrefix,
    async claim(keys, owner) {
      if (keys.length === 0) return [];
      const reply = await run(scripts.claim, prefixed(keys), [owner, lease]);
      if (!Array.isArray(reply) || reply.length !== keys.length) {
        throw new Error(`${STORE}: unexpected reply to the claim script: ${JSON.stringify(reply)}`);
      }
      return reply.map((code: unknown): ClaimResult => {
        const answer = CLAIM_RESULTS[Number(code)];
        if (answer === undefined) throw new Error(`${STORE}: unexpected answer ${JSON.stringify(code)} from the claim script`);
        return answer;
      });
    },
    async complete(keys) {
      if (keys.length > 0) await run(scripts.complete, prefixed(keys), [ttl]);
    },
    async release(keys, owner) {
      if (keys.length > 0) await run(scripts.release, prefixed(keys), [owner]);
    },
  };
}

/** EVALSHA in the client's own calling convention, loading the script with EVAL when the server lacks it. */
function scriptRunner(client: RedisClientLike): RunScript {
  const candidate = client as Partial<IoRedisLike & NodeRedisLike> | null;
  let evalScript: (script: string, keys: readonly string[], args: readonly string[]) => Promise<unknown>;
  let evalSha: typeof evalScript;
  if (typeof candidate?.evalSha === "function" && typeof candidate.eval === "function") {
    const redis = client as NodeRedisLike;
    evalScript = (script, keys, args) => redis.eval(script, { keys: [...keys], arguments: [...args] });
    evalSha = (sha1, keys, args) => redis.evalSha(sha1, { keys: [...keys], arguments: [...args] });
  } else if (typeof candidate?.evalsha === "function" && typeof candidate.eval === "function") {
    const redis = client as IoRedisLike;
    evalScript = (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args);
    evalSha = (sha1, keys, args) => redis.evalsha(sha1, keys.length, ...keys, ...args);
  } else {
    throw new TypeError(`${STORE}: client must be an ioredis client (eval, evalsha) or a node-redis v5 client (eval, evalSha)`);
  }
  return async (script, keys, args) => {
    script.sha1 ??= sha1Hex(script.source);
    const sha1 = await script.sha1;
    if (sha1 === undefined) return evalScript(script.source, keys, args);
    try {
      return await evalSha(sha1, keys, args);
    } catch (error) {
      // A fresh or flushed server does not know the script yet; EVAL runs and caches it.
      if (!String((error as { message?: unknown } | null)?.message).startsWith("NOSCRIPT")) throw error;
      return evalScript(script.source, keys, args);
    }
  };
}

/** The SHA-1 Redis names a script by; undefined without Web Crypto (then every call sends the script). */
async function sha1Hex(text: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const digest = new Uint8Array(await subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
