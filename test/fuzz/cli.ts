import { countByKind, runFuzz } from "./runner.js";
import { formatScalingRow, scalingCheck } from "./scaling.js";

// `npm run fuzz [-- --count N] [-- --seed S] [-- --from I] [-- --no-scaling]`: the seeded
// mutation fuzzer (see fuzz.ts) and then the scaling check (see scaling.ts). Exits 1 on any
// finding. A finding names its mutant: `--seed S --from I --count 1` runs it again.

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  const value = at < 0 ? undefined : Number(args[at + 1]);
  if (value !== undefined && !Number.isInteger(value)) throw new Error(`--${name} takes a whole number`);
  return value ?? fallback;
}

const count = option("count", 20_000);
const seed = option("seed", 1);
const from = option("from", 0);
const started = Date.now();
process.stderr.write(`fuzz: ${count} mutants from #${from}, seed ${seed}\n`);
let shown = from;
const onProgress = (index: number): void => {
  if (index - shown < 10_000) return;
  shown = index;
  process.stderr.write(`fuzz: at mutant #${index}\n`);
};
const tally = await runFuzz({ seed, from, count, timeLimitMs: 2000, hangMs: 20_000, onProgress });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
for (const finding of tally.findings.slice(0, 30)) {
  process.stdout.write(`\n[${finding.kind}] mutant #${finding.index} of ${finding.seed}: ${finding.mutation}\n${finding.detail}\n`);
}
const counts = countByKind(tally.findings);
process.stdout.write(
  `\nmutants ${tally.mutants} (${tally.wellFormed} well-formed, ${tally.notCompared} not compared), parse calls ${tally.parseCalls}, ${seconds} s\n` +
    Object.entries(counts).map(([kind, n]) => `${kind}: ${n}`).join(", ") + "\n",
);
let failed = tally.findings.length > 0;
if (!process.argv.includes("--no-scaling")) {
  process.stdout.write("\nscaling: N = 2 MiB against 4N, best of 5 reads each\n");
  const rows = await scalingCheck(2 * 1024 * 1024, (row) => process.stdout.write(`${formatScalingRow(row)}\n`));
  const failures = rows.filter((row) => row.failure !== undefined).length;
  process.stdout.write(`scaling: ${rows.length} rows, ${failures} super-linear\n`);
  failed ||= failures > 0;
}
process.exitCode = failed ? 1 : 0;
