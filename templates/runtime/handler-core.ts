import { deliver } from "./delivery.js";
import { OutboundMessageError } from "./errors.js";
import {
  DeliveryError,
  resolveCommon,
  resolveProcessing,
  type DeliveryContext,
  type HandlerOptions,
  type Processing,
  type RequestHeaders,
  type ResolvedCommon,
} from "./handler-options.js";
import { recordDelivery } from "./inbox.js";
import { ACK_TRUE, faultResponse } from "./soap.js";
import type { MessageBody, NotificationsOf, SObjectBase } from "./types.js";

/** An HTTP request as the core sees it, whatever server produced it. */
export interface OutboundRequest {
  readonly method: string;
  /** Path and query (`/hook?wsdl`) or an absolute URL. */
  readonly url: string;
  /** Headers as node:http, Fastify or a Fetch `Headers` object give them; names in any case. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body: text, bytes, or the chunks it arrived in; bytes are decoded as strict UTF-8. */
  readonly body: MessageBody;
}

/** The reply to send. The body is always SOAP XML (or the WSDL), never HTML. */
export interface OutboundResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a generated single-message package binds to the core: its parser and the WSDL it came from. */
export interface MessageBinding<M> {
  readonly parse: (body: MessageBody) => M;
  readonly wsdl: string;
}

/** What an endpoint needs besides the options: how to parse, which WSDL to serve, whose code runs. */
export interface EndpointBinding<M extends NotificationsOf<SObjectBase>> {
  readonly parse: (body: MessageBody) => M;
  /** The WSDL asked for by a `GET …?wsdl[=name]` URL, or an explanation when there is none. */
  readonly wsdlFor: (url: string) => { readonly wsdl: string } | { readonly missing: string };
  /** The user code for a parsed message (a router picks it by the message's route). */
  readonly processingFor: (message: M) => Processing<M>;
}

/** The framework-neutral endpoint; the Node and Fetch adapters wrap it. */
export interface OutboundHandler {
  /** Answers one request. Never throws: every failure becomes a SOAP Fault with a fitting status. */
  handle(request: OutboundRequest): Promise<OutboundResponse>;
  /** The answer that can be given before reading the body (method, content type, declared length), if any. */
  precheck(request: Omit<OutboundRequest, "body">): OutboundResponse | undefined;
  /** The reply for a body found larger than `maxBodyBytes` while reading it. */
  tooLarge(): OutboundResponse;
  /** The reply when a body parser consumed the stream before the handler could read the raw XML. */
  bodyUnavailable(): OutboundResponse;
  readonly maxBodyBytes: number;
}

const XML_TYPES = new Set(["text/xml", "application/xml", "application/soap+xml"]);
/**
 * What health checks and scanners cause: answered, but not logged by default (an `onError` of
 * your own still sees them). Everything about real deliveries is logged.
 */
const PROBE_NOISE: ReadonlySet<string> = new Set(["METHOD_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE", "WSDL_NOT_FOUND"]);
const XML_CONTENT_TYPE = "text/xml; charset=utf-8";
const WSDL_QUERY = /[?&]wsdl(?:=[^&]*)?(?:&|$)/i;

/** Lower-case names and one string per header, as `DeliveryContext.headers` promises. */
function normalizeHeaders(headers: OutboundRequest["headers"]): RequestHeaders {
  const normalized: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    normalized[name.toLowerCase()] = typeof value === "string" || value === undefined ? value : value.join(", ");
  }
  return normalized;
}

function reply(status: number, body: string, extra?: Record<string, string>): OutboundResponse {
  return { status, headers: { "content-type": XML_CONTENT_TYPE, ...extra }, body };
}

/** Compares the first 15 characters in time independent of where they differ. */
function sameOrganization(expected15: string, actual: string): boolean {
  let difference = actual.length >= 15 ? 0 : 1;
  for (let i = 0; i < 15; i++) difference |= expected15.charCodeAt(i) ^ (actual.charCodeAt(i) | 0);
  return difference === 0;
}

function byteLength(body: MessageBody): number {
  if (typeof body === "string") return new TextEncoder().encode(body).length;
  if (body instanceof Uint8Array) return body.length;
  let total = 0;
  for (const chunk of body) total += chunk.length;
  return total;
}

/** The endpoint of one generated outbound message. */
export function createOutboundHandler<M extends NotificationsOf<SObjectBase>>(
  options: HandlerOptions<M>,
  binding: MessageBinding<M>,
): OutboundHandler {
  const common = resolveCommon(options);
  const processing = resolveProcessing(options);
  return createEndpoint(common, {
    parse: binding.parse,
    wsdlFor: () => ({ wsdl: binding.wsdl }),
    processingFor: () => processing,
  });
}

