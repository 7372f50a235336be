import type { CodegenRow, CodegenSection } from "./codegen.js";
import type { HttpSection } from "./http.js";
import type { ParseSection } from "./parse.js";

// The goals from the issue. They are printed with the measured value and met/missed; they are
// goals for the implementation, not assertions: a missed target does not fail the bench.

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  readonly goal: string;
  /** The measured value, formatted; "not measured" when its section did not run. */
  readonly actual: string;
  readonly met: boolean | null;
}

interface Sections {
  readonly parse: ParseSection | undefined;
  readonly http: HttpSection | undefined;
  readonly codegen: CodegenSection | undefined;
}

function atLeast(id: string, description: string, minimum: number, value: number | undefined): TargetResult {
  if (value === undefined) return { id, description, goal: `≥ ${minimum}×`, actual: "not measured", met: null };
  return { id, description, goal: `≥ ${minimum}×`, actual: `${value.toFixed(1)}×`, met: value >= minimum };
}

function atMost(id: string, description: string, maximum: number, value: number | undefined): TargetResult {
  const goal = `≤ ${maximum}×`;
  if (value === undefined) return { id, description, goal, actual: "not measured", met: null };
  return { id, description, goal, actual: `${value.toFixed(2)}×`, met: value <= maximum };
}

function shareAtLeast(id: string, description: string, minimum: number, value: number | undefined): TargetResult {
  const goal = `≥ ${(minimum * 100).toFixed(0)} %`;
  if (value === undefined) return { id, description, goal, actual: "not measured", met: null };
  return { id, description, goal, actual: `${(value * 100).toFixed(1)} %`, met: value >= minimum };
}

export function evaluateTargets({ parse, http, codegen }: Sections): TargetResult[] {
  const parseRatio = (contender: string): number | undefined =>
    parse?.ratios.find((r) => r.notifications === 100 && r.contender === contender)?.oursSpeedup;
  const httpRatio = (notifications: number): number | undefined =>
    http?.ratios.find((r) => r.notifications === notifications && r.server === "node-soap")?.oursRatio;
  const targets = [
    atLeast("parse-100-node-soap", "parse, 100 notifications: ours vs node-soap server", 15, parseRatio("node-soap")),
    atLeast(
      "parse-100-fast-xml-parser",
      "parse, 100 notifications: ours vs fast-xml-parser + coercion",
      6,
      parseRatio("fast-xml-parser"),
    ),
    atLeast("http-1-node-soap", "HTTP, 1 notification: ours vs node-soap req/s", 4, httpRatio(1)),
    atLeast("http-100-node-soap", "HTTP, 100 notifications: ours vs node-soap req/s", 8, httpRatio(100)),
  ];
  for (const [fields, seconds] of [
    [83, 1.0],
    [1000, 3.0],
  ] as const) {
    const row = codegen?.rows.find((r) => r.id === `generate-${fields}-fields`);
    const id = `codegen-${fields}`;
    const description = `codegen, ${fields === 83 ? "83-field WSDL with compiled output" : "1,000 fields"}: CLI wall time`;
    if (row === undefined) {
      targets.push({ id, description, goal: `≤ ${seconds.toFixed(1)} s`, actual: "not measured", met: null });
      continue;
    }
    targets.push({
      id,
      description,
      goal: `≤ ${seconds.toFixed(1)} s`,
      actual: `${(row.medianMs / 1000).toFixed(2)} s`,
      met: row.medianMs <= seconds * 1000,
    });
  }
  targets.push(...fastPathTargets(parse, http));
  targets.push(...codegenBaselineTargets(codegen));
  return targets;
}

/** The parse and HTTP goals of the fast-path issue (14), each a ratio within this run. */
function fastPathTargets(parse: ParseSection | undefined, http: HttpSection | undefined): TargetResult[] {
  // oursSpeedup is the contender's time over ours (string input) at 100 notifications.
  const slower = (contender: string): number | undefined =>
    parse?.ratios.find((r) => r.notifications === 100 && r.contender === contender)?.oursSpeedup;
  const httpRatio = (notifications: number, server: string): number | undefined =>
    http?.ratios.find((r) => r.notifications === notifications && r.server === server)?.oursRatio;
  const nodeSoap = slower("node-soap");
  const bytes = slower("ours-bytes");
  const floorShare = httpRatio(100, "floor");
  return [
    atLeast(
      "parse-100-bytes-node-soap",
      "parse, 100 notifications, bytes input: ours vs node-soap server",
      25,
      nodeSoap === undefined || bytes === undefined ? undefined : nodeSoap / bytes,
    ),
    atMost("parse-100-bytes-vs-string", "parse, 100 notifications: bytes input ÷ string input time", 1.1, bytes),
    atLeast("parse-100-regex-floor", "parse, 100 notifications: ours vs the regex tokenizer floor", 2, slower("regex-floor")),
    shareAtLeast("http-100-floor-share", "HTTP, 100 notifications: ours as a share of the constant-Ack floor", 0.2, floorShare),
    atLeast("http-1-node-soap-fast-path", "HTTP, 1 notification: ours vs node-soap req/s (issue 14)", 8, httpRatio(1, "node-soap")),
  ];
}

/** The codegen goals against wsdl-tsclient, measured in the same run: wall-time ratios, CPU ratio in the note. */
function codegenBaselineTargets(codegen: CodegenSection | undefined): TargetResult[] {
  const row = (id: string): CodegenRow | undefined => codegen?.rows.find((r) => r.id === id);
  const baseline = row("baseline-wsdl-tsclient-83-fields");
  const goals = [
    { id: "generate-83-fields", description: "codegen, 83 fields with compiled output: ours ÷ wsdl-tsclient", maximum: 1.5, strict: false },
    { id: "check-83-fields", description: "--check on unchanged output ÷ wsdl-tsclient's generation", maximum: 1.0, strict: true },
    { id: "regenerate-83-fields", description: "regeneration on unchanged input ÷ wsdl-tsclient's generation", maximum: 1.0, strict: true },
  ];
  return goals.map(({ id, description, maximum, strict }) => {
    const goal = `${strict ? "<" : "≤"} ${maximum.toFixed(1)}×`;
    const ours = row(id);
    if (ours === undefined || baseline === undefined) return { id: `${id}-vs-wsdl-tsclient`, description, goal, actual: "not measured", met: null };
    const ratio = ours.medianMs / baseline.medianMs;
    const cpuRatio = ours.medianCpuMs / baseline.medianCpuMs;
    // The generate row uses the CLI's code cache; the same run without it is a first run's cost.
    const uncached = row(`${id}-no-code-cache`);
    const uncachedNote =
      uncached === undefined
        ? ""
        : `; code cache off ${(uncached.medianMs / baseline.medianMs).toFixed(2)}× wall, ${(uncached.medianCpuMs / baseline.medianCpuMs).toFixed(2)}× CPU`;
    return {
      id: `${id}-vs-wsdl-tsclient`,
      description,
      goal,
      actual: `${ratio.toFixed(2)}×`,
      met: strict ? ratio < maximum : ratio <= maximum,
      note: `${ours.medianMs.toFixed(0)} vs ${baseline.medianMs.toFixed(0)} ms wall; CPU ${cpuRatio.toFixed(2)}×${uncachedNote}${ours.failedRuns > 0 ? `; ${ours.failedRuns} runs exit ≠ 0` : ""}`,
    };
  });
}
