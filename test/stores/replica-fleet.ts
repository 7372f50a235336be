import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/fixtures.js";
import { closedPort } from "../support/servers.js";
import type { ReplicaClient, ReplicaConfig } from "./replica.js";

// The handler processes of the multi-replica test: started on loopback ports, killed with
// SIGKILL and restarted on the same port, each incarnation with a log of its own.

export interface LogLine {
  readonly event: "S" | "D" | "F";
  readonly attempt: string;
  readonly id: string;
  readonly at: bigint;
}

export interface Replica {
  readonly index: number;
  readonly url: string;
  /** The log of every incarnation so far, oldest first. */
  readonly logs: string[];
  alive: boolean;
  /** SIGKILLs the current incarnation; resolves when it is gone. Returns its log. */
  kill(): Promise<string>;
  /** Starts a new incarnation on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = join(ROOT, "test/stores/replica.ts");

export async function startReplica(
  index: number,
  client: ReplicaClient,
  shared: Omit<ReplicaConfig, "client" | "port" | "log">,
  logDir: string,
): Promise<Replica> {
  const port = await closedPort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const logs: string[] = [];
  const replica: Replica = {
    index,
    url: `http://127.0.0.1:${port}/`,
    logs,
    alive: false,
    async start() {
      const log = join(logDir, `replica-${index}-${logs.length}.log`);
      logs.push(log);
      const config: ReplicaConfig = { ...shared, client, port, log };
      const started = spawn(process.execPath, ["--import", "tsx", SCRIPT, JSON.stringify(config)], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      child = started;
      exited = new Promise((resolve) => started.once("exit", () => resolve()));
      await new Promise<void>((resolve, reject) => {
        let output = "";
        started.stdout?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes(`listening ${port}`)) resolve();
        });
        started.once("exit", (code) => reject(new Error(`replica ${index} exited (${code}) before listening`)));
      });
      replica.alive = true;
    },
    async kill() {
      replica.alive = false;
      child?.kill("SIGKILL");
      await exited;
      return logs[logs.length - 1] as string;
    },
    async stop() {
      replica.alive = false;
      child?.kill("SIGTERM");
      await exited;
    },
  };
  await replica.start();
  return replica;
}

/** The events of one log file. */
export function readLog(path: string): LogLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [event, attempt, id, at] = line.split(" ");
      return { event: event as LogLine["event"], attempt: attempt as string, id: id as string, at: BigInt(at as string) };
    });
}
