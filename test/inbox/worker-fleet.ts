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
