import type { RequestHeaders } from "./handler-options.js";
import type { MessageBody } from "./types.js";

// The HTTP side of the endpoint: what is accepted, and the replies' shape.

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

export const XML_TYPES: ReadonlySet<string> = new Set(["text/xml", "application/xml", "application/soap+xml"]);
const XML_CONTENT_TYPE = "text/xml; charset=utf-8";
export const WSDL_QUERY: RegExp = /[?&]wsdl(?:=[^&]*)?(?:&|$)/i;
/** Seconds Salesforce is asked to wait after a 503 for load; it retries on its own schedule anyway. */
export const RETRY_AFTER_SECONDS: string = "5";

/** Lower-case names and one string per header, as `DeliveryContext.headers` promises. */
export function normalizeHeaders(headers: OutboundRequest["headers"]): RequestHeaders {
  const normalized: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    normalized[name.toLowerCase()] = typeof value === "string" || value === undefined ? value : value.join(", ");
  }
  return normalized;
}

export function reply(status: number, body: string, extra?: Record<string, string>): OutboundResponse {
  return { status, headers: { "content-type": XML_CONTENT_TYPE, ...extra }, body };
}

export function byteLength(body: MessageBody): number {
  if (typeof body === "string") return new TextEncoder().encode(body).length;
  if (body instanceof Uint8Array) return body.length;
  let total = 0;
  for (const chunk of body) total += chunk.length;
  return total;
}

/** The Content-Length, when it is a whole number; 0 otherwise (then bytes are counted as they arrive). */
export function declaredLength(headers: RequestHeaders): number {
  const declared = Number(headers["content-length"]);
  return Number.isInteger(declared) && declared > 0 ? declared : 0;
}
