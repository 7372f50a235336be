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

/**
 * A request whose body is being read by an adapter: it counts the bytes against `maxBodyBytes` and
 * `maxInFlightBytes` as they arrive, and times the read. Pass it to `handle` with the body.
 */
export interface BodyReading {
  /** Set when the request is answered without reading its body (method, content type, length, load). */
  readonly early: OutboundResponse | undefined;
  /** Counts `bytes` more of the body; a reply (413, or 503 over `maxInFlightBytes`) when reading must stop. */
  received(bytes: number): OutboundResponse | undefined;
  /** The client went away before its body ended: frees what it held; the 499 reply is for nobody. */
  abandon(): OutboundResponse;
}

/** The framework-neutral endpoint; the Node and Fetch adapters wrap it. */
export interface OutboundHandler {
  /**
   * Answers one request. Never throws: every failure becomes a SOAP Fault with a fitting status.
   * Adapters that read the body pass the `BodyReading` they got from `begin`.
   */
  handle(request: OutboundRequest, reading?: BodyReading): Promise<OutboundResponse>;
  /** Starts a request from its head: answers it at once (`early`) or counts its body as it is read. */
  begin(request: Omit<OutboundRequest, "body">): BodyReading;
  /** The answer that can be given before reading the body (method, content type, declared length), if any. */
  precheck(request: Omit<OutboundRequest, "body">): OutboundResponse | undefined;
  /** The reply for a body found larger than `maxBodyBytes` while reading it. */
  tooLarge(): OutboundResponse;
  /** The reply when a body parser consumed the stream before the handler could read the raw XML. */
  bodyUnavailable(reading?: BodyReading): OutboundResponse;
  /**
   * The reply when the transport's encoding of the body cannot be undone (a Lambda event's base64):
   * a 400 `INVALID_MESSAGE` whose reason is `INVALID_ENCODING`, reported like every rejected request.
   */
  undecodable(detail: string): OutboundResponse;
  readonly maxBodyBytes: number;
  /** Bytes of bodies held right now by requests being read or answered (bounded by `maxInFlightBytes`). */
  readonly bytesInFlight: number;
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
  if (typeof body === "string") return utf8Length(body);
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

/**
 * The bytes of `text` in UTF-8, as `TextEncoder` would write them (a lone surrogate as the 3-byte
 * U+FFFD), counted without encoding it: no array of the whole text per request.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 2 UTF-16 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