/** The request → response logic shared by single-message handlers and routers. */
export function createEndpoint<M extends NotificationsOf<SObjectBase>>(
  common: ResolvedCommon<M>,
  binding: EndpointBinding<M>,
): OutboundHandler {
  const warnedFields = new Set<string>();

  const report = (error: DeliveryError, context?: DeliveryContext<M>): void => {
    try {
      if (common.onError !== undefined) common.onError(error, context);
      else if (!PROBE_NOISE.has(error.code)) {
        console.error(`[outbound] ${error.status} ${error.code}: ${error.message}`, error.cause ?? "");
      }
    } catch {
      // A failing logger must not change the answer to Salesforce.
    }
  };

  const reject = (
    code: DeliveryError["code"],
    status: number,
    text: string,
    extra?: { headers?: Record<string, string>; context?: DeliveryContext<M>; cause?: unknown },
  ): OutboundResponse => {
    report(new DeliveryError(code, status, text, extra?.cause), extra?.context);
    return reply(status, faultResponse(status >= 500 ? "Server" : "Client", text), extra?.headers);
  };

  const tooLarge = (): OutboundResponse =>
    reject("BODY_TOO_LARGE", 413, `the message is larger than ${common.maxBodyBytes} bytes`, { headers: { connection: "close" } });

  const precheck = (request: Omit<OutboundRequest, "body">): OutboundResponse | undefined => {
    const method = request.method.toUpperCase();
    if (method === "GET" && common.serveWsdl && WSDL_QUERY.test(request.url)) {
      const found = binding.wsdlFor(request.url);
      return "wsdl" in found ? reply(200, found.wsdl) : reject("WSDL_NOT_FOUND", 404, found.missing);
    }
    if (method !== "POST") {
      return reject("METHOD_NOT_ALLOWED", 405, `method ${method} is not allowed; Salesforce POSTs notifications`, {
        headers: { allow: "POST" },
      });
    }
    const headers = normalizeHeaders(request.headers);
    const mediaType = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!XML_TYPES.has(mediaType)) {
      return reject("UNSUPPORTED_MEDIA_TYPE", 415, `content type ${JSON.stringify(mediaType)} is not accepted; send text/xml`);
    }
    if (Number(headers["content-length"]) > common.maxBodyBytes) return tooLarge();
    return undefined;
  };

  const reportUnknownFields = (message: M, context: DeliveryContext<M>): void => {
    const names = new Set<string>();
    for (const notification of message.Notification) {
      const unknown = notification.sObject.unknownFields;
      if (unknown !== undefined) for (const name of Object.keys(unknown)) names.add(name);
    }
    if (names.size === 0) return;
    const fields = [...names].sort();
    try {
      if (common.onUnknownFields !== undefined) common.onUnknownFields(fields, context);
      else {
        const fresh = fields.filter((name) => !warnedFields.has(name));
        for (const name of fresh) warnedFields.add(name);
        if (fresh.length > 0) console.warn(`[outbound] fields not in the WSDL (regenerate the package): ${fresh.join(", ")}`);
      }
    } catch (error) {
      report(new DeliveryError("REPORT_FAILED", 200, "onUnknownFields threw", error), context);
    }
  };

  const answer = async (request: OutboundRequest): Promise<OutboundResponse> => {
    const early = precheck(request);
    if (early !== undefined) return early;
    if (byteLength(request.body) > common.maxBodyBytes) return tooLarge();
    let message: M;
    try {
      message = binding.parse(request.body);
    } catch (error) {
      if (error instanceof OutboundMessageError) return reject("INVALID_MESSAGE", 400, error.message, { cause: error });
      return reject("HANDLER_FAILED", 500, "the message could not be parsed", { cause: error });
    }
    const context: DeliveryContext<M> = {
      OrganizationId: message.OrganizationId,
      ActionId: message.ActionId,
      SessionId: message.SessionId,
      EnterpriseUrl: message.EnterpriseUrl,
      PartnerUrl: message.PartnerUrl,
      headers: normalizeHeaders(request.headers),
      message,
    };
    if (common.organizations !== undefined) {
      let accepted = false;
      for (const id of common.organizations) accepted = sameOrganization(id, message.OrganizationId) || accepted;
      if (!accepted) {
        return reject("ORGANIZATION_NOT_ALLOWED", 403, "this endpoint does not accept messages from this organization", { context });
      }
    }
    reportUnknownFields(message, context);
    const processing = binding.processingFor(message);
    const outcome =
      processing.inbox !== undefined
        ? await recordDelivery(message, processing.inbox)
        : await deliver(message, context, processing, common.store, common.exposeErrors, (error) => report(error, context));
    if (outcome.acked) return reply(200, ACK_TRUE);
    report(outcome.error, context);
    return reply(outcome.error.status, faultResponse("Server", outcome.error.message));
  };

  const handle = async (request: OutboundRequest): Promise<OutboundResponse> => {
    try {
      return await answer(request);
    } catch (error) {
      // Only a bug gets here; it still must not reach Salesforce as HTML or a dropped socket.
      return reject("HANDLER_FAILED", 500, "the notifications could not be processed", { cause: error });
    }
  };

  const bodyUnavailable = (): OutboundResponse =>
    reject(
      "HANDLER_FAILED",
      500,
      "the request body was consumed by a body parser before the handler; mount the handler before it or use a raw body parser",
    );

  return { handle, precheck, tooLarge, bodyUnavailable, maxBodyBytes: common.maxBodyBytes };
}
