import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { postMessage } from "./post.js";
import { judgeReply } from "./reply.js";
import { seededRandom } from "../runtime/testing-samples.js";
import { retryInterval, retryOffsets } from "./schedule.js";

// Delivers messages like Salesforce's outbound-message sender: one POST per try, success only on
// HTTP 200 with <Ack>true</Ack>, retries of the same message (same notification ids) on the
// 24-hour schedule, and now and then a redelivery of a message that was acknowledged.

/** The reason of a message that `signal` stopped before its first try. */
const NOT_SENT = "not sent: interrupted";
/** What became of a try that `signal` cut off while it waited for the answer. */
export const ABORTED_TRY = "no answer yet, the try was aborted";

/** One SOAP request to deliver, with the notification ids it carries (for the report). */
export interface SendMessage {
  readonly body: string;
  readonly notificationIds: readonly string[];
}

export interface SendOptions {
  /** The endpoint; nothing else is ever contacted. */
  readonly to: string | URL;
  readonly messages: readonly SendMessage[];
  /** Multiplies the retry schedule: 0.001 makes the 24 hours last 86 s (default 1). */
  readonly timeScale?: number;
  /** Per try, in seconds (default 60, as Salesforce). */
  readonly timeoutSeconds?: number;
  /** Messages in flight at once (default 1). */
  readonly concurrency?: number;
  /** Share of acknowledged messages delivered once more, 0 to 1 (default 0). */
  readonly duplicateRate?: number;
  /** Seeds the choice of duplicates (default 1). */
  readonly seed?: number;
  /** Called after every try, e.g. to print progress. */
  readonly onTry?: (event: TryEvent) => void;
  /** Aborts the tries in flight and stops waiting for retries; what was not acknowledged is reported as failed. */
  readonly signal?: AbortSignal;
}

/** The outcome of one POST. */
export interface TryRecord {
  /** 1-based. */
  readonly try: number;
  /** When the try started, in milliseconds since `send` started. */
  readonly startMs: number;
  readonly latencyMs: number;
  /** The HTTP status; absent when no answer came (refused, timed out). */
  readonly status?: number;
  readonly contentType?: string;
  readonly acked: boolean;
  /** Why it failed, as Salesforce would show it. */
  readonly reason?: string;
  /** True when `signal` aborted the try before its answer: its latency is not the endpoint's. */
  readonly interrupted?: true;
  /** Wait until the next try (scaled); absent after the last. */
  readonly nextTryInMs?: number;
  /** The interval of Salesforce's schedule before the next try (unscaled); absent after the last. */
  readonly retryIntervalMs?: number;
}

export interface TryEvent extends TryRecord {
  /** 1-based position of the message in `messages`. */
  readonly message: number;
  readonly messages: number;
  readonly duplicate: boolean;
  readonly notifications: number;
  readonly timeScale: number;
  /** True when no try is left: the message is dropped, as Salesforce drops it after 24 hours. */
  readonly dropped: boolean;
}

export interface DeliveryReport {
  readonly message: number;
  /** A redelivery of a message already acknowledged. */
  readonly duplicate: boolean;
  readonly notificationIds: readonly string[];
  readonly acked: boolean;
  readonly tries: readonly TryRecord[];
  /** The last failure, when never acknowledged. */
  readonly reason?: string;
}

