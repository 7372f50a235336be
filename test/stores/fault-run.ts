import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fixture } from "../support/fixtures.js";
import { readLog, startReplica, type LogLine, type Replica } from "./replica-fleet.js";
import type { ReplicaClient, ReplicaConfig } from "./replica.js";

// The driver of the multi-replica fault test: Salesforce as seen by three handler replicas.
// Each message goes to a random replica; 30 % are also redelivered at the same time to another
// one; every delivery is retried after any answer but an Ack (503, 500, a dropped connection).
// Mid-run one replica is killed with SIGKILL and restarted. The replicas' logs are then checked.

export interface FaultPlan {
  readonly messages: number;
  readonly maxNotifications: number;
  readonly redeliveredShare: number;
  readonly clients: readonly [ReplicaClient, ReplicaClient, ReplicaClient];
  readonly url: string;
  readonly namespace: string;
  readonly leaseMs: number;
  readonly seed: number;
}

export interface FaultCounts {
  messages: number;
  notifications: number;
  deliveries: number;
  attempts: number;
  acks: number;
  busy503: number;
  faults500: number;
  connectionErrors: number;
  injectedFailures: number;
  completions: number;
  completedTwice: number;
  inFlightOnKilled: number;
  seconds: number;
}

export interface FaultResult {
  readonly counts: FaultCounts;
  /** Broken promises, empty when the run kept them all. */
  readonly violations: string[];
}

const ACK = "<Ack>true</Ack>";
const MAX_ATTEMPTS = 300;
const IN_FLIGHT_MESSAGES = 12;

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A message of the captured fixture's shape, its one notification repeated with the given ids. */
function messageXml(template: string, ids: readonly string[]): string {
  const start = template.indexOf("<Notification>");
  const end = template.indexOf("</Notification>") + "</Notification>".length;
  const notification = template.slice(start, end);
  const body = ids.map((id) => notification.replace(/<Id>[^<]*<\/Id>/, `<Id>${id}</Id>`)).join("\n   ");
  return template.slice(0, start) + body + template.slice(end);
}

