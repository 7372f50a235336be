import { Worker } from "node:worker_threads";
import type { Finding, FuzzOptions, FuzzTally } from "./fuzz.js";

// Runs mutants in a worker thread and watches it: a mutant that is still running after
// `hangMs` is a hang; the worker is stopped and the run goes on after that mutant.

export interface RunOptions extends FuzzOptions {
  readonly hangMs: number;
  /** Told the number of the mutant being run, about once a second. */
  readonly onProgress?: (index: number) => void;
}

function runWorker(options: FuzzOptions, hangMs: number, onProgress?: (index: number) => void): Promise<{ tally?: FuzzTally; hungAt?: number }> {
  const progress = new SharedArrayBuffer(4);
  const current = new Int32Array(progress);
  current[0] = options.from;
  const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: { options, progress } });
  return new Promise((resolve, reject) => {
    let last = -1;
    let since = Date.now();
    const watch = setInterval(() => {
      const now = Atomics.load(current, 0);
      onProgress?.(now);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since > hangMs) {
        clearInterval(watch);
        void worker.terminate().then(() => resolve({ hungAt: now }));
      }
    }, 1000);
    worker.on("message", (tally: FuzzTally) => {
      clearInterval(watch);
      resolve({ tally });
    });
    worker.on("error", (error) => {
      clearInterval(watch);
      reject(error);
    });
  });
}

/** Runs mutants `from` … `from + count - 1`, reporting hangs the worker could not report itself. */
export async function runFuzz(options: RunOptions): Promise<FuzzTally> {
  const { hangMs, onProgress, ...fuzzOptions } = options;
  const total: FuzzTally = { mutants: 0, parseCalls: 0, wellFormed: 0, notCompared: 0, findings: [] };
  const end = options.from + options.count;
  for (let from = options.from; from < end; ) {
    const { tally, hungAt } = await runWorker({ ...fuzzOptions, from, count: end - from }, hangMs, onProgress);
    if (tally !== undefined) {
      total.mutants += tally.mutants;
      total.parseCalls += tally.parseCalls;
      total.wellFormed += tally.wellFormed;
      total.notCompared += tally.notCompared;
      total.findings.push(...tally.findings);
      break;
    }
    const index = hungAt ?? from;
    const hang: Finding = { kind: "hang", index, seed: "?", mutation: "?", detail: `no progress for ${hangMs} ms` };
    total.findings.push(hang);
    total.mutants += index - from + 1;
    from = index + 1;
  }
  return total;
}

export function countByKind(findings: readonly Finding[]): Record<Finding["kind"], number> {
  const counts = { crash: 0, hang: 0, inconsistent: 0, "accepted-not-well-formed": 0, "refused-well-formed": 0 };
  for (const finding of findings) counts[finding.kind]++;
  return counts;
}