function checkOptions(options: SendOptions): { url: URL; timeScale: number; timeoutMs: number; concurrency: number; duplicateRate: number } {
  const url = new URL(options.to);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RangeError(`send: ${url.href} is not an http:// or https:// URL`);
  const { timeScale = 1, timeoutSeconds = 60, concurrency = 1, duplicateRate = 0 } = options;
  if (!(timeScale > 0)) throw new RangeError(`send: timeScale must be above 0, got ${timeScale}`);
  if (!(timeoutSeconds > 0)) throw new RangeError(`send: timeoutSeconds must be above 0, got ${timeoutSeconds}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`send: concurrency must be a whole number from 1, got ${concurrency}`);
  if (!(duplicateRate >= 0 && duplicateRate <= 1)) throw new RangeError(`send: duplicateRate must be from 0 to 1, got ${duplicateRate}`);
  return { url, timeScale, timeoutMs: timeoutSeconds * 1000, concurrency, duplicateRate };
}

/** Sleeps until `target` (performance.now() time): timers may fire up to a millisecond early. */
async function waitUntil(target: number, signal: AbortSignal | undefined): Promise<void> {
  for (let left = target - performance.now(); left > 0 && signal?.aborted !== true; left = target - performance.now()) {
    await sleep(Math.ceil(left), undefined, signal === undefined ? {} : { signal }).catch(() => {});
  }
}

/**
 * Delivers every message (in order, `concurrency` at a time) and reports each delivery with its
 * tries. Resolves when every message was acknowledged or dropped; never rejects for a failing
 * endpoint.
 */
export async function send(options: SendOptions): Promise<DeliveryReport[]> {
  const { url, timeScale, timeoutMs, concurrency, duplicateRate } = checkOptions(options);
  const offsets = retryOffsets(timeScale);
  const started = performance.now();
  const duplicates = seededRandom(options.seed ?? 1);
  const choices = options.messages.map(() => duplicates() < duplicateRate);
  const reports: DeliveryReport[] = [];

  async function deliver(index: number, duplicate: boolean): Promise<DeliveryReport> {
    const message = options.messages[index] as SendMessage;
    // Interrupted: the messages not tried yet are reported as not sent, none is started.
    if (options.signal?.aborted === true) return { message: index + 1, duplicate, notificationIds: message.notificationIds, acked: false, tries: [], reason: NOT_SENT };
    const tries: TryRecord[] = [];
    let first = 0;
    for (let attempt = 1; ; attempt++) {
      const start = performance.now();
      if (attempt === 1) first = start;
      const result = await postMessage(url, message.body, timeoutMs, options.signal);
      const latencyMs = performance.now() - start;
      const verdict =
        result.kind === "reply"
          ? judgeReply(result.status, result.body)
          : ({ acked: false, reason: result.kind === "interrupted" ? `interrupted: ${ABORTED_TRY}` : result.reason } as const);
      const due = offsets[attempt - 1];
      const wait = verdict.acked || due === undefined || options.signal?.aborted ? undefined : Math.max(0, first + due - performance.now());
      const record: TryRecord = {
        try: attempt,
        startMs: start - started,
        latencyMs,
        ...(result.kind === "reply" ? { status: result.status, ...(result.contentType === undefined ? {} : { contentType: result.contentType }) } : {}),
        acked: verdict.acked,
        ...(verdict.acked ? {} : { reason: verdict.reason }),
        ...(result.kind === "interrupted" ? { interrupted: true } : {}),
        ...(wait === undefined ? {} : { nextTryInMs: wait, retryIntervalMs: retryInterval(attempt) }),
      };
      tries.push(record);
      options.onTry?.({
        ...record,
        message: index + 1,
        messages: options.messages.length,
        duplicate,
        notifications: message.notificationIds.length,
        timeScale,
        dropped: !verdict.acked && wait === undefined && result.kind !== "interrupted",
      });
      const done = verdict.acked || wait === undefined;
      if (!done) await waitUntil(performance.now() + wait, options.signal);
      if (done || options.signal?.aborted) {
        const reason = verdict.acked ? {} : { reason: verdict.reason };
        return { message: index + 1, duplicate, notificationIds: message.notificationIds, acked: verdict.acked, tries, ...reason };
      }
    }
  }

  let next = 0;
  async function worker(): Promise<void> {
    for (let index = next++; index < options.messages.length; index = next++) {
      const report = await deliver(index, false);
      reports.push(report);
      // Salesforce sometimes delivers a message again after it was acknowledged.
      if (report.acked && choices[index] === true && options.signal?.aborted !== true) reports.push(await deliver(index, true));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, options.messages.length) }, worker));
  return reports.sort((a, b) => a.message - b.message || Number(a.duplicate) - Number(b.duplicate));
}