export async function runFaultScenario(plan: FaultPlan): Promise<FaultResult> {
  const started = performance.now();
  const next = random(plan.seed);
  const pick = (n: number): number => Math.floor(next() * n);
  const template = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
  const messages = Array.from({ length: plan.messages }, (_, m) => {
    const ids = Array.from({ length: 1 + pick(plan.maxNotifications) }, (_, n) => `04l${String(m).padStart(5, "0")}${String(n).padStart(3, "0")}AAAAAAA`);
    return { ids, xml: messageXml(template, ids), redelivered: next() < plan.redeliveredShare };
  });
  const logDir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-replicas-"));
  const shared: Omit<ReplicaConfig, "client" | "port" | "log"> = { url: plan.url, namespace: plan.namespace, leaseMs: plan.leaseMs };
  const replicas: Replica[] = await Promise.all(plan.clients.map((client, i) => startReplica(i, client, shared, logDir)));
  const counts: FaultCounts = {
    messages: plan.messages,
    notifications: messages.reduce((sum, m) => sum + m.ids.length, 0),
    deliveries: 0,
    attempts: 0,
    acks: 0,
    busy503: 0,
    faults500: 0,
    connectionErrors: 0,
    injectedFailures: 0,
    completions: 0,
    completedTwice: 0,
    inFlightOnKilled: 0,
    seconds: 0,
  };
  const violations: string[] = [];
  /** Per message, when each Ack arrived (CLOCK_MONOTONIC, like the replicas' log lines). */
  const ackTimes = messages.map((): bigint[] => []);
  /** Attempts that got no answer because their replica was killed under them. */
  const unanswered = new Set<string>();
  const inFlight = replicas.map(() => new Set<string>());
  const victim = replicas[1] as Replica;
  let killedLog: string | undefined;
  let killing: Promise<void> | undefined;

  const killMidRun = (): void => {
    if (killing !== undefined || counts.acks < plan.messages * 0.3 || inFlight[victim.index]?.size === 0) return;
    const cut = [...(inFlight[victim.index] ?? [])];
    killing = (async () => {
      killedLog = await victim.kill();
      for (const attempt of cut) unanswered.add(attempt);
      await sleep(300);
      await victim.start();
    })();
  };

  const deliver = async (m: number, chain: number, first: Replica): Promise<void> => {
    counts.deliveries++;
    let replica = first;
    for (let n = 0; n < MAX_ATTEMPTS; n++) {
      const attempt = `${m}.${chain}.${n}`;
      counts.attempts++;
      inFlight[replica.index]?.add(attempt);
      killMidRun();
      let acked = false;
      try {
        const response = await fetch(replica.url, {
          method: "POST",
          headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""', "x-attempt": attempt, "x-first": n === 0 ? "1" : "0" },
          body: (messages[m] as (typeof messages)[number]).xml,
          signal: AbortSignal.timeout(30_000),
        });
        const body = await response.text();
        const at = process.hrtime.bigint();
        if (response.status === 200 && body.includes(ACK)) {
          acked = true;
          counts.acks++;
          ackTimes[m]?.push(at);
        } else if (response.status === 503) counts.busy503++;
        else if (response.status === 500) counts.faults500++;
        else violations.push(`attempt ${attempt}: unexpected ${response.status} ${body.slice(0, 200)}`);
      } catch {
        // Refused while the replica is down, or dropped by the kill: retried like any non-Ack.
        counts.connectionErrors++;
      } finally {
        inFlight[replica.index]?.delete(attempt);
      }
      if (acked) return;
      await sleep(20 + pick(60) + Math.min(n, 10) * 20);
      replica = replicas[pick(replicas.length)] as Replica;
    }
    violations.push(`message ${m} chain ${chain} was never acknowledged in ${MAX_ATTEMPTS} attempts`);
  };

  try {
    let nextMessage = 0;
    const worker = async (): Promise<void> => {
      while (nextMessage < messages.length) {
        const m = nextMessage++;
        const primary = pick(replicas.length);
        const chains = [deliver(m, 0, replicas[primary] as Replica)];
        if (messages[m]?.redelivered) {
          const other = (primary + 1 + pick(replicas.length - 1)) % replicas.length;
          chains.push(sleep(pick(10)).then(() => deliver(m, 1, replicas[other] as Replica)));
        }
        await Promise.all(chains);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT_MESSAGES }, worker));
    await killing;
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
  }

  const lines = replicas.flatMap((replica) => replica.logs.flatMap((log) => readLog(log).map((line) => ({ ...line, log }))));
  rmSync(logDir, { recursive: true, force: true });
  if (killedLog === undefined) violations.push("no replica was killed: the run ended before the kill point");
  checkLogs(messages, lines, ackTimes, unanswered, killedLog, counts, violations);
  counts.seconds = Math.round((performance.now() - started) / 100) / 10;
  return { counts, violations };
}

function checkLogs(
  messages: readonly { readonly ids: readonly string[] }[],
  lines: readonly (LogLine & { readonly log: string })[],
  ackTimes: readonly bigint[][],
  unanswered: ReadonlySet<string>,
  killedLog: string | undefined,
  counts: FaultCounts,
  violations: string[],
): void {
  const done = new Map<string, bigint[]>();
  const inFlightOnKilled = new Set<string>();
  for (const line of lines) {
    if (line.event === "F") counts.injectedFailures++;
    if (line.event === "D") {
      counts.completions++;
      done.set(line.id, [...(done.get(line.id) ?? []), line.at]);
    }
    if (line.log === killedLog && unanswered.has(line.attempt)) inFlightOnKilled.add(line.id);
  }
  counts.inFlightOnKilled = inFlightOnKilled.size;
  messages.forEach((message, m) => {
    for (const id of message.ids) {
      const times = done.get(id) ?? [];
      if (times.length === 0) violations.push(`notification ${id} was never processed successfully`);
      if (times.length > 1) {
        counts.completedTwice++;
        if (!inFlightOnKilled.has(id)) violations.push(`notification ${id} was completed ${times.length} times, not in flight on the killed replica`);
      }
      for (const ackedAt of ackTimes[m] ?? []) {
        if (!times.some((at) => at < ackedAt)) violations.push(`message ${m} was acknowledged before notification ${id} was processed`);
      }
    }
    if ((ackTimes[m] ?? []).length === 0) violations.push(`message ${m} was never acknowledged`);
  });
}
