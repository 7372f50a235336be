// In-process timing: warm every contender up (so V8 has optimised it), calibrate how many calls
// fill a round, then run the rounds interleaved (round 1 of every contender, then round 2, …) and
// take the median of each contender's per-call times. Interleaving spreads any background load
// over all contenders alike, so the ratios between them stay honest on a shared 2-core machine;
// the median is robust to a GC pause or a noisy neighbour landing in one round.

export interface TimingPlan {
  /** Each contender is called for at least this long before measuring. */
  readonly warmupMs: number;
  readonly rounds: number;
  /** Each round makes as many calls as fit in about this long (at least one). */
  readonly roundMs: number;
}

export interface Timing {
  /** Median over the rounds of the mean µs per call within a round. */
  readonly medianUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly rounds: number;
  readonly callsPerRound: number;
}

/** Every result is stored here (a module variable V8 cannot prove dead), so no call is optimised away. */
let sink: unknown;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `count` calls and returns the elapsed µs. Async functions are awaited one by one. */
async function runCalls(fn: () => unknown, isAsync: boolean, count: number): Promise<number> {
  const started = process.hrtime.bigint();
  if (isAsync) {
    for (let i = 0; i < count; i++) sink = await fn();
  } else {
    // A synchronous function is timed in a synchronous loop: no microtask per call in its numbers.
    for (let i = 0; i < count; i++) sink = fn();
  }
  return Number(process.hrtime.bigint() - started) / 1000;
}

/** Times each function (sync, or async returning a promise) under the same plan, rounds interleaved. */
export async function timeInterleaved(fns: readonly (() => unknown)[], plan: TimingPlan): Promise<Timing[]> {
  const contenders: { fn: () => unknown; isAsync: boolean; callsPerRound: number; perCall: number[] }[] = [];
  for (const fn of fns) {
    const probe = fn();
    const isAsync = probe instanceof Promise;
    sink = isAsync ? await probe : probe;
    let calls = 0;
    let elapsedUs = 0;
    while (elapsedUs < plan.warmupMs * 1000 || calls < 5) {
      const batch = Math.max(1, Math.min(1000, calls)); // doubling batches keep the clock overhead small
      elapsedUs += await runCalls(fn, isAsync, batch);
      calls += batch;
    }
    const callsPerRound = Math.max(1, Math.round((plan.roundMs * 1000) / (elapsedUs / calls)));
    contenders.push({ fn, isAsync, callsPerRound, perCall: [] });
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (const c of contenders) c.perCall.push((await runCalls(c.fn, c.isAsync, c.callsPerRound)) / c.callsPerRound);
  }
  return contenders.map((c) => ({
    medianUs: median(c.perCall),
    minUs: Math.min(...c.perCall),
    maxUs: Math.max(...c.perCall),
    rounds: plan.rounds,
    callsPerRound: c.callsPerRound,
  }));
}
