import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import type { CodegenSection } from "./codegen.js";
import type { HttpSection } from "./http.js";
import type { StoresSection } from "./stores.js";
import type { InboxSection } from "./inbox.js";
import type { ParseSection } from "./parse.js";
import type { TargetResult } from "./targets.js";

// The printed table and bench/results.json (git-ignored): the same numbers, for humans and tools.

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average at the start and the end: other work on the machine skews the numbers. */
  readonly loadAverageStart: number;
  loadAverageEnd?: number;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageStart: loadavg()[0] ?? 0,
  };
}

export interface MessageInfo {
  readonly notifications: number;
  readonly bytes: number;
  readonly nullShare: number;
}

export interface BenchResults {
  readonly command: string;
  readonly mode: "quick" | "full";
  readonly sections: readonly string[];
  readonly startedAt: string;
  readonly machine: Machine;
  readonly wsdl: string;
  readonly objectName: string;
  readonly fields: number;
  readonly messages: readonly MessageInfo[];
  readonly generatedJs: string;
  readonly parse: ParseSection | undefined;
  readonly http: HttpSection | undefined;
  readonly codegen: CodegenSection | undefined;
  readonly stores?: StoresSection | undefined;
  readonly inbox?: InboxSection | undefined;
  readonly targets: readonly TargetResult[];
  readonly wallSeconds: number;
}

