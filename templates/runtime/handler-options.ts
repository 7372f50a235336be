import { MemoryDedupeStore, type DedupeStore } from "./dedupe.js";
import type { DeliveryEvent } from "./delivery-event.js";
import type { Logger } from "./delivery-log.js";
import { isNotificationInbox, type NotificationInbox } from "./inbox.js";
import { checkOptionNames, COMMON_OPTION_NAMES, optionError } from "./option-names.js";
import type { NonEmptyArray, NotificationsOf } from "./types.js";

/** One notification of message type `M`. */
export type NotificationOfMessage<M extends NotificationsOf<unknown>> = M["Notification"][number];

/** Request headers with lower-case names, repeated headers joined with ", ". */
export type RequestHeaders = Readonly<Record<string, string | undefined>>;

/** What user code learns about the delivery besides the notifications themselves. */
export interface DeliveryContext<M extends NotificationsOf<unknown>> {
  readonly OrganizationId: string;
  readonly ActionId: string;
  readonly SessionId: string | null;
  readonly EnterpriseUrl: string;
  readonly PartnerUrl: string;
  readonly headers: RequestHeaders;
  /** The whole parsed message, duplicates included. */
  readonly message: M;
}

/** Why a request was not acknowledged; passed to `onError`. */
export type DeliveryErrorCode =
  | "METHOD_NOT_ALLOWED"
  | "WSDL_NOT_FOUND"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "BODY_TOO_LARGE"
  | "OVERLOADED"
  | "REQUEST_ABORTED"
  | "INVALID_MESSAGE"
  | "ORGANIZATION_NOT_ALLOWED"
  | "NOTIFICATION_BUSY"
  | "DEDUPE_FAILED"
  | "INBOX_FAILED"
  | "HANDLER_FAILED"
  | "REPORT_FAILED";

/** A request the handler answered with something other than Ack true, or a side failure worth logging. */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  readonly code: DeliveryErrorCode;
  /** The HTTP status sent (200 for side failures after a successful Ack). */
  readonly status: number;

  constructor(code: DeliveryErrorCode, status: number, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.status = status;
  }
}

type MaybePromise<T> = T | Promise<T>;

/** Options of every endpoint, single-message or router. */
export interface CommonOptions<M extends NotificationsOf<unknown>> {
  /**
   * Deduplication on (OrganizationId, Notification Id). Default `true`: an in-memory store that
   * remembers completed notifications for 24 hours. `false` turns it off; a `DedupeStore`
   * shares the memory between replicas.
   */
  readonly dedupe?: boolean | DedupeStore;
  /** Larger bodies get 413 without being read to the end (default 10 MiB). */
  readonly maxBodyBytes?: number;
  /**
   * The most bytes of bodies held at once by the requests this endpoint is reading or answering
   * (default 64 MiB, at least `maxBodyBytes`): a request beyond it gets 503 with Retry-After.
   */
  readonly maxInFlightBytes?: number;
  /**
   * How long a dedupe store's claim, complete or release, or an inbox's record, may take before the
   * request gets a 500 Fault (default 10 s; Salesforce gives up after 60 s).
   */
  readonly storeTimeoutMs?: number;
  /**
   * Called with the names of sObject fields that Salesforce sent but the WSDL lacks (the package
   * should be regenerated). Default: one console warning per field name.
   */
  readonly onUnknownFields?: (fields: readonly string[], context: DeliveryContext<M>) => void;
  /**
   * Called for every request not acknowledged and every failure after an Ack. Default:
   * console.error, except for wrong methods and content types (health checks and scanners).
   */
  readonly onError?: (error: DeliveryError, context: DeliveryContext<M> | undefined) => void;
  /** Called once per request when it is answered, with its outcome, counts and timings (metrics, traces). */
  readonly onDelivery?: (event: DeliveryEvent) => void;
  /** Where the default logging (without `onError`) and the unknown-field warnings go (default `console`). */
  readonly logger?: Logger;
  /** Answer `GET …?wsdl` with the WSDL the package was generated from (default true). */
  readonly serveWsdl?: boolean;
  /** Put the user code's error message into the 500 Fault (default false: a generic text). */
  readonly exposeErrors?: boolean;
}

/** Which organizations may deliver: one or more ids, or every one, spelled out. */
export type OrganizationOptions =
  | { readonly organizationId: string | readonly string[]; readonly allowAnyOrganization?: false }
  | { readonly allowAnyOrganization: true; readonly organizationId?: undefined };

