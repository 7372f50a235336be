import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { runCodegenSection, type CodegenPlan, type CodegenSection } from "./codegen.js";
import { importGenerated } from "./generated-module.js";
import { ensureBuilt } from "./ensure-built.js";
import { runHttpSection, type HttpPlan, type HttpSection } from "./http.js";
import { generateMessage } from "./messages.js";
import { runParseSection, type ParseSection } from "./parse.js";
import { runStoresSection, type StoresSection } from "./stores.js";
import { runInboxSection, type InboxSection } from "./inbox.js";
import { ACCOUNT_83_WSDL, makeTempDir, REPO_ROOT } from "./paths.js";
import { describeMachine, formatReport, writeResults, type BenchResults } from "./report.js";
import { evaluateTargets } from "./targets.js";
import type { TimingPlan } from "./timing.js";
import { readSObjectSchema } from "./wsdl-fields.js";

// `npm run bench [-- --quick] [-- --only parse,http,codegen,stores,inbox]`: parser, handler, code generation and dedupe stores
// against the baselines users would pick instead, on the same inputs, in one run. Progress goes to
// stderr; the table goes to stdout and the numbers to bench/results.json.

interface Mode {
  readonly name: "quick" | "full";
  readonly parse: TimingPlan;
  readonly http: HttpPlan;
  readonly codegen: CodegenPlan;
}

// quick: for a first look, about 3 minutes on 2 cores (about 3 s per HTTP cell, one run per CLI case);
// full: the numbers to quote, in about 8 minutes (10 s per HTTP cell, 5 runs per CLI case). The
// stores section takes half of either (seven servers, two sizes).
const MODES: Readonly<Record<Mode["name"], Mode>> = {
  quick: {
    name: "quick",
    parse: { warmupMs: 100, rounds: 5, roundMs: 20 },
    // autocannon ends runs on its 1-second tick, so durations are whole seconds.
    http: { warmupSeconds: 1, durationSeconds: 2, connections: 10 },
    codegen: { runs: 1, checkAll: false, loadOnlyRow: false },
  },
  full: {
    name: "full",
    parse: { warmupMs: 1000, rounds: 21, roundMs: 100 },
    http: { warmupSeconds: 2, durationSeconds: 10, connections: 10 },
    codegen: { runs: 5, checkAll: true, loadOnlyRow: true },
  },
};

const SECTIONS = ["parse", "http", "codegen", "stores", "inbox"] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(args: readonly string[]): { mode: Mode; sections: ReadonlySet<Section> } {
  let mode = MODES.full;
  let sections = new Set<Section>(SECTIONS);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--quick") mode = MODES.quick;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const list = arg === "--only" ? args[++i] : arg.slice("--only=".length);
      const names = (list ?? "").split(",").filter((name) => name !== "");
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes a list of ${SECTIONS.join(", ")}`);
      sections = new Set(names as Section[]);
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write("usage: npm run bench [-- --quick] [-- --only parse,http,codegen,stores,inbox]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  return { mode, sections };
}

function commandLine(args: readonly string[]): string {
  const rest = args.length > 0 ? ` ${args.join(" ")}` : "";
  return process.env["npm_lifecycle_event"] === "bench"
    ? `npm run bench${rest === "" ? "" : ` --${rest}`}`
    : `tsx bench/run.ts${rest}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { mode, sections } = parseArgs(args);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const log = (line: string): void =>
    void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  log(`wsdl-to-ts bench, ${mode.name} mode (${[...sections].join(", ")})`);

  const distWarning = ensureBuilt(log);
  if (distWarning !== undefined) log(`WARNING: ${distWarning}`);
  const tempRoot = makeTempDir();
  try {
    const wsdlText = readFileSync(ACCOUNT_83_WSDL, "utf8");
    const schema = readSObjectSchema(wsdlText);
    const messages = [1, 10, 100].map((count) => generateMessage(schema, count));

    let parse: ParseSection | undefined;
    let http: HttpSection | undefined;
    let codegen: CodegenSection | undefined;
    let stores: StoresSection | undefined;
    let inbox: InboxSection | undefined;
    let generatedJs = "not built (no parse or http section)";
    if (sections.has("parse") || sections.has("http") || sections.has("stores") || sections.has("inbox")) {
      // Setup, not timed. Imported late: generate() needs the templates ensureBuilt may just have built.
      const { buildGeneratedPackage } = await import("./generated-package.js");
      const generatedPackage = await buildGeneratedPackage(ACCOUNT_83_WSDL, join(tempRoot, "account-package"));
      generatedJs = "dist/esm (shipped by the generator)";
      log("generated package ready");
      if (sections.has("parse")) {
        const generated = await importGenerated(generatedPackage.entry);
        parse = await runParseSection({ schema, wsdlText, generated, messages }, mode.parse, log);
      }
      if (sections.has("http")) {
        const httpMessages = messages.filter((m) => m.notifications === 1 || m.notifications === 100);
        http = await runHttpSection(
          { generatedEntry: generatedPackage.entry, wsdlPath: ACCOUNT_83_WSDL },
          httpMessages,
          mode.http,
          log,
        );
      }
      if (sections.has("stores")) {
        const sizes = messages.filter((m) => m.notifications === 1 || m.notifications === 100);
        stores = await runStoresSection(generatedPackage.entry, sizes, mode.http, log);
      }
      if (sections.has("inbox")) {
        const sizes = messages.filter((m) => m.notifications === 1 || m.notifications === 100);
        inbox = await runInboxSection(generatedPackage.entry, sizes, mode.http, log);
      }
    }
    if (sections.has("codegen")) codegen = await runCodegenSection(tempRoot, mode.codegen, distWarning, log);

    machine.loadAverageEnd = loadavg()[0] ?? 0;
    const results: BenchResults = {
      command: commandLine(args),
      mode: mode.name,
      startedAt,
      machine,
      wsdl: relative(REPO_ROOT, ACCOUNT_83_WSDL),
      objectName: schema.objectName,
      fields: schema.fields.length,
      messages: messages.map((m) => ({
        notifications: m.notifications,
        bytes: m.bytes.length,
        nullShare: m.nullShare,
      })),
      sections: [...sections],
      generatedJs,
      parse,
      http,
      codegen,
      stores,
      inbox,
      targets: evaluateTargets({ parse, http, codegen }),
      wallSeconds: (performance.now() - started) / 1000,
    };
    process.stdout.write(`\n${formatReport(results)}\n`);
    const resultsPath = join(REPO_ROOT, "bench/results.json");
    writeResults(resultsPath, results);
    log(`results written to ${relative(process.cwd(), resultsPath)}`);
  } finally {
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
