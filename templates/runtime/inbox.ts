import type { DeliveryOutcome } from "./delivery.js";
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

/** Records the message in the inbox: Ack once committed, a 500 Fault (nothing acknowledged) when the write failed. */
export async function recordDelivery<M extends NotificationsOf<unknown>>(message: M, inbox: NotificationInbox<M>): Promise<DeliveryOutcome> {
  try {
    await inbox.record(message);
    return { acked: true };
  } catch (error) {
    return { acked: false, error: new DeliveryError("INBOX_FAILED", 500, "the notifications could not be recorded in the inbox", error) };
  }
}
