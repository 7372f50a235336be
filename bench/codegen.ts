import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
// The baseline is wsdl-tsclient (a devDependency for this only), run the same way on the 83-field
// WSDL, interleaved with ours: `node …/wsdl-tsclient/dist/src/cli.js <wsdl> -o <fresh dir>`. It
// emits TypeScript sources only; ours also compiles them (ESM, CommonJS, declarations). On the
// directory just generated, `--check` and a regeneration on unchanged input are timed too. The
// generate rows use the CLI's V8 code cache as a user's second and later runs do (the first run
// of the bench writes it); the 83-field case is also timed with it off, interleaved.

/** The CLI's environment for a run without its code cache (compiled from source, as a first run is). */
const NO_CODE_CACHE = { WSDL_TO_TS_CODE_CACHE: "off" } as const;

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
  readonly mode: "generate" | "check" | "regenerate" | "baseline" | "node-startup" | "load-only";
  readonly runs: number;
  readonly medianMs: number;
  /** Median user + system CPU time: steadier than wall time when the machine is shared. */
  readonly medianCpuMs: number;
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
    medianCpuMs: median(runs.map((run) => run.cpuMs)),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    peakRssMiB: median(runs.map((run) => run.peakRssMiB)),
    msPerField: fields > 0 ? medianMs / fields : null,
    failedRuns: failed.length,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** Generating must succeed: a failure stops the bench. */
async function generateOnce(
  args: readonly string[],
  scratch: string,
  script = CLI,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessMeasurement> {
  const measurement = await measureNode([script, ...args], scratch, undefined, env);
  if (measurement.exitCode !== 0)
    throw new Error(`${script} ${args.join(" ")} exited ${measurement.exitCode}:\n${measurement.stderr}`);
  return measurement;
}

/** wsdl-tsclient's command, found through its package.json as npm would link it. */
function wsdlTsclientCli(): string {
  const manifestPath = createRequire(import.meta.url).resolve("wsdl-tsclient/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["wsdl-tsclient"];
  if (bin === undefined) throw new Error("wsdl-tsclient's package.json names no wsdl-tsclient bin");
  return join(dirname(manifestPath), bin);
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
  // With the code cache the installed command uses (bin/wsdl-to-ts.js), as the generate rows do.
  const url = (path: string): string => JSON.stringify(pathToFileURL(join(REPO_ROOT, path)).href);
  const importCli = [
    `(await import(${url("dist/emit/code-cache.js")})).useCodeCache(${JSON.stringify(join(REPO_ROOT, ".code-cache"))});`,
    ...["dist/cli/main.js", "dist/generate.js", "dist/emit/emit-package.js"].map((path) => `await import(${url(path)});`),
  ].join(" ");
  for (let i = 0; i < plan.runs; i++) {
    startup.push(await measureNode(["-e", ""], scratch));
    if (plan.loadOnlyRow) loadOnly.push(await measureNode(["--input-type=module", "-e", importCli], scratch));
  }
  rows.push(summarize("node-startup", 'node -e "" (node start-up)', 0, "node-startup", startup));
  if (plan.loadOnlyRow)
    rows.push(summarize("load-only", "load the CLI and generator modules, no generation", 0, "load-only", loadOnly));

  const baselineCli = wsdlTsclientCli();
  let counter = 0;
  for (const { id, wsdl } of cases) {
    const fields = readSObjectSchema(readFileSync(wsdl, "utf8")).fields.length;
    const withBaseline = id === "83-fields";
    const generateRuns: ProcessMeasurement[] = [];
    const baselineRuns: ProcessMeasurement[] = [];
    const uncachedRuns: ProcessMeasurement[] = [];
    let lastOut = "";
    for (let i = 0; i < plan.runs; i++) {
      // Interleaved, so that other work on the machine falls on both alike.
      if (withBaseline) baselineRuns.push(await generateOnce([wsdl, "-o", join(scratch, `wsdl-tsclient-${counter}`), "--quiet"], scratch, baselineCli));
      lastOut = join(scratch, `out-${id}-${counter++}`);
      generateRuns.push(await generateOnce([wsdl, "--out", lastOut], scratch));
      // The same without the CLI's V8 code cache (src/emit/code-cache.ts): a first run's cost.
      if (withBaseline)
        uncachedRuns.push(
          await generateOnce([wsdl, "--out", join(scratch, `out-${id}-${counter++}`)], scratch, CLI, NO_CODE_CACHE),
        );
    }
    if (withBaseline) {
      rows.push(summarize("baseline-wsdl-tsclient-83-fields", `wsdl-tsclient generate, ${fields} fields (.ts only)`, fields, "baseline", baselineRuns));
      log(`  codegen wsdl-tsclient ${String(fields).padStart(4)} fields  ${rows.at(-1)?.medianMs.toFixed(0)} ms`);
    }
    rows.push(summarize(`generate-${id}`, `generate, ${fields} fields`, fields, "generate", generateRuns));
    log(`  codegen generate  ${String(fields).padStart(4)} fields  ${rows.at(-1)?.medianMs.toFixed(0)} ms`);
    if (withBaseline) {
      const label = `generate, ${fields} fields, code cache off`;
      rows.push(summarize(`generate-${id}-no-code-cache`, label, fields, "generate", uncachedRuns));
      log(`  codegen generate  ${String(fields).padStart(4)} fields, code cache off  ${rows.at(-1)?.medianMs.toFixed(0)} ms`);
    }

    if (!plan.checkAll && !withBaseline) continue;
    // `--check` and a regeneration on the directory just generated: up to date, so both should exit
    // 0 and write nothing. Another exit code (non-deterministic output, dist/ rebuilt meanwhile) is
    // reported in the row.
    for (const [mode, extra] of [["check", ["--check"]], ["regenerate", []]] as const) {
      const runs: ProcessMeasurement[] = [];
      for (let i = 0; i < plan.runs; i++) runs.push(await measureNode([CLI, wsdl, "--out", lastOut, ...extra], scratch));
      const label = mode === "check" ? `--check, ${fields} fields, unchanged` : `regenerate, ${fields} fields, unchanged`;
      const row = summarize(`${mode}-${id}`, label, fields, mode, runs);
      rows.push(row);
      log(
        `  codegen ${mode.padEnd(10)} ${String(fields).padStart(4)} fields  ${row.medianMs.toFixed(0)} ms${row.failedRuns > 0 ? `  (${row.failedRuns} runs did not exit 0)` : ""}`,
      );
    }
  }
  const g83 = rows.find((row) => row.id === "generate-83-fields");
  const g1000 = rows.find((row) => row.id === "generate-1000-fields");
  const marginal =
    g83 !== undefined && g1000 !== undefined ? (g1000.medianMs - g83.medianMs) / (g1000.fields - g83.fields) : null;
  return { rows, marginalMsPerField: marginal, rssMethod: RSS_METHOD, distWarning };
}