/** Left- or right-aligned columns; numbers are right-aligned by passing align "r". */
function table(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (align[i] === "r" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const times = (value: number | undefined): string => (value === undefined ? "" : `${value.toFixed(1)}×`);

function parseTable(parse: ParseSection): string {
  const rows = parse.rows.map((row) => {
    const ratio = parse.ratios.find((r) => r.notifications === row.notifications && r.contender === row.contender);
    return [
      String(row.notifications),
      row.role === "info" ? `${row.label} [info]` : row.label,
      fixed(row.medianUs, 1),
      `${fixed(row.minUs, 1)}–${fixed(row.maxUs, 1)}`,
      fixed(row.mbPerSecond, 1),
      row.role === "ours" ? "—" : times(ratio?.oursSpeedup),
    ];
  });
  const first = parse.rows[0];
  return [
    `1. Parse, in process: string input decoded once outside the loop; median of ${first?.rounds ?? "?"} interleaved rounds after warm-up.`,
    "   MB/s of the UTF-8 message (10^6 bytes). ours × = contender µs ÷ ours µs (how many times faster ours is; < 1: ours is slower).",
    "   Every contender's values were checked equal to the generated message's before timing.",
    table(["notif", "contender", "µs/msg", "min–max µs", "MB/s", "ours ×"], rows, "rlrrrr"),
  ].join("\n");
}

function httpTable(http: HttpSection, cores: number): string {
  const rows = http.rows.map((row) => {
    const ratio = http.ratios.find((r) => r.notifications === row.notifications && r.server === row.server);
    return [
      String(row.notifications),
      row.role === "info" ? `${row.label} [info]` : row.label,
      fixed(row.requestsPerSecond, 0),
      fixed(row.latencyP50Ms, 0),
      fixed(row.latencyP99Ms, 0),
      String(row.errors),
      String(row.completed),
      row.role === "ours" ? "—" : times(ratio?.oursRatio),
    ];
  });
  const { plan } = http;
  return [
    `2. HTTP over loopback: autocannon, ${plan.connections} connections, ${plan.durationSeconds} s after ${plan.warmupSeconds} s warm-up, each server in its own process.`,
    `   autocannon and the server share this machine's ${cores} cores, so absolute req/s are low: compare rows. ours × = ours req/s ÷ row req/s.`,
    "   Latencies in whole ms (autocannon's resolution); errors = socket errors and timeouts + non-2xx + bodies other than the Ack.",
    table(["notif", "server", "req/s", "p50 ms", "p99 ms", "errors", "2xx", "ours ×"], rows, "rlrrrrrr"),
  ].join("\n");
}

function codegenTable(codegen: CodegenSection): string {
  const baseline = codegen.rows.find((row) => row.mode === "baseline");
  const rows = codegen.rows.map((row) => [
    row.failedRuns > 0 ? `${row.label} (${row.failedRuns} runs exit ≠ 0)` : row.label,
    String(row.runs),
    fixed(row.medianMs, 0),
    `${fixed(row.minMs, 0)}–${fixed(row.maxMs, 0)}`,
    fixed(row.medianCpuMs, 0),
    fixed(row.peakRssMiB, 0),
    row.msPerField === null ? "" : fixed(row.msPerField, 2),
    baseline === undefined || row === baseline || row.fields !== baseline.fields ? "" : times(row.medianMs / baseline.medianMs),
  ]);
  const lines = [
    `3. Codegen: node bin/wsdl-to-ts.js <wsdl> --out <fresh dir> (and --check / regenerate on it), separate processes, median of runs; CPU = user + system; peak RSS via ${codegen.rssMethod}.`,
    "   Baseline: wsdl-tsclient's CLI on the same WSDL into a fresh dir, interleaved with ours; ÷ base = our wall time ÷ its wall time.",
    table(["case", "runs", "wall ms", "min–max ms", "CPU ms", "peak RSS MiB", "ms/field", "÷ base"], rows, "lrrrrrrr"),
  ];
  if (codegen.marginalMsPerField !== null)
    lines.push(`   marginal cost per field (1,000 vs 83 fields): ${fixed(codegen.marginalMsPerField, 2)} ms`);
  for (const row of codegen.rows) if (row.failure !== undefined) lines.push(`   ${row.label}: ${row.failure}`);
  if (codegen.distWarning !== undefined) lines.push(`   WARNING: ${codegen.distWarning}`);
  return lines.join("\n");
}

function storesTable(stores: StoresSection): string {
  const rows = stores.rows.map((row) => [
    String(row.notifications),
    row.store === "none" ? "none (dedupe: false) [info]" : row.store,
    fixed(row.requestsPerSecond, 0),
    fixed(row.latencyP50Ms, 0),
    fixed(row.latencyP99Ms, 0),
    String(row.errors),
    row.store === "memory" ? "—" : times(row.vsMemory),
  ]);
  const { plan } = stores;
  const lines = [
    `4. Dedupe stores: the generated createNodeHandler with each store (its own process), autocannon, ${plan.connections} connections, ${plan.durationSeconds} s per store in 2 rounds that take the stores in turn, after ${plan.warmupSeconds} s warm-up.`,
    "   Every request has new notification ids, so each claims and completes all its notifications; servers on loopback. × memory = row req/s ÷ memory store req/s.",
    table(["notif", "store", "req/s", "p50 ms", "p99 ms", "errors", "× memory"], rows, "rlrrrrr"),
  ];
  for (const reason of stores.skipped) lines.push(`   not measured: ${reason}`);
  return lines.join("\n");
}

function inboxTable(inbox: InboxSection): string {
  const names = { "sync-memory": "sync handler, memory store [baseline]", "inbox-pg": "inbox, PostgreSQL (pg)", "inbox-pglite": "inbox, PGlite" };
  const rows = inbox.rows.map((row) => [
    String(row.notifications),
    names[row.server],
    fixed(row.requestsPerSecond, 0),
    fixed(row.latencyP50Ms, 0),
    fixed(row.latencyP99Ms, 0),
    String(row.errors),
    row.server === "sync-memory" ? "—" : times(row.vsSync),
  ]);
  const { plan } = inbox;
  const lines = [
    `5. Inbox: the generated createNodeHandler recording into createPostgresInbox vs the synchronous handler (no-op user code, memory store), ${plan.connections} connections, ${plan.durationSeconds} s after ${plan.warmupSeconds} s warm-up.`,
    "   Fresh notification and record ids on every request; latency = time to the Ack. × sync = row req/s ÷ sync handler req/s.",
    table(["notif", "server", "req/s", "p50 ms", "p99 ms", "errors", "× sync"], rows, "rlrrrrr"),
  ];
  for (const worker of inbox.workers) {
    lines.push(`   worker throughput (PostgreSQL, no-op handler, concurrency ${worker.concurrency}): ${fixed(worker.notificationsPerSecond, 0)} notifications/s (${worker.processed} in ${fixed(worker.seconds, 1)} s)`);
  }
  for (const reason of inbox.skipped) lines.push(`   not measured: ${reason}`);
  return lines.join("\n");
}

function targetsTable(targets: readonly TargetResult[]): string {
  const rows = targets.map((t) => [
    t.description,
    t.goal,
    t.actual,
    t.met === null ? "-" : t.met ? "met" : "MISSED",
  ]);
  return ["Targets (goals, not assertions):", table(["target", "goal", "measured", ""], rows, "lrrl")].join(
    "\n",
  );
}

export function formatReport(results: BenchResults): string {
  const { machine } = results;
  const sizes = results.messages.map((m) => `${m.notifications} = ${kb(m.bytes)}`).join(", ");
  const nulls = results.messages.map((m) => `${(m.nullShare * 100).toFixed(0)}%`).join(" / ");
  const parts = [
    `wsdl-to-ts bench (${results.mode} mode), ${results.startedAt}`,
    `command: ${results.command}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; load average ${fixed(machine.loadAverageStart, 2)} at start, ${fixed(machine.loadAverageEnd ?? Number.NaN, 2)} at end`,
    `input: ${results.wsdl} (${results.objectName}, ${results.fields} fields); messages by notifications: ${sizes}; fields null (left out): ${nulls}`,
    `generated package JS: ${results.generatedJs}`,
  ];
  const busiest = Math.max(machine.loadAverageStart, machine.loadAverageEnd ?? 0);
  if (busiest > machine.cores / 2) {
    parts.push(
      `note: other work ran on this machine (load average up to ${fixed(busiest, 2)} on ${machine.cores} cores): expect noise.`,
    );
  }
  if (results.parse !== undefined) parts.push("", parseTable(results.parse));
  if (results.http !== undefined) parts.push("", httpTable(results.http, machine.cores));
  if (results.codegen !== undefined) parts.push("", codegenTable(results.codegen));
  if (results.stores !== undefined) parts.push("", storesTable(results.stores));
  if (results.inbox !== undefined) parts.push("", inboxTable(results.inbox));
  parts.push("", targetsTable(results.targets), "", `wall time: ${fixed(results.wallSeconds, 1)} s`);
  return parts.join("\n");
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
