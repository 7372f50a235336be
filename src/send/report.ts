import { plural } from "../plural.js";
import { ABORTED_TRY, type DeliveryReport, type TryEvent } from "./send.js";

// What `wsdl-to-ts send` prints: a line per try on stderr, then the summary (or the JSON report).

export interface SendSummary {
  readonly to: string;
  readonly messages: number;
  readonly notifications: number;
  /** Messages acknowledged (first deliveries, not counting duplicates). */
  readonly acked: number;
  readonly ackedNotifications: number;
  /** Messages that needed more than one try. */
  readonly retried: number;
  readonly retries: number;
  /** Messages never acknowledged, with the last reason. */
  readonly failed: readonly { readonly message: number; readonly notifications: number; readonly reason: string }[];
  /** Redeliveries of acknowledged messages, and how many of them were acknowledged too. */
  readonly duplicates: number;
  readonly duplicatesAcked: number;
  /** Tries that ended with an answer, a transport failure or a timeout: those the latencies are of. */
  readonly tries: number;
  /** Tries cut off by the interrupt before their answer, left out of the latencies. */
  readonly interruptedTries: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly deliveries: readonly DeliveryReport[];
}

/** Nearest-rank percentile of sorted values; 0 for none. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function summarize(to: string, deliveries: readonly DeliveryReport[]): SendSummary {
  const firsts = deliveries.filter((delivery) => !delivery.duplicate);
  const duplicates = deliveries.filter((delivery) => delivery.duplicate);
  const acked = firsts.filter((delivery) => delivery.acked);
  const allTries = deliveries.flatMap((delivery) => delivery.tries);
  const latencies = allTries.filter((t) => t.interrupted !== true).map((t) => t.latencyMs).sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    to,
    messages: firsts.length,
    notifications: firsts.reduce((sum, delivery) => sum + delivery.notificationIds.length, 0),
    acked: acked.length,
    ackedNotifications: acked.reduce((sum, delivery) => sum + delivery.notificationIds.length, 0),
    retried: firsts.filter((delivery) => delivery.tries.length > 1).length,
    retries: deliveries.reduce((sum, delivery) => sum + Math.max(0, delivery.tries.length - 1), 0),
    failed: deliveries
      .filter((delivery) => !delivery.acked)
      .map((delivery) => ({ message: delivery.message, notifications: delivery.notificationIds.length, reason: delivery.reason ?? "" })),
    duplicates: duplicates.length,
    duplicatesAcked: duplicates.filter((delivery) => delivery.acked).length,
    tries: latencies.length,
    interruptedTries: allTries.length - latencies.length,
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
    deliveries,
  };
}

/** `12 ms`, `30 s`, `2 h`: the unit that keeps the number readable. */
export function duration(ms: number): string {
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** One progress line: `message 1/3 (100 notifications) try 2: acked (HTTP 200, 4 ms)`. */
export function formatTry(event: TryEvent): string {
  const which = `message ${event.message}/${event.messages}${event.duplicate ? " (redelivered)" : ""}, ${plural(event.notifications, "notification")}`;
  const http = event.status === undefined ? "" : `HTTP ${event.status}, `;
  if (event.acked) return `${which}, try ${event.try}: acked (${http}${duration(event.latencyMs)})`;
  if (event.interrupted === true) return `${which}, try ${event.try}: interrupted (${duration(event.latencyMs)}): ${ABORTED_TRY}`;
  const scaled = event.timeScale === 1 || event.retryIntervalMs === undefined ? "" : ` (${duration(event.retryIntervalMs)} unscaled)`;
  const then = event.nextTryInMs !== undefined ? `; next try in ${duration(event.nextTryInMs)}${scaled}` : "; dropped: no try left within 24 hours";
  return `${which}, try ${event.try}: failed (${http}${duration(event.latencyMs)}): ${event.reason ?? ""}${then}`;
}

export function formatSummary(summary: SendSummary): string {
  const lines = [
    `sent ${plural(summary.messages, "message")} (${plural(summary.notifications, "notification")}) to ${summary.to}`,
    `acked: ${plural(summary.acked, "message")} (${plural(summary.ackedNotifications, "notification")})`,
    `retried: ${plural(summary.retried, "message")} (${plural(summary.retries, "retry", "retries")})`,
    `failed: ${plural(summary.failed.length, "message")}`,
    ...summary.failed.map((failure) => `  message ${failure.message} (${plural(failure.notifications, "notification")}): ${failure.reason}`),
  ];
  if (summary.duplicates > 0) lines.push(`redelivered: ${plural(summary.duplicates, "acked message")} (${summary.duplicatesAcked} acked again)`);
  const tries = plural(summary.tries, "try", "tries");
  const leftOut = summary.interruptedTries === 0 ? "" : `; ${plural(summary.interruptedTries, "interrupted try", "interrupted tries")} left out`;
  lines.push(`latency: p50 ${duration(summary.latencyMs.p50)}, p99 ${duration(summary.latencyMs.p99)} (${tries}${leftOut})`);
  return `${lines.join("\n")}\n`;
}
