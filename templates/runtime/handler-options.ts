import type { DedupeStore } from "./dedupe.js";
import type { NotificationsOf } from "./types.js";

/** One notification of message type `M`. */
export type NotificationOfMessage<M extends NotificationsOf<unknown>> = M["Notification"][number];

/** Request headers with lower-case names. */
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
  | "UNSUPPORTED_MEDIA_TYPE"
  | "BODY_TOO_LARGE"
  | "INVALID_MESSAGE"
  | "ORGANIZATION_NOT_ALLOWED"
  | "NOTIFICATION_BUSY"
  | "DEDUPE_FAILED"
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

interface CommonOptions<M extends NotificationsOf<unknown>> {
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
  /** Called for every request not acknowledged and every failure after an Ack. Default: console.error. */
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
    }
  | {
      /** Receives each notification not processed before; the message is acknowledged when all resolved. */
      readonly onNotification: (notification: NotificationOfMessage<M>, context: DeliveryContext<M>) => MaybePromise<void>;
      /** How many notifications run at once (default 1: one after another, in message order). */
      readonly concurrency?: number;
      readonly onNotifications?: undefined;
    };

export type HandlerOptions<M extends NotificationsOf<unknown>> = CommonOptions<M> &
  OrganizationOptions &
  ProcessingOptions<M>;

const ORGANIZATION_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** Validated options with defaults applied. */
export interface ResolvedOptions<M extends NotificationsOf<unknown>> {
  /** First 15 characters of each accepted id; undefined when any organization is accepted. */
  readonly organizations: readonly string[] | undefined;
  readonly maxBodyBytes: number;
  readonly concurrency: number;
  readonly serveWsdl: boolean;
  readonly exposeErrors: boolean;
  readonly options: HandlerOptions<M>;
}

function fail(message: string): never {
  throw new TypeError(`outbound handler: ${message}`);
}

/** Checks options when the handler is created, so mistakes surface at start-up, not at the first delivery. */
export function resolveOptions<M extends NotificationsOf<unknown>>(options: HandlerOptions<M>): ResolvedOptions<M> {
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const { organizationId, allowAnyOrganization, onNotifications, onNotification, concurrency } = options;
  let organizations: string[] | undefined;
  if (allowAnyOrganization === true) {
    if (organizationId !== undefined) fail("give either organizationId or allowAnyOrganization: true, not both");
  } else {
    if (organizationId === undefined) {
      fail("organizationId is required (your org's 15- or 18-character id); to accept every org, set allowAnyOrganization: true");
    }
    const ids: readonly unknown[] = typeof organizationId === "string" ? [organizationId] : organizationId;
    if (!Array.isArray(ids) || ids.length === 0) fail("organizationId must be an id or a non-empty list of ids");
    organizations = ids.map((id) => {
      if (typeof id !== "string" || !ORGANIZATION_ID.test(id)) {
        fail(`organizationId must be a 15- or 18-character Salesforce id, got ${JSON.stringify(id)}`);
      }
      return id.slice(0, 15);
    });
  }
  if ((typeof onNotifications === "function") === (typeof onNotification === "function")) {
    fail("give exactly one of onNotifications(notifications, context) or onNotification(notification, context)");
  }
  if (concurrency !== undefined && (onNotification === undefined || !Number.isInteger(concurrency) || concurrency < 1)) {
    fail("concurrency must be a whole number ≥ 1, used with onNotification");
  }
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) fail("maxBodyBytes must be a whole number ≥ 1");
  const dedupe: unknown = options.dedupe;
  if (dedupe !== undefined && typeof dedupe !== "boolean" && !isDedupeStore(dedupe)) {
    fail("dedupe must be true, false or a store with claim(keys), complete(keys) and release(keys)");
  }
  for (const hook of ["onUnknownFields", "onError"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") fail(`${hook} must be a function`);
  }
  return {
    organizations,
    maxBodyBytes,
    concurrency: concurrency ?? 1,
    serveWsdl: options.serveWsdl ?? true,
    exposeErrors: options.exposeErrors ?? false,
    options,
  };
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
