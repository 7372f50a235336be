import type { DeliveryTrace } from "./delivery-event.js";
import { withinTime, type DeliveryOutcome } from "./delivery.js";
import { DeliveryError } from "./handler-options.js";
import type { NotificationsOf } from "./types.js";

// What the handler needs of an inbox, and the one call it makes instead of running user code:
// record the message durably, then Ack. The inbox is the dedupe record as well, so a
// redelivery records nothing new and is acknowledged.

/** Where a handler records messages instead of processing them (`createPostgresInbox`, or your own). */
export interface NotificationInbox<M extends NotificationsOf<unknown>> {
  /**
   * Records every notification of `message` in one transaction, skipping those recorded before
   * (same OrganizationId prefix and Notification Id); resolves to how many are new. Must only
   * resolve once the write is durable: the Ack follows.
   */
  record(message: M): Promise<number>;
}

/** True for an object with `record(message)`, as the handler options check it. */
export function isNotificationInbox(value: unknown): value is NotificationInbox<NotificationsOf<unknown>> {
  return typeof value === "object" && value !== null && typeof (value as { record?: unknown }).record === "function";
}

/** What `recordDelivery` needs besides the message. */
export interface RecordPlan<M extends NotificationsOf<unknown>> {
  readonly inbox: NotificationInbox<M>;
  /** The bound of the write, as for a dedupe store's calls (`storeTimeoutMs`). */
  readonly storeTimeoutMs: number;
  readonly trace: DeliveryTrace;
}

/**
 * Records the message in the inbox: Ack once committed, a 500 Fault (nothing acknowledged) when
 * the write failed, took longer than `storeTimeoutMs` or answered something else than a count.
 * The trace counts recorded notifications as new, the others as duplicates; the write is timed as
 * the dedupe record it is (`dedupeMs`).
 */
export async function recordDelivery<M extends NotificationsOf<unknown>>(message: M, plan: RecordPlan<M>): Promise<DeliveryOutcome> {
  const { trace, storeTimeoutMs } = plan;
  const total = message.Notification.length;
  try {
    const recorded: unknown = await trace.timed("dedupeMs", () =>
      withinTime(() => plan.inbox.record(message), storeTimeoutMs, `the inbox did not record within ${storeTimeoutMs} ms`),
    );
    if (typeof recorded !== "number" || !Number.isInteger(recorded) || recorded < 0 || recorded > total) {
      throw new TypeError(`record answered ${JSON.stringify(recorded)?.slice(0, 80) ?? String(recorded)}; expected how many of the ${total} notifications are new`);
    }
    trace.counts.new += recorded;
    trace.counts.duplicate += total - recorded;
    return { acked: true };
  } catch (error) {
    trace.counts.failed += total;
    return { acked: false, error: new DeliveryError("INBOX_FAILED", 500, "the notifications could not be recorded in the inbox", error) };
  }
}
