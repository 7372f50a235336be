import type { DeliveryErrorCode } from "./handler-options.js";

/**
 * How a request ended:
 * - `acked`: Ack true, and at least one notification was handed to your code now;
 * - `acked-all-duplicates`: Ack true, every notification had been processed before;
 * - `rejected`: a 4xx Fault or a 503 over `maxInFlightBytes`, before your code ran; a 503 when a
 *   notification is busy (your code ran for the message's others: see the counts); or 499 when
 *   the client went away before its body arrived (nothing was sent);
 * - `failed`: a 500 Fault: your code threw, the dedupe store failed, or the inbox failed to record;
 * - `wsdl`: a `GET …?wsdl` answered with the WSDL.
 */
export type DeliveryOutcomeKind = "acked" | "acked-all-duplicates" | "rejected" | "failed" | "wsdl";

/** What happened to the notifications of one message. */
export interface NotificationCounts {
  /** Handed to your code now, and it resolved; with an inbox, recorded now. */
  readonly new: number;
  /** Processed (with an inbox: recorded) before, or repeated within the message: skipped. */
  readonly duplicate: number;
  /** Held by a concurrent delivery: not processed, the request got 503. */
  readonly busy: number;
  /** Handed to your code (or due to be) without success, or not recorded: Salesforce's retry processes them. */
  readonly failed: number;
}

/** Where the time of one request went, in milliseconds. */
export interface DeliveryDurations {
  /** From the request's head to the end of its body. */
  readonly readMs: number;
  readonly parseMs: number;
  /** The dedupe store's claim, complete and release; with an inbox, its record. */
  readonly dedupeMs: number;
  readonly userCodeMs: number;
  readonly totalMs: number;
}

/** One request, as `onDelivery` sees it once it is answered: for metrics, traces and audit logs. */
export interface DeliveryEvent {
  readonly outcome: DeliveryOutcomeKind;
  /** The HTTP status sent (499: nothing was sent, the client went away). */
  readonly status: number;
  /** Why it was not acknowledged; undefined for `acked`, `acked-all-duplicates` and `wsdl`. */
  readonly code: DeliveryErrorCode | undefined;
  /** For `INVALID_MESSAGE`: the parser's code, e.g. `INVALID_VALUE`. */
  readonly reason: string | undefined;
  /** As sent, once the message got that far (also for a foreign org). */
  readonly organizationId: string | undefined;
  readonly actionId: string | undefined;
  readonly notifications: NotificationCounts;
  readonly durations: DeliveryDurations;
  /** Bytes of the body read (the declared length is not trusted). */
  readonly bodyBytes: number;
}

function now(): number {
  return performance.now();
}

/** The clock of a trace whose durations nobody reads (no `onDelivery`): every time is 0. */
function noClock(): number {
  return 0;
}

/** Collects the facts of one request while it is answered; gives its event exactly once. */
export class DeliveryTrace {
  /** `now`, or `noClock` when the request's durations are never read (saves reading the clock). */
  readonly now: () => number;
  readonly started: number;
  private readEnded: number | undefined;
  parseMs = 0;
  dedupeMs = 0;
  userCodeMs = 0;
  bodyBytes = 0;
  organizationId: string | undefined;
  actionId: string | undefined;
  readonly counts: { new: number; duplicate: number; busy: number; failed: number } = { new: 0, duplicate: 0, busy: 0, failed: 0 };
  private done = false;

  constructor(timed: boolean = true) {
    this.now = timed ? now : noClock;
    this.started = this.now();
  }

  /** Marks the end of the body. */
  bodyRead(): void {
    this.readEnded ??= this.now();
  }

  /** Times `work` into one of the durations. */
  async timed<T>(field: "dedupeMs" | "userCodeMs", work: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await work();
    } finally {
      this[field] += this.now() - start;
    }
  }

  /** The event of this request; undefined when it was already given. */
  finish(outcome: DeliveryOutcomeKind, status: number, code?: DeliveryErrorCode, reason?: string): DeliveryEvent | undefined {
    if (this.done) return undefined;
    this.done = true;
    const end = this.now();
    return {
      outcome,
      status,
      code,
      reason,
      organizationId: this.organizationId,
      actionId: this.actionId,
      notifications: { ...this.counts },
      durations: {
        readMs: (this.readEnded ?? this.started) - this.started,
        parseMs: this.parseMs,
        dedupeMs: this.dedupeMs,
        userCodeMs: this.userCodeMs,
        totalMs: end - this.started,
      },
      bodyBytes: this.bodyBytes,
    };
  }
}
