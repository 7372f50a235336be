import { seededRandom } from "../../bench/random.js";
import { mutate, randomChunks, type Mutant } from "./mutate.js";
import { checkWhole, expectedTranscript, isPolicyRefusal, outcomeOf, readerTranscript, saxesVerdict, type Outcome } from "./oracle.js";
import type { Seed } from "./seeds.js";

// One mutant, every path: the string, the bytes as one array, two random chunkings (pieces of
// 1–16 and 1–4096 bytes) and, for small mutants, 1-byte chunks. All must give one outcome; saxes
// says whether it must be a refusal and, when not, what the values must be.

export type FindingKind = "crash" | "hang" | "inconsistent" | "accepted-not-well-formed" | "refused-well-formed";

export interface Finding {
  readonly kind: FindingKind;
  /** Mutant number: `--seed S --from N --count 1` reproduces it. */
  readonly index: number;
  readonly seed: string;
  readonly mutation: string;
  readonly detail: string;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  /** A mutant whose paths take longer than this (ms, all paths together) counts as a hang. */
  readonly timeLimitMs: number;
}

export interface FuzzTally {
  mutants: number;
  parseCalls: number;
  wellFormed: number;
  /** Mutants where saxes departs from the specs (see oracle.ts): checked across paths only. */
  notCompared: number;
  findings: Finding[];
}

type Input = string | Uint8Array | Uint8Array[];

/** The inputs of every path a mutant can take. */
function pathsOf(mutant: Mutant, index: number, seed: number): [string, Input][] {
  const paths: [string, Input][] = [];
  if (mutant.text !== undefined) paths.push(["string", mutant.text]);
  const bytes = mutant.bytes;
  if (bytes !== undefined) {
    const random = seededRandom(seed ^ (index * 2654435761));
    paths.push(["bytes", bytes], ["chunks ≤16", randomChunks(bytes, random, 16)], ["chunks ≤4096", randomChunks(bytes, random, 4096)]);
    if (bytes.length <= 4096) paths.push(["1-byte chunks", randomChunks(bytes, random, 1)]);
  }
  return paths;
}

const show = (outcome: Outcome): string => `${outcome.kind}: ${outcome.text.slice(0, 300)}`;

/** Every path gives one outcome, and none crashes; returns that outcome. */
function agree(paths: readonly [string, Input][], read: (input: Input) => string, report: (kind: FindingKind, detail: string) => void, tally: FuzzTally): Outcome | undefined {
  let first: [string, Outcome] | undefined;
  for (const [name, input] of paths) {
    const outcome = outcomeOf(() => read(input));
    tally.parseCalls++;
    if (outcome.kind === "crash") {
      report("crash", `${name}: ${outcome.text}`);
      return undefined;
    }
    if (first === undefined) first = [name, outcome];
    else if (first[1].kind !== outcome.kind || first[1].text !== outcome.text) {
      report("inconsistent", `${first[0]} → ${show(first[1])}\n${name} → ${show(outcome)}`);
      return undefined;
    }
  }
  return first?.[1];
}

/** Runs mutants `from` … `from + count - 1` of the run numbered `seed`. */
export function runMutants(seeds: readonly Seed[], options: FuzzOptions, onMutant?: (index: number) => void): FuzzTally {
  const tally: FuzzTally = { mutants: 0, parseCalls: 0, wellFormed: 0, notCompared: 0, findings: [] };
  for (let index = options.from; index < options.from + options.count; index++) {
    onMutant?.(index);
    const random = seededRandom(options.seed * 1_000_003 + index);
    const seed = seeds[index % seeds.length] as Seed;
    const mutant = mutate(seed.text, random);
    const report = (kind: FindingKind, detail: string): void => {
      tally.findings.push({ kind, index, seed: seed.name, mutation: mutant.description, detail });
    };
    const started = performance.now();
    checkMutant(seed, mutant, pathsOf(mutant, index, options.seed), report, tally);
    const elapsed = performance.now() - started;
    if (elapsed > options.timeLimitMs) report("hang", `all paths took ${elapsed.toFixed(0)} ms (limit ${options.timeLimitMs} ms)`);
    tally.mutants++;
  }
  return tally;
}

function checkMutant(seed: Seed, mutant: Mutant, paths: readonly [string, Input][], report: (kind: FindingKind, detail: string) => void, tally: FuzzTally): void {
  // saxes reads text; our reader drops one leading BOM, so saxes gets the text without it.
  const text = mutant.text?.replace(/^\uFEFF/, "");
  const verdict = text === undefined ? undefined : saxesVerdict(text);
  if (verdict?.wellFormed === true) {
    tally.wellFormed++;
    const values = agree(paths, (input) => readerTranscript(input, verdict.root), report, tally);
    if (values?.kind === "value" && values.text !== expectedTranscript(verdict.root)) {
      report("inconsistent", `values differ from saxes:\nours  ${values.text.slice(0, 600)}\nsaxes ${expectedTranscript(verdict.root).slice(0, 600)}`);
    } else if (values?.kind === "error" && !isPolicyRefusal(values, text ?? "")) {
      report("refused-well-formed", values.text);
    }
  } else if (verdict?.wellFormed === "unknown") {
    tally.notCompared++;
    agree(paths, checkWhole, report, tally);
  } else {
    const whole = agree(paths, checkWhole, report, tally);
    if (whole?.kind === "value") report("accepted-not-well-formed", verdict === undefined ? "bytes are not UTF-8" : verdict.reason);
  }
  // The typed layer on top: one outcome on every path, and no crash.
  if (seed.parse !== undefined) {
    const parse = seed.parse;
    agree(paths, (input) => JSON.stringify(parse(input)), report, tally);
  }
}