/** User code, per message or per notification. */
export type ProcessingOptions<M extends NotificationsOf<unknown>> =
  | {
      /**
       * Receives the notifications of one message not processed before (in message order) once
       * per delivery. The message is acknowledged only after the returned promise resolves.
       */
      readonly onNotifications: (
        notifications: NonEmptyArray<NotificationOfMessage<M>>,
        context: DeliveryContext<M>,
      ) => MaybePromise<void>;
      readonly onNotification?: undefined;
      readonly concurrency?: undefined;
      readonly inbox?: undefined;
    }
  | {
      /** Receives each notification not processed before; the message is acknowledged when all resolved. */
      readonly onNotification: (notification: NotificationOfMessage<M>, context: DeliveryContext<M>) => MaybePromise<void>;
      /** How many notifications run at once (default 1: one after another, in message order). */
      readonly concurrency?: number;
      readonly onNotifications?: undefined;
      readonly inbox?: undefined;
    }
  | {
      /**
       * Records each message durably (one transaction) and acknowledges it once committed; workers
       * process the notifications later (`inbox.work(…)`). The inbox is the dedupe record.
       */
      readonly inbox: NotificationInbox<M>;
      readonly onNotifications?: undefined;
      readonly onNotification?: undefined;
      readonly concurrency?: undefined;
    };

export type HandlerOptions<M extends NotificationsOf<unknown>> = CommonOptions<M> &
  OrganizationOptions &
  ProcessingOptions<M>;

const ORGANIZATION_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** The options every endpoint shares, validated and with defaults applied. */
export interface ResolvedCommon<M extends NotificationsOf<unknown>> {
  /** First 15 characters of each accepted id; undefined when any organization is accepted. */
  readonly organizations: readonly string[] | undefined;
  readonly maxBodyBytes: number;
  readonly maxInFlightBytes: number;
  readonly storeTimeoutMs: number;
  readonly serveWsdl: boolean;
  readonly exposeErrors: boolean;
  readonly store: DedupeStore | undefined;
  readonly onUnknownFields: CommonOptions<M>["onUnknownFields"];
  readonly onError: CommonOptions<M>["onError"];
  readonly onDelivery: CommonOptions<M>["onDelivery"];
  readonly logger: Logger;
}

/** User code of one message type, validated. */
export interface Processing<M extends NotificationsOf<unknown>> {
  readonly onNotifications?: (
    notifications: NonEmptyArray<NotificationOfMessage<M>>,
    context: DeliveryContext<M>,
  ) => MaybePromise<void>;
  readonly onNotification?: (notification: NotificationOfMessage<M>, context: DeliveryContext<M>) => MaybePromise<void>;
  readonly concurrency: number;
  /** Set instead of user code: the handler records and acknowledges (see inbox.ts). */
  readonly inbox?: NotificationInbox<M>;
}

/** Checks the options shared by single-message handlers and routers; `otherNames` are the caller's own. */
export function resolveCommon<M extends NotificationsOf<unknown>>(
  options: CommonOptions<M> & OrganizationOptions,
  otherNames: readonly string[],
): ResolvedCommon<M> {
  if (typeof options !== "object" || options === null) optionError("options must be an object");
  checkOptionNames(options, [...COMMON_OPTION_NAMES, ...otherNames]);
  const { organizationId, allowAnyOrganization } = options;
  let organizations: string[] | undefined;
  if (allowAnyOrganization === true) {
    if (organizationId !== undefined) optionError("give either organizationId or allowAnyOrganization: true, not both");
  } else {
    if (organizationId === undefined) {
      optionError("organizationId is required (your org's 15- or 18-character id); to accept every org, set allowAnyOrganization: true");
    }
    const ids: readonly unknown[] = typeof organizationId === "string" ? [organizationId] : organizationId;
    if (!Array.isArray(ids) || ids.length === 0) optionError("organizationId must be an id or a non-empty list of ids");
    organizations = ids.map((id) => {
      if (typeof id !== "string" || !ORGANIZATION_ID.test(id)) {
        optionError(`organizationId must be a 15- or 18-character Salesforce id, got ${JSON.stringify(id)}`);
      }
      return id.slice(0, 15);
    });
  }
  const maxBodyBytes = wholeNumber(options.maxBodyBytes, 10 * MIB, 1, "maxBodyBytes");
  const maxInFlightBytes = wholeNumber(options.maxInFlightBytes, Math.max(64 * MIB, maxBodyBytes), maxBodyBytes, "maxInFlightBytes");
  const storeTimeoutMs = wholeNumber(options.storeTimeoutMs, 10_000, 1, "storeTimeoutMs");
  const dedupe: unknown = options.dedupe;
  if (dedupe !== undefined && typeof dedupe !== "boolean" && !isDedupeStore(dedupe)) {
    optionError("dedupe must be true, false or a store with claim(keys), complete(keys) and release(keys)");
  }
  for (const hook of ["onUnknownFields", "onError", "onDelivery"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") optionError(`${hook} must be a function`);
  }
  const logger: Partial<Record<keyof Logger, unknown>> | undefined = options.logger;
  if (logger !== undefined && (typeof logger !== "object" || logger === null || typeof logger.warn !== "function" || typeof logger.error !== "function")) {
    optionError("logger must have warn(message) and error(message, error) methods, like console or pino");
  }
  return {
    organizations,
    maxBodyBytes,
    maxInFlightBytes,
    storeTimeoutMs,
    serveWsdl: options.serveWsdl ?? true,
    exposeErrors: options.exposeErrors ?? false,
    store: dedupe === false ? undefined : isDedupeStore(dedupe) ? dedupe : new MemoryDedupeStore(),
    onUnknownFields: options.onUnknownFields,
    onError: options.onError,
    onDelivery: options.onDelivery,
    logger: options.logger ?? console,
  };
}

const MIB = 1024 * 1024;

/** A whole-number option of at least `min`, or its default. */
function wholeNumber(value: number | undefined, fallback: number, min: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) optionError(`${name} must be a whole number ≥ ${min}`);
  return value;
}

