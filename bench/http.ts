import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { NODE_SOAP_PATH } from "./baselines/node-soap.js";
import type { ServerKind, ServerStats } from "./http-server.js";
import type { BenchMessage } from "./messages.js";
import { REPO_ROOT } from "./paths.js";

// Section 2: HTTP. Each server runs in its own child process on 127.0.0.1 (port 0); autocannon
// runs here, in the bench process, with 10 connections for a bounded duration. On 2 cores the
// client and the server compete for the CPU: absolute req/s are lower than on a bigger machine,
// and the ratios between servers are what to read. Every server is first probed with one request
// (status 200, an Ack, and for ours and node-soap the notifications reaching user code), and
// autocannon checks every response body against the probe's.

export interface HttpPlan {
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly connections: number;
}

export interface HttpRow {
  readonly server: ServerKind;
  readonly label: string;
  readonly role: "ours" | "baseline" | "info";
  readonly notifications: number;
  readonly bytes: number;
  /** Completed requests ÷ the run's duration (autocannon's duration, in-flight requests drained). */
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Connection errors and timeouts + non-2xx responses + bodies other than the Ack. */
  readonly errors: number;
  readonly completed: number;
  readonly durationSeconds: number;
}

export interface HttpRatio {
  readonly notifications: number;
  readonly server: ServerKind;
  /** Our req/s ÷ the server's req/s. */
  readonly oursRatio: number;
}

export interface HttpSection {
  readonly rows: readonly HttpRow[];
  readonly ratios: readonly HttpRatio[];
  readonly plan: HttpPlan;
}

const LABELS: Readonly<Record<ServerKind, { label: string; role: HttpRow["role"] }>> = {
  ours: { label: "ours: generated createNodeHandler", role: "ours" },
  "node-soap": { label: "node-soap soap.listen", role: "baseline" },
  floor: { label: "constant-Ack floor (reads body, no parse)", role: "info" },
};

export interface RunningServer {
  readonly url: string;
  stats(): Promise<ServerStats>;
  stop(): void;
}

/** Forks bench/http-server.ts as `kind` with its arguments and resolves once it listens. */
export function startServer(kind: ServerKind | "store" | "inbox", ...rest: (string | undefined)[]): Promise<RunningServer> {
  const args = [kind, ...rest.filter((arg): arg is string => arg !== undefined)];
  const child: ChildProcess = fork(join(REPO_ROOT, "bench/http-server.ts"), args, {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`the ${kind} server exited (${code}) before listening`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.once("message", (message) => {
      child.off("exit", onExit);
      const port = (message as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}${kind === "node-soap" ? NODE_SOAP_PATH : "/"}`,
        stats: () =>
          new Promise((resolveStats) => {
            child.once("message", (reply) => resolveStats((reply as { stats: ServerStats }).stats));
            child.send("stats");
          }),
        stop: () => {
          if (child.connected) child.disconnect(); // the child exits on disconnect
          child.kill();
        },
      });
    });
  });
}

const HEADERS = { "content-type": "text/xml; charset=utf-8" };
const ACK = /<(?:\w+:)?Ack>true<\/(?:\w+:)?Ack>/;

/** One request by hand: the server must acknowledge, and deliver every notification to user code. */
async function probe(kind: ServerKind, server: RunningServer, message: BenchMessage): Promise<string> {
  const before = await server.stats();
  const response = await fetch(server.url, { method: "POST", headers: HEADERS, body: message.xml });
  const body = await response.text();
  if (response.status !== 200 || !ACK.test(body)) {
    throw new Error(
      `${kind} did not acknowledge a ${message.notifications}-notification message: ${response.status} ${body.slice(0, 300)}`,
    );
  }
  const after = await server.stats();
  const delivered = after.notifications - before.notifications;
  if (kind !== "floor" && delivered !== message.notifications) {
    throw new Error(`${kind} delivered ${delivered} notifications to user code, expected ${message.notifications}`);
  }
  return body;
}

async function load(
  url: string,
  message: BenchMessage,
  seconds: number,
  connections: number,
  expectBody: string,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: "POST",
    headers: HEADERS,
    body: Buffer.from(message.bytes),
    connections,
    duration: seconds,
    expectBody,
  });
}

export async function runHttpSection(
  targets: { readonly generatedEntry: string; readonly wsdlPath: string },
  messages: readonly BenchMessage[],
  plan: HttpPlan,
  log: (line: string) => void,
): Promise<HttpSection> {
  const rows: HttpRow[] = [];
  const servers: [ServerKind, string | undefined][] = [
    ["ours", targets.generatedEntry],
    ["node-soap", targets.wsdlPath],
    ["floor", undefined],
  ];
  for (const [kind, argument] of servers) {
    const server = await startServer(kind, argument);
    try {
      for (const message of messages) {
        const expectBody = await probe(kind, server, message);
        if (plan.warmupSeconds > 0) await load(server.url, message, plan.warmupSeconds, plan.connections, expectBody);
        const result = await load(server.url, message, plan.durationSeconds, plan.connections, expectBody);
        const row: HttpRow = {
          server: kind,
          ...LABELS[kind],
          notifications: message.notifications,
          bytes: message.bytes.length,
          requestsPerSecond: result.requests.total / result.duration,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          errors: result.errors + result.non2xx + result.mismatches,
          completed: result["2xx"],
          durationSeconds: result.duration,
        };
        rows.push(row);
        log(
          `  http ${String(message.notifications).padStart(3)} notif.  ${row.label.padEnd(44)} ${row.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${row.latencyP99Ms} ms  errors ${row.errors}`,
        );
      }
    } finally {
      server.stop();
    }
  }
  const ratios: HttpRatio[] = [];
  for (const message of messages) {
    const ours = rows.find((row) => row.server === "ours" && row.notifications === message.notifications);
    if (ours === undefined) continue;
    for (const row of rows) {
      if (row.server !== "ours" && row.notifications === message.notifications) {
        ratios.push({
          notifications: message.notifications,
          server: row.server,
          oursRatio: ours.requestsPerSecond / row.requestsPerSecond,
        });
      }
    }
  }
  return { rows, ratios, plan };
}
