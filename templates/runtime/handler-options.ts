import { MemoryDedupeStore, type DedupeStore } from "./dedupe.js";
import { isNotificationInbox, type NotificationInbox } from "./inbox.js";
import type { NotificationsOf } from "./types.js";

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
   * Called with the names of sObject fields that Salesforce sent but the WSDL lacks (the package
   * should be regenerated). Default: one console warning per field name.
   */
  readonly onUnknownFields?: (fields: readonly string[], context: DeliveryContext<M>) => void;
  /**
   * Called for every request not acknowledged and every failure after an Ack. Default:
   * console.error, except for wrong methods and content types (health checks and scanners).
   */
  readonly onError?: (error: DeliveryError, context: DeliveryContext<M> | undefined) => void;
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
        notifications: readonly NotificationOfMessage<M>[],
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
  readonly serveWsdl: boolean;
  readonly exposeErrors: boolean;
  readonly store: DedupeStore | undefined;
  readonly onUnknownFields: CommonOptions<M>["onUnknownFields"];
  readonly onError: CommonOptions<M>["onError"];
}

/** User code of one message type, validated. */
export interface Processing<M extends NotificationsOf<unknown>> {
  readonly onNotifications?: (notifications: readonly NotificationOfMessage<M>[], context: DeliveryContext<M>) => MaybePromise<void>;
  readonly onNotification?: (notification: NotificationOfMessage<M>, context: DeliveryContext<M>) => MaybePromise<void>;
  readonly concurrency: number;
  /** Set instead of user code: the handler records and acknowledges (see inbox.ts). */
  readonly inbox?: NotificationInbox<M>;
}

/** A mistake in the options, reported when the handler is created rather than at the first delivery. */
export function optionError(message: string): never {
  throw new TypeError(`outbound handler: ${message}`);
}

/** Checks the options shared by single-message handlers and routers. */
export function resolveCommon<M extends NotificationsOf<unknown>>(
  options: CommonOptions<M> & OrganizationOptions,
): ResolvedCommon<M> {
  if (typeof options !== "object" || options === null) optionError("options must be an object");
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
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) optionError("maxBodyBytes must be a whole number ≥ 1");
  const dedupe: unknown = options.dedupe;
  if (dedupe !== undefined && typeof dedupe !== "boolean" && !isDedupeStore(dedupe)) {
    optionError("dedupe must be true, false or a store with claim(keys), complete(keys) and release(keys)");
  }
  for (const hook of ["onUnknownFields", "onError"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") optionError(`${hook} must be a function`);
  }
  return {
    organizations,
    maxBodyBytes,
    serveWsdl: options.serveWsdl ?? true,
    exposeErrors: options.exposeErrors ?? false,
    store: dedupe === false ? undefined : isDedupeStore(dedupe) ? dedupe : new MemoryDedupeStore(),
    onUnknownFields: options.onUnknownFields,
    onError: options.onError,
  };
}

/** Checks the user code of one message type; `where` prefixes messages (a router names the message). */
export function resolveProcessing<M extends NotificationsOf<unknown>>(
  options: ProcessingOptions<M>,
  where = "",
): Processing<M> {
  if (typeof options !== "object" || options === null) optionError(`${where}options must be an object`);
  const { onNotifications, onNotification, concurrency } = options;
  // --- inbox (issue 11): an alternative to user code in the handler.
  if (options.inbox !== undefined) {
    if (!isNotificationInbox(options.inbox)) optionError(`${where}inbox must have record(message), e.g. createPostgresInbox(db)`);
    if (onNotifications !== undefined || onNotification !== undefined || concurrency !== undefined) {
      optionError(`${where}give either inbox or onNotifications/onNotification, not both: inbox workers run the code`);
    }
    return { inbox: options.inbox, concurrency: 1 };
  }
  // --- end inbox
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
