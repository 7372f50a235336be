import type { ClaimResult, DedupeStore } from "./dedupe.js";
import {
  DeliveryError,
  type DeliveryContext,
  type NotificationOfMessage,
  type Processing,
} from "./handler-options.js";
import type { NotificationsOf } from "./types.js";

/** How a delivery ended: Ack, or the error that must keep Salesforce retrying. */
export type DeliveryOutcome = { readonly acked: true } | { readonly acked: false; readonly error: DeliveryError };

/** The dedupe key: the 15-character org id makes 15- and 18-character forms one key. */
export function dedupeKey(organizationId: string, notificationId: string): string {
  return `${organizationId.slice(0, 15)}:${notificationId}`;
}

/**
 * Hands the notifications not processed before to user code and decides the Ack. Keys are
 * completed only for notifications whose user code resolved, and released otherwise, so that
 * Salesforce's retry processes exactly what is left.
 */
export async function deliver<M extends NotificationsOf<unknown>>(
  message: M,
  context: DeliveryContext<M>,
  processing: Processing<M>,
  store: DedupeStore | undefined,
  exposeErrors: boolean,
  report: (error: DeliveryError) => void,
): Promise<DeliveryOutcome> {
  // A notification id repeated inside one message is processed once.
  const byKey = new Map<string, NotificationOfMessage<M>>();
  for (const notification of message.Notification as readonly NotificationOfMessage<M>[]) {
    const key = dedupeKey(message.OrganizationId, notification.Id);
    if (!byKey.has(key)) byKey.set(key, notification);
  }
  const keys = [...byKey.keys()];
  const owner = deliveryToken();
  let claims: readonly ClaimResult[];
  try {
    claims = store === undefined ? keys.map((): ClaimResult => "claimed") : await store.claim(keys, owner);
  } catch (error) {
    return failed(new DeliveryError("DEDUPE_FAILED", 500, "the dedupe store failed to claim the notifications", error));
  }
  const fresh: string[] = [];
  let busy: string | undefined;
  keys.forEach((key, i) => {
    if (claims[i] === "claimed") fresh.push(key);
    else if (claims[i] === "busy") busy ??= key;
  });

  const notifications = fresh.map((key) => byKey.get(key) as NotificationOfMessage<M>);
  const done = await runUserCode(notifications, context, processing);
  const completed = fresh.filter((_, i) => done.succeeded[i]);
  const released = fresh.filter((_, i) => !done.succeeded[i]);
  if (store !== undefined) {
    if (completed.length > 0) await settle(() => store.complete(completed, owner), "complete", report);
    if (released.length > 0) await settle(() => store.release(released, owner), "release", report);
  }
  if (done.error !== undefined) {
    const detail = exposeErrors ? errorText(done.error) : "the notifications could not be processed";
    return failed(new DeliveryError("HANDLER_FAILED", 500, detail, done.error));
  }
  if (busy !== undefined) {
    const id = busy.slice(busy.indexOf(":") + 1);
    return failed(
      new DeliveryError("NOTIFICATION_BUSY", 503, `notification ${id} is being processed by another delivery; retry later`),
    );
  }
  return { acked: true };
}

/** A token unique to one delivery, to tell claim owners apart; not a secret. */
function deliveryToken(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

function failed(error: DeliveryError): DeliveryOutcome {
  return { acked: false, error };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A store failure after user code ran must not turn into a nack: that would process twice. */
async function settle(work: () => Promise<void>, what: string, report: (error: DeliveryError) => void): Promise<void> {
  try {
    await work();
  } catch (error) {
    report(new DeliveryError("DEDUPE_FAILED", 200, `the dedupe store failed to ${what} keys`, error));
  }
}

interface UserCodeResult {
  /** Per notification: did its user code resolve? */
  readonly succeeded: readonly boolean[];
  readonly error?: unknown;
}

async function runUserCode<M extends NotificationsOf<unknown>>(
  notifications: readonly NotificationOfMessage<M>[],
  context: DeliveryContext<M>,
  processing: Processing<M>,
): Promise<UserCodeResult> {
  const [first, ...rest] = notifications;
  if (first === undefined) return { succeeded: [] };
  const { onNotifications, onNotification } = processing;
  if (onNotifications !== undefined) {
    try {
      // A copy, typed as never empty: what user code does to it cannot change what is acked.
      await onNotifications([first, ...rest], context);
      return { succeeded: notifications.map(() => true) };
    } catch (error) {
      return { succeeded: notifications.map(() => false), error };
    }
  }
  if (onNotification === undefined) return { succeeded: notifications.map(() => false), error: new Error("no user code") };
  return runEach(notifications, (notification) => onNotification(notification, context), processing.concurrency);
}

/** Runs `work` over items, `concurrency` at a time in order; after a failure nothing new starts. */
async function runEach<T>(
  items: readonly T[],
  work: (item: T) => void | Promise<void>,
  concurrency: number,
): Promise<UserCodeResult> {
  const succeeded = items.map(() => false);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T);
        succeeded[index] = true;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failure === undefined ? { succeeded } : { succeeded, error: failure.error };
}
