import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { measureNode, RSS_METHOD, type ProcessMeasurement } from "./measure-process.js";
import { ACCOUNT_2_WSDL, ACCOUNT_83_WSDL, CLI, REPO_ROOT } from "./paths.js";
import { syntheticWsdl } from "./synthetic-wsdl.js";
import { median } from "./timing.js";
import { readSObjectSchema } from "./wsdl-fields.js";

// Section 3: code generation as users run it: `node bin/wsdl-to-ts.js <wsdl> --out <dir>`, each
// run a separate process writing into a fresh directory, and `--check` against an up-to-date
// directory. Wall time includes node's start-up and module loading, which is what a user waits
// for; two rows show that fixed part (node alone, and node loading the CLI's modules without
// generating). Time per field and the marginal cost per field make growth visible.

export interface CodegenPlan {
  readonly runs: number;
  /** `--check` for every case, or only for the 83-field WSDL (quick mode). */
  readonly checkAll: boolean;
  /** Also time loading the CLI's modules without generating (the fixed cost; full mode). */
  readonly loadOnlyRow: boolean;
}

export interface CodegenRow {
  readonly id: string;
  readonly label: string;
  readonly fields: number;
  readonly mode: "generate" | "check" | "node-startup" | "load-only";
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssMiB: number;
  /** Median wall time ÷ fields. */
  readonly msPerField: number | null;
  /** Runs whose exit code was not the expected one (kept in the numbers, reported, never hidden). */
  readonly failedRuns: number;
  readonly failure?: string;
}

export interface CodegenSection {
  readonly rows: readonly CodegenRow[];
  /** (generate 1,000 − generate 83) ÷ 917: the cost of one more field. */
  readonly marginalMsPerField: number | null;
  readonly rssMethod: string;
  readonly distWarning: string | undefined;
}

function summarize(
  id: string,
  label: string,
  fields: number,
  mode: CodegenRow["mode"],
  runs: ProcessMeasurement[],
): CodegenRow {
  const walls = runs.map((run) => run.wallMs);
  const medianMs = median(walls);
  const failed = runs.filter((run) => run.exitCode !== 0);
  const failure = failed[0]?.stderr.split("\n").slice(0, 3).join(" | ");
  return {
    id,
    label,
    fields,
    mode,
    runs: runs.length,
    medianMs,
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    peakRssMiB: median(runs.map((run) => run.peakRssMiB)),
    msPerField: fields > 0 ? medianMs / fields : null,
    failedRuns: failed.length,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** Generating must succeed: a failure stops the bench. */
async function generateOnce(args: readonly string[], scratch: string): Promise<ProcessMeasurement> {
  const measurement = await measureNode([CLI, ...args], scratch);
  if (measurement.exitCode !== 0)
    throw new Error(`wsdl-to-ts ${args.join(" ")} exited ${measurement.exitCode}:\n${measurement.stderr}`);
  return measurement;
}

export async function runCodegenSection(
  tempRoot: string,
  plan: CodegenPlan,
  distWarning: string | undefined,
  log: (line: string) => void,
): Promise<CodegenSection> {
  const scratch = join(tempRoot, "codegen");
  mkdirSync(scratch, { recursive: true });
  const synthetic = join(scratch, "synthetic-account-1000fields.wsdl");
  writeFileSync(synthetic, syntheticWsdl(readFileSync(ACCOUNT_83_WSDL, "utf8"), 1000));
  const cases = [
    { id: "2-fields", wsdl: ACCOUNT_2_WSDL },
    { id: "83-fields", wsdl: ACCOUNT_83_WSDL },
    { id: "1000-fields", wsdl: synthetic },
  ];
  const rows: CodegenRow[] = [];

  // The fixed part of every CLI run: node itself, and loading the CLI with the generator's modules
  // (ts-morph with its bundled TypeScript, prettier, …; the CLI loads the emitters lazily, so they
  // are imported here explicitly) without generating anything.
  const startup: ProcessMeasurement[] = [];
  const loadOnly: ProcessMeasurement[] = [];
  const importCli = ["dist/cli/main.js", "dist/generate.js", "dist/emit/emit-package.js"]
    .map((path) => `await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, path)).href)});`)
    .join(" ");
  for (let i = 0; i < plan.runs; i++) {
    startup.push(await measureNode(["-e", ""], scratch));
    if (plan.loadOnlyRow) loadOnly.push(await measureNode(["--input-type=module", "-e", importCli], scratch));
  }
  rows.push(summarize("node-startup", 'node -e "" (node start-up)', 0, "node-startup", startup));
  if (plan.loadOnlyRow)
    rows.push(summarize("load-only", "load the CLI and generator modules, no generation", 0, "load-only", loadOnly));

  let counter = 0;
  for (const { id, wsdl } of cases) {
    const fields = readSObjectSchema(readFileSync(wsdl, "utf8")).fields.length;
    const generateRuns: ProcessMeasurement[] = [];
    let lastOut = "";
    for (let i = 0; i < plan.runs; i++) {
      lastOut = join(scratch, `out-${id}-${counter++}`);
      generateRuns.push(await generateOnce([wsdl, "--out", lastOut], scratch));
    }
    rows.push(summarize(`generate-${id}`, `generate, ${fields} fields`, fields, "generate", generateRuns));
    log(`  codegen generate  ${String(fields).padStart(4)} fields  ${rows.at(-1)?.medianMs.toFixed(0)} ms`);

    if (!plan.checkAll && id !== "83-fields") continue;
    // `--check` on the directory just generated: up to date, so it should exit 0 and write nothing.
    // Another exit code (non-deterministic output, or dist/ rebuilt meanwhile) is reported in the row.
    const checkRuns: ProcessMeasurement[] = [];
    for (let i = 0; i < plan.runs; i++)
      checkRuns.push(await measureNode([CLI, wsdl, "--out", lastOut, "--check"], scratch));
    const check = summarize(`check-${id}`, `--check, ${fields} fields`, fields, "check", checkRuns);
    rows.push(check);
    log(
      `  codegen --check   ${String(fields).padStart(4)} fields  ${check.medianMs.toFixed(0)} ms${check.failedRuns > 0 ? `  (${check.failedRuns} runs did not exit 0)` : ""}`,
    );
  }
  const g83 = rows.find((row) => row.id === "generate-83-fields");
  const g1000 = rows.find((row) => row.id === "generate-1000-fields");
  const marginal =
    g83 !== undefined && g1000 !== undefined ? (g1000.medianMs - g83.medianMs) / (g1000.fields - g83.fields) : null;
  return { rows, marginalMsPerField: marginal, rssMethod: RSS_METHOD, distWarning };
}
