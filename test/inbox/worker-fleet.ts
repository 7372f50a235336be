import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/fixtures.js";
import type { WorkerConfig } from "./worker.js";

// Worker processes for the inbox's real-server tests, and their logs.

export interface LogLine {
  readonly event: "S" | "D" | "F";
  readonly id: string;
  readonly record: string;
  readonly attempt: number;
  readonly at: bigint;
}

export interface WorkerProcess {
  /** Resolves with the exit signal or code once the process is gone. */
  readonly exited: Promise<string>;
  /** SIGTERM: the worker stops (waiting for its items in flight) and exits. */
  stop(): Promise<string>;
}

export async function startWorker(script: string, config: WorkerConfig | Record<string, unknown>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, script), JSON.stringify(config)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? String(code))));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("working")) resolve();
    });
    void exited.then((how) => reject(new Error(`worker exited (${how}) before working`)));
  });
  return {
    exited,
    stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

export function readLog(path: string): LogLine[] {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [event, id, record, attempt, at] = line.split(" ");
      return { event: event as LogLine["event"], id: id as string, record: record as string, attempt: Number(attempt), at: BigInt(at as string) };
    });
}

/**
 * The promises of a crash run, checked on the logs of the killed worker (`killed`, SIGKILLed
 * after `killedAfter` items) and the one that finished: every notification but the poison was
 * done; the only items run twice are ones the killed worker had started (in flight at the
 * kill), at most `concurrency`. Returns those repeated ids and the poison's number of runs.
 */
export function checkCrashRun(
  killed: readonly LogLine[],
  finisher: readonly LogLine[],
  expected: { readonly ids: readonly string[]; readonly poison: string; readonly concurrency: number; readonly killedAfter: number },
): { readonly repeated: readonly string[]; readonly poisonRuns: number } {
  const { ids, poison, concurrency, killedAfter } = expected;
  const all = [...killed, ...finisher];
  const done = new Set(all.filter((line) => line.event === "D").map((line) => line.id));
  assert.deepEqual([...done].sort(), ids.filter((id) => id !== poison), "every notification but the poison was done");
  assert.equal(killed.filter((line) => line.event === "D").length, killedAfter);
  const runs = new Map<string, number>();
  for (const line of all) if (line.event === "S") runs.set(line.id, (runs.get(line.id) ?? 0) + 1);
  const repeated = [...runs].filter(([id, count]) => id !== poison && count > 1).map(([id]) => id).sort();
  const startedByKilled = new Set(killed.filter((line) => line.event === "S").map((line) => line.id));
  const startedByFinisher = new Set(finisher.filter((line) => line.event === "S").map((line) => line.id));
  for (const id of repeated) {
    assert.ok(startedByKilled.has(id) && startedByFinisher.has(id), `${id} ran twice but was not in flight on the killed worker`);
  }
  assert.ok(repeated.length <= concurrency, `${repeated.length} items ran twice, more than the concurrency ${concurrency}`);
  return { repeated, poisonRuns: runs.get(poison) ?? 0 };
}
