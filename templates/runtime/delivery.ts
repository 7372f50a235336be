import { isClaimResult, type ClaimResult, type DedupeStore } from "./dedupe.js";
import type { DeliveryTrace } from "./delivery-event.js";
import {
  DeliveryError,
  type DeliveryContext,
  type NotificationOfMessage,
  type Processing,
} from "./handler-options.js";
import type { NotificationsOf } from "./types.js";

/** How a delivery ended: Ack, or the error that must keep Salesforce retrying. */
export type DeliveryOutcome = { readonly acked: true } | { readonly acked: false; readonly error: DeliveryError };

/**
 * The dedupe key: the 15-character org id makes 15- and 18-character forms one key. A flat copy:
 * the ids are slices of the message text, and a V8 string built from a slice keeps the whole text
 * alive, so a store remembering 100,000 keys would otherwise hold 100,000 message bodies.
 */
export function dedupeKey(organizationId: string, notificationId: string): string {
  return flatCopy(requestKey(organizationId, notificationId));
}

/** The same key for use within one request only (no store keeps it), so no flat copy is needed. */
function requestKey(organizationId: string, notificationId: string): string {
  return `${organizationId.slice(0, 15)}:${notificationId}`;
}

/**
 * A string made from fresh characters, sharing no memory with its source: JSON.parse builds its
 * result from the text it reads, here a new string itself (about 0.3 µs for a key).
 */
function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** What `deliver` needs besides the message: the user code, the store and how to report. */
export interface DeliveryPlan<M extends NotificationsOf<unknown>> {
  readonly processing: Processing<M>;
  readonly store: DedupeStore | undefined;
  readonly storeTimeoutMs: number;
  readonly exposeErrors: boolean;
  /** Side failures that do not change the answer (a release that failed after a Fault). */
  readonly report: (error: DeliveryError) => void;
  readonly trace: DeliveryTrace;
}

/**
 * Hands the notifications not processed before to user code and decides the Ack. Keys are
 * completed only for notifications whose user code resolved, and released otherwise, so that
 * Salesforce's retry processes exactly what is left. The Ack waits for the completion: a
 * completion the store did not confirm is a 500 Fault, so the retry runs the code again rather
 * than a redelivery slipping past a store that forgot it (at least once, never lost).
 */
export async function deliver<M extends NotificationsOf<unknown>>(
  message: M,
  context: DeliveryContext<M>,
  plan: DeliveryPlan<M>,
): Promise<DeliveryOutcome> {
  const { store, trace, report } = plan;
  const counts = trace.counts;
  // A notification id repeated inside one message is processed once.
  const byKey = new Map<string, NotificationOfMessage<M>>();
  const keyOf = store === undefined ? requestKey : dedupeKey;
  for (const notification of message.Notification as readonly NotificationOfMessage<M>[]) {
    const key = keyOf(message.OrganizationId, notification.Id);
    if (byKey.has(key)) counts.duplicate++;
    else byKey.set(key, notification);
  }
  const keys = [...byKey.keys()];
  // The owner only tells a store's claims apart: without a store there is none to draw.
  const owner = store === undefined ? "" : uniqueToken();
  const storeCall = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    trace.timed("dedupeMs", () => withinTime(work, plan.storeTimeoutMs, `the dedupe store did not answer ${what} within ${plan.storeTimeoutMs} ms`));
  // After a failure the answer is a Fault already; freeing the keys must not hold it up.
  const releaseLater = (released: readonly string[], status: number): void => {
    void storeCall("release", () => store?.release(released, owner) ?? Promise.resolve()).catch((error: unknown) =>
      report(new DeliveryError("DEDUPE_FAILED", status, "the dedupe store failed to release keys", error)),
    );
  };

  let claims: readonly ClaimResult[];
  let pendingClaim: Promise<unknown> | undefined;
  try {
    claims =
      store === undefined
        ? keys.map((): ClaimResult => "claimed")
        : await storeCall("claim", () => {
            const claim = Promise.resolve(store.claim(keys, owner));
            pendingClaim = claim;
            claim.then(
              () => (pendingClaim = undefined),
              () => (pendingClaim = undefined),
            );
            return claim;
          });
    checkClaims(claims, keys.length);
  } catch (error) {
    counts.failed += keys.length;
    if (store !== undefined) {
      releaseLater(keys, 500);
      // A claim that timed out may still commit after that release, e.g. on another connection
      // of a pool: its keys would then stay busy until the lease ends. Release them once it settles.
      void pendingClaim?.then(() => releaseLater(keys, 500), () => {});
    }
    return failed(new DeliveryError("DEDUPE_FAILED", 500, "the dedupe store failed to claim the notifications", error));
  }
  const fresh: string[] = [];
  let busy: string | undefined;
  keys.forEach((key, i) => {
    if (claims[i] === "claimed") fresh.push(key);
    else if (claims[i] === "duplicate") counts.duplicate++;
    else {
      counts.busy++;
      busy ??= key;
    }
  });

  const notifications = fresh.map((key) => byKey.get(key) as NotificationOfMessage<M>);
  const done = await trace.timed("userCodeMs", () => runUserCode(notifications, context, plan.processing));
  const completed = fresh.filter((_, i) => done.succeeded[i]);
  const released = fresh.filter((_, i) => !done.succeeded[i]);
  counts.new += completed.length;
  counts.failed += released.length;
  let unrecorded: { readonly error: unknown } | undefined;
  if (store !== undefined) {
    if (completed.length > 0) {
      try {
        await storeCall("complete", () => store.complete(completed, owner));
      } catch (error) {
        unrecorded = { error };
        releaseLater(completed, 500);
      }
    }
    if (released.length > 0) {
      try {
        await storeCall("release", () => store.release(released, owner));
      } catch (error) {
        report(new DeliveryError("DEDUPE_FAILED", 500, "the dedupe store failed to release keys", error));
      }
    }
  }
  if (done.error !== undefined) {
    const detail = plan.exposeErrors ? errorText(done.error) : "the notifications could not be processed";
    return failed(new DeliveryError("HANDLER_FAILED", 500, detail, done.error));
  }
  if (unrecorded !== undefined) {
    return failed(
      new DeliveryError(
        "DEDUPE_FAILED",
        500,
        "the dedupe store failed to record the processed notifications; not acknowledged, so Salesforce retries",
        unrecorded.error,
      ),
    );
  }
  if (busy !== undefined) {
    const id = busy.slice(busy.indexOf(":") + 1);
    return failed(
      new DeliveryError("NOTIFICATION_BUSY", 503, `notification ${id} is being processed by another delivery; retry later`),
    );
  }
  return { acked: true };
}

/** A store's answer is trusted only when it is what the contract says: anything else is a failure. */
function checkClaims(claims: unknown, count: number): void {
  if (!Array.isArray(claims) || claims.length !== count || !claims.every(isClaimResult)) {
    const shown = JSON.stringify(claims)?.slice(0, 80) ?? String(claims);
    throw new TypeError(`claim answered ${shown}; expected an array of ${count} of "claimed", "duplicate" or "busy"`);
  }
}

/** `work()`, or a rejection once `ms` passed without it settling. */
export async function withinTime<T>(work: () => Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A token unique to one delivery or worker, to tell claim and lease owners apart; not a secret. */
export function uniqueToken(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

function failed(error: DeliveryError): DeliveryOutcome {
  return { acked: false, error };
}

/** What a thrown value says: an Error's message, anything else as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
