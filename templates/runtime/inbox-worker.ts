import { errorText, uniqueToken } from "./delivery.js";

// The worker loop of an inbox, independent of the database: claim due items up to the
// concurrency, run the user code, mark each done or failed, renew the leases of the items in
// flight so that a slow item is not taken over while its worker lives.

/** What the user code learns about an inbox item besides the notification. */
export interface InboxContext {
  readonly OrganizationId: string;
  readonly ActionId: string;
  readonly SessionId: string | null;
  readonly EnterpriseUrl: string;
  readonly PartnerUrl: string;
  /** 1 on the first run; more after failures and after a crashed worker's lease ended. */
  readonly attempt: number;
  /** When the handler recorded the message (the database's clock). */
  readonly receivedAt: Date;
  /** The inbox item id (as in `deadLetters()` and `retry(id)`). */
  readonly id: string;
}

export type InboxItemHandler<N> = (notification: N, context: InboxContext) => void | Promise<void>;

export interface WorkOptions {
  /** How many items run at once in this worker (default 1). Items of one record never run at once. */
  readonly concurrency?: number;
  /** How long to wait before looking again when nothing is due (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Called when the database fails or an item's code throws; default console.error for the database only. */
  readonly onError?: (error: unknown, context: InboxContext | undefined) => void;
}

/** A running worker. */
export interface InboxWorker {
  /** Claims nothing more and resolves once the items in flight are finished and recorded. */
  stop(): Promise<void>;
}

/** An item a worker holds: the notification is revived when it runs. */
export interface ClaimedItem<N> {
  readonly id: string;
  readonly notification: () => N;
  readonly context: InboxContext;
}

/** The operations a worker needs from an inbox's storage. */
export interface InboxQueue<N> {
  readonly leaseMs: number;
  claim(limit: number, owner: string): Promise<readonly ClaimedItem<N>[]>;
  /** Marks items done; one call for the items that finished while the previous call ran. */
  complete(ids: readonly string[], owner: string): Promise<void>;
  fail(id: string, owner: string, error: string): Promise<void>;
  extend(ids: readonly string[], owner: string): Promise<void>;
}

const MAX_ERROR_LENGTH = 10_000;

function wholeOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`inbox.work: ${name} must be a whole number ≥ 1, got ${String(value)}`);
  return value;
}

/** The error as kept in the inbox: its message (or its text), bounded. */
export function errorMessage(error: unknown): string {
  const text = errorText(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/**
 * Hands ids to `flush` in batches: the first at once, the ones that come while a flush runs
 * together in the next. Under load one statement marks many items done.
 */
function batched(flush: (ids: readonly string[]) => Promise<void>): (id: string) => Promise<void> {
  let waiting: { readonly id: string; readonly settle: (error?: { error: unknown }) => void }[] = [];
  let flushing = false;
  const drain = async (): Promise<void> => {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      let failure: { error: unknown } | undefined;
      try {
        await flush(batch.map((item) => item.id));
      } catch (error) {
        failure = { error };
      }
      for (const item of batch) item.settle(failure);
    }
    flushing = false;
  };
  return (id) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, settle: (failure) => (failure === undefined ? resolve() : reject(failure.error)) });
      if (!flushing) void drain();
    });
}

export function startInboxWorker<N>(queue: InboxQueue<N>, onNotification: InboxItemHandler<N>, options: WorkOptions = {}): InboxWorker {
  if (typeof onNotification !== "function") throw new TypeError("inbox.work: onNotification must be a function");
  const concurrency = wholeOption(options.concurrency, 1, "concurrency");
  const pollIntervalMs = wholeOption(options.pollIntervalMs, 500, "pollIntervalMs");
  const owner = uniqueToken();
  const complete = batched((ids) => queue.complete(ids, owner));
  const inFlight = new Map<string, Promise<void>>();
  let stopping = false;
  let wake: (() => void) | undefined;
  const nap = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const report = (error: unknown, context: InboxContext | undefined): void => {
    try {
      if (options.onError !== undefined) options.onError(error, context);
      else if (context === undefined) console.error("[outbound inbox]", error);
    } catch {
      // A failing logger must not stop the worker.
    }
  };

  const run = async (item: ClaimedItem<N>): Promise<void> => {
    let failure: { error: unknown } | undefined;
    try {
      await onNotification(item.notification(), item.context);
    } catch (error) {
      failure = { error };
      report(error, item.context);
    }
    try {
      // If this fails, the item stays claimed and runs again once its lease ends: at least once.
      if (failure === undefined) await complete(item.id);
      else await queue.fail(item.id, owner, errorMessage(failure.error));
    } catch (error) {
      report(error, undefined);
    }
  };

  const start = (item: ClaimedItem<N>): void => {
    const running = run(item).finally(() => {
      inFlight.delete(item.id);
      wake?.();
    });
    inFlight.set(item.id, running);
  };

  // Leases are renewed at a third of their length, so two renewals may fail before one ends.
  const renewal = setInterval(() => {
    if (inFlight.size > 0) queue.extend([...inFlight.keys()], owner).catch((error: unknown) => report(error, undefined));
  }, Math.max(1, Math.floor(queue.leaseMs / 3)));

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const free = concurrency - inFlight.size;
      // Full: wait for an item to finish (it wakes the nap).
      if (free === 0) {
        await nap(pollIntervalMs);
        continue;
      }
      let claimed = 0;
      try {
        const items = await queue.claim(free, owner);
        claimed = items.length;
        for (const item of items) start(item);
      } catch (error) {
        report(error, undefined);
      }
      // Nothing due: look again after the interval, or sooner when an item finishes, which may
      // make its record's next item due.
      if (claimed === 0 && !stopping) await nap(pollIntervalMs);
    }
    while (inFlight.size > 0) await Promise.all(inFlight.values());
  };
  const finished = loop().finally(() => clearInterval(renewal));

  return {
    stop() {
      stopping = true;
      wake?.();
      return finished;
    },
  };
}