/** Checks the user code of one message type; `where` prefixes messages (a router names the message). */
export function resolveProcessing<M extends NotificationsOf<unknown>>(
  options: ProcessingOptions<M>,
  where = "",
): Processing<M> {
  if (typeof options !== "object" || options === null) optionError(`${where}options must be an object`);
  const { onNotifications, onNotification, concurrency } = options;
  // An inbox takes the place of user code: the handler records, the inbox's workers run the code.
  if (options.inbox !== undefined) {
    if (!isNotificationInbox(options.inbox)) optionError(`${where}inbox must have record(message), e.g. createPostgresInbox(db)`);
    if (onNotifications !== undefined || onNotification !== undefined || concurrency !== undefined) {
      optionError(`${where}give either inbox or onNotifications/onNotification, not both: inbox workers run the code`);
    }
    return { inbox: options.inbox, concurrency: 1 };
  }
  if ((typeof onNotifications === "function") === (typeof onNotification === "function")) {
    optionError(`${where}give exactly one of onNotifications(notifications, context) or onNotification(notification, context)`);
  }
  if (concurrency !== undefined && (onNotification === undefined || !Number.isInteger(concurrency) || concurrency < 1)) {
    optionError(`${where}concurrency must be a whole number ≥ 1, used with onNotification`);
  }
  if (onNotifications !== undefined) return { onNotifications, concurrency: 1 };
  // Checked above: exactly one of the two is a function, and it is not onNotifications.
  return { onNotification: onNotification as NonNullable<Processing<M>["onNotification"]>, concurrency: concurrency ?? 1 };
}

/** Why `dedupe` beside an inbox is refused rather than ignored: it would play no part. */
const INBOX_IS_THE_DEDUPE_RECORD =
  "an inbox records each notification once (per OrganizationId and Notification Id), so it is the dedupe record";

/** A single-message endpoint: `dedupe` and `inbox` together are a mistake. */
export function refuseDedupeBesideInbox(dedupe: unknown): void {
  if (dedupe !== undefined) optionError(`give either inbox or dedupe, not both: ${INBOX_IS_THE_DEDUPE_RECORD}`);
}

/** A router: `dedupe` is a mistake only when every message has an inbox (otherwise it serves the others). */
export function refuseDedupeBesideInboxes(dedupe: unknown, processings: Iterable<Processing<never>>): void {
  for (const processing of processings) if (processing.inbox === undefined) return;
  if (dedupe !== undefined) optionError(`dedupe plays no part when every message has an inbox: ${INBOX_IS_THE_DEDUPE_RECORD}`);
}

function isDedupeStore(value: unknown): value is DedupeStore {
  const store = value as Partial<Record<keyof DedupeStore, unknown>> | null;
  return (
    typeof store === "object" &&
    store !== null &&
    typeof store.claim === "function" &&
    typeof store.complete === "function" &&
    typeof store.release === "function"
  );
}
