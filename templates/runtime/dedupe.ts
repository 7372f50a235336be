/**
 * What a store answers for each key it is asked to claim:
 * - `claimed`: nobody had it; this delivery now holds it and must `complete` or `release` it;
 * - `duplicate`: it was completed before; skip it, it was already handed to user code;
 * - `busy`: another delivery holds it right now; do not process it twice.
 */
export type ClaimResult = "claimed" | "duplicate" | "busy";

/** Every answer of a claim, in this order (the Redis store's script answers their index). */
export const CLAIM_RESULTS: readonly ClaimResult[] = ["claimed", "duplicate", "busy"];

/** True for one of the answers a claim may give; a store's reply is checked with it. */
export function isClaimResult(value: unknown): value is ClaimResult {
  return (CLAIM_RESULTS as readonly unknown[]).includes(value);
}

/**
 * Shared memory of which notifications were processed, keyed by `«OrganizationId15»:«Notification Id»`.
 * `owner` is an opaque token of one delivery: a claim that outlived its lease may be taken over
 * by another delivery, and the first one's late `release` must then not free the second one's
 * claim. Implemented by `MemoryDedupeStore` (one process), `createRedisDedupeStore` and
 * `createPostgresDedupeStore` (shared by replicas), with the same options and answers.
 */
export interface DedupeStore {
  /** Claims each key atomically for `owner`; answers in the order of `keys`. */
  claim(keys: readonly string[], owner: string): Promise<readonly ClaimResult[]>;
  /** Marks keys as processed: redeliveries of them are skipped from now on. */
  complete(keys: readonly string[], owner: string): Promise<void>;
  /** Gives up the keys `owner` still holds after a failure, so that Salesforce's retry processes them. */
  release(keys: readonly string[], owner: string): Promise<void>;
}

/** The options every store shares, with the same meaning and defaults. */
export interface DedupeTimingOptions {
  /** How long a completed key is remembered. Salesforce retries for 24 hours, so that is the default. */
  readonly ttlMs?: number;
  /** How long a claim holds without completion before another delivery may take it over (default 10 minutes). */
  readonly leaseMs?: number;
}

export interface MemoryDedupeOptions extends DedupeTimingOptions {
  /** The most keys kept; the oldest are forgotten first (default 100,000). */
  readonly maxEntries?: number;
  /** The clock, injectable for tests. */
  readonly now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_LEASE_MS = 10 * 60 * 1000;

/** `ttlMs` and `leaseMs` validated, defaults applied; `store` names the store in the TypeError. */
export function resolveTiming(options: DedupeTimingOptions, store: string): { readonly ttlMs: number; readonly leaseMs: number } {
  return {
    ttlMs: positiveOption(options.ttlMs, DAY_MS, "ttlMs", store),
    leaseMs: positiveOption(options.leaseMs, DEFAULT_LEASE_MS, "leaseMs", store),
  };
}

interface Entry {
  readonly done: boolean;
  readonly expires: number;
  /** The delivery holding a claim; unused once done. */
  readonly owner: string;
}

/** A per-process store: right for a single instance; use a shared store for several replicas. */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupeOptions = {}) {
    ({ ttlMs: this.ttlMs, leaseMs: this.leaseMs } = resolveTiming(options, "MemoryDedupeStore"));
    this.maxEntries = positiveOption(options.maxEntries, 100_000, "maxEntries", "MemoryDedupeStore");
    if (!Number.isInteger(this.maxEntries)) {
      throw new TypeError(`MemoryDedupeStore: maxEntries must be a whole number, got ${String(options.maxEntries)}`);
    }
    this.now = options.now ?? Date.now;
  }

  claim(keys: readonly string[], owner: string): Promise<readonly ClaimResult[]> {
    const now = this.now();
    const results = keys.map((key): ClaimResult => {
      const entry = this.entries.get(key);
      if (entry !== undefined && entry.expires > now) return entry.done ? "duplicate" : "busy";
      this.set(key, { done: false, expires: now + this.leaseMs, owner });
      return "claimed";
    });
    return Promise.resolve(results);
  }

  complete(keys: readonly string[], owner: string): Promise<void> {
    const expires = this.now() + this.ttlMs;
    for (const key of keys) this.set(key, { done: true, expires, owner });
    return Promise.resolve();
  }

  release(keys: readonly string[], owner: string): Promise<void> {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry !== undefined && !entry.done && entry.owner === owner) this.entries.delete(key);
    }
    return Promise.resolve();
  }

  /** Number of keys held, expired ones included until they are evicted. */
  get size(): number {
    return this.entries.size;
  }

  private set(key: string, entry: Entry): void {
    // Re-inserting moves the key to the end, so Map order is oldest-first for eviction.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

/** A positive finite number option, or `fallback` when absent; a TypeError naming `store` and `name` otherwise. */
export function positiveOption(value: number | undefined, fallback: number, name: string, store: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new TypeError(`${store}: ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}
