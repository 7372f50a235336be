import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONSTRUCTS } from "./constructs.js";

// The scaling check: for every hostile construct and every path, the time and the peak memory
// growth of reading N bytes against 4N bytes, in the same process. Linear work gives a time
// ratio near 4, quadratic work near 16; the check fails above 8. Memory: constructs made of
// small tokens must not grow with the body (growth at 4N within 16 MB + 2× that at N: V8's young
// generation alone may grow that much under allocation; memory per line, as before this check,
// was 33 bytes per body byte); those made of one growing token may grow linearly (ratio ≤ 6).

const PROBE = fileURLToPath(new URL("./scaling-probe.ts", import.meta.url));
const PATHS = ["string", "bytes", "chunks"] as const;
const MAX_TIME_RATIO = 8;
const MAX_TOKEN_MEMORY_RATIO = 6;
const run = promisify(execFile);

export interface ScalingRow {
  readonly construct: string;
  readonly path: string;
  readonly msN: number;
  readonly ms4N: number;
  readonly timeRatio: number;
  readonly rssGrowthN: number;
  readonly rssGrowth4N: number;
  readonly failure?: string;
}

/** A row that fails is measured up to twice more (a busy machine can slow a read); the best figures count. */
async function measure(construct: string, path: string, bytes: number): Promise<ScalingRow> {
  let best = await measureOnce(construct, path, bytes);
  for (let attempt = 0; attempt < 2 && best.failure !== undefined; attempt++) {
    const again = await measureOnce(construct, path, bytes);
    if (again.failure === undefined || again.timeRatio < best.timeRatio) best = again;
  }
  return best;
}

async function measureOnce(construct: string, path: string, bytes: number): Promise<ScalingRow> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", PROBE, construct, path, String(bytes)], { maxBuffer: 1 << 20 });
  const [n, n4] = JSON.parse(stdout) as [{ ms: number; rssGrowth: number }, { ms: number; rssGrowth: number }];
  // Under a millisecond, timer resolution and noise decide the ratio; such reads are not slow.
  const timeRatio = n4.ms / Math.max(n.ms, 1);
  const oneToken = CONSTRUCTS[construct]?.oneToken === true;
  const MB = 1024 * 1024;
  let failure: string | undefined;
  if (timeRatio > MAX_TIME_RATIO && n4.ms > 20) failure = `time ×${timeRatio.toFixed(1)} for 4× the bytes`;
  else if (!oneToken && n4.rssGrowth > 16 * MB + 2 * n.rssGrowth) failure = `memory grew with the body (${(n.rssGrowth / MB).toFixed(1)} → ${(n4.rssGrowth / MB).toFixed(1)} MB)`;
  else if (oneToken && n4.rssGrowth > 4 * MB + MAX_TOKEN_MEMORY_RATIO * n.rssGrowth) failure = `memory ×${(n4.rssGrowth / Math.max(n.rssGrowth, 1)).toFixed(1)}`;
  return { construct, path, msN: n.ms, ms4N: n4.ms, timeRatio, rssGrowthN: n.rssGrowth, rssGrowth4N: n4.rssGrowth, ...(failure === undefined ? {} : { failure }) };
}

/** Measures every construct on every path, two probes at a time. */
export async function scalingCheck(bytes: number, onRow?: (row: ScalingRow) => void): Promise<ScalingRow[]> {
  const jobs = Object.keys(CONSTRUCTS).flatMap((construct) => PATHS.map((path) => [construct, path] as const));
  const rows: ScalingRow[] = [];
  const next = async (): Promise<void> => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const row = await measure(job[0], job[1], bytes);
      rows.push(row);
      onRow?.(row);
    }
  };
  await Promise.all([next(), next()]);
  return rows;
}

export function formatScalingRow(row: ScalingRow): string {
  const MB = 1024 * 1024;
  const cells = [
    row.construct.padEnd(34),
    row.path.padEnd(7),
    `${row.msN.toFixed(1).padStart(7)} ms → ${row.ms4N.toFixed(1).padStart(7)} ms (×${row.timeRatio.toFixed(1)})`,
    `RSS +${(row.rssGrowthN / MB).toFixed(1)} → +${(row.rssGrowth4N / MB).toFixed(1)} MB`,
  ];
  return cells.join("  ") + (row.failure === undefined ? "" : `  FAIL: ${row.failure}`);
}
