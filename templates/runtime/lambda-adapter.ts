import type { OutboundHandler, OutboundRequest, OutboundResponse } from "./handler-core.js";
import type {
  AlbEvent,
  ApiGatewayRestEvent,
  HttpApiEvent,
  LambdaHandler,
  LambdaHttpEvent,
  LambdaHttpResult,
  LambdaMultiValues,
  LambdaSingleValues,
} from "./lambda-events.js";

/** Reason phrases for an ALB's `statusDescription`, for every status the core answers. */
const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

type Source = "rest" | "http-api" | "alb";

function sourceOf(event: LambdaHttpEvent): Source {
  if (typeof event !== "object" || event === null) return unknownEvent();
  if (typeof (event as Partial<HttpApiEvent>).rawPath === "string") return "http-api";
  if (typeof (event as Partial<ApiGatewayRestEvent>).httpMethod !== "string") return unknownEvent();
  const context = (event as { readonly requestContext?: { readonly elb?: unknown } }).requestContext;
  return typeof context === "object" && context !== null && context.elb !== undefined ? "alb" : "rest";
}

function unknownEvent(): never {
  // Not an HTTP request at all (a test invocation, an S3 or SQS event): nobody waits for a SOAP answer.
  throw new TypeError(
    "outbound Lambda handler: the event is not an HTTP request from API Gateway, a Function URL or an ALB (it has neither httpMethod nor rawPath)",
  );
}

/**
 * One list of values per name from both forms: REST events carry both (the multi-value one is
 * complete), an ALB one of them, and a hand-made test event may fill either.
 */
function mergeValues(single: LambdaSingleValues | null | undefined, multi: LambdaMultiValues | null | undefined): Map<string, readonly string[]> {
  const merged = new Map<string, readonly string[]>();
  for (const [name, values] of Object.entries(multi ?? {})) if (values !== undefined) merged.set(name, values);
  for (const [name, value] of Object.entries(single ?? {})) if (value !== undefined && !merged.has(name)) merged.set(name, [value]);
  return merged;
}

/** `?a=1&b=2`; `encode` when the source decoded the parameters (API Gateway), not when it kept them raw (ALB). */
function queryOf(parameters: ReadonlyMap<string, readonly string[]>, encode: boolean): string {
  const pairs: string[] = [];
  for (const [name, values] of parameters) {
    for (const value of values) pairs.push(encode ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}` : `${name}=${value}`);
  }
  return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
}

/** Method, URL and headers of the event, whatever source produced it. */
function headOf(event: LambdaHttpEvent, source: Source): Omit<OutboundRequest, "body"> {
  if (source === "http-api") {
    const { rawPath, rawQueryString, headers, requestContext } = event as HttpApiEvent;
    const url = typeof rawQueryString === "string" && rawQueryString !== "" ? `${rawPath}?${rawQueryString}` : rawPath;
    return { method: requestContext.http.method, url, headers: headers ?? {} };
  }
  const { httpMethod, path, headers, multiValueHeaders, queryStringParameters, multiValueQueryStringParameters } =
    event as ApiGatewayRestEvent; // or an AlbEvent, which extends it
  const query = queryOf(mergeValues(queryStringParameters, multiValueQueryStringParameters), source === "rest");
  return { method: httpMethod, url: `${path}${query}`, headers: Object.fromEntries(mergeValues(headers, multiValueHeaders)) };
}

/** How many bytes a base64 text decodes to, without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** The bytes of a base64 text (atob, since the runtime has no Buffer); undefined when it is not base64. */
function decodeBase64(base64: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The core's response in the shape the source expects. */
function resultOf(response: OutboundResponse, event: LambdaHttpEvent, source: Source): LambdaHttpResult {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    // The function does not own the connection; API Gateway would only rename the header.
    if (name !== "connection") headers[name] = value;
  }
  const base = { statusCode: response.status, body: response.body, isBase64Encoded: false } as const;
  if (source !== "alb") return { ...base, headers };
  const statusDescription = `${response.status} ${REASONS[response.status] ?? ""}`.trimEnd();
  const multi = (event as AlbEvent).multiValueHeaders;
  if (multi === null || multi === undefined) return { ...base, statusDescription, headers };
  // With multi-value headers on, the load balancer reads only multiValueHeaders.
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value];
  return { ...base, statusDescription, multiValueHeaders };
}

/**
 * Wraps the core for AWS Lambda behind API Gateway (REST or HTTP API), a Function URL or an ALB.
 * The body is already in the event: base64 bodies are decoded to bytes (so that UTF-8 is checked
 * strictly) once their size is known to fit `maxBodyBytes`. Never rejects for an HTTP event.
 */
export function toLambdaHandler(handler: OutboundHandler): LambdaHandler {
  return async (event) => {
    const source = sourceOf(event);
    const head = headOf(event, source);
    const answer = async (): Promise<OutboundResponse> => {
      const text = event.body ?? "";
      // handle() checks the head (method, content type, declared length) before the body.
      if (event.isBase64Encoded !== true) return handler.handle({ ...head, body: text });
      // A base64 body is measured and decoded here, after the same checks: they answer first.
      const early = handler.precheck(head);
      if (early !== undefined) return early;
      if (decodedLength(text) > handler.maxBodyBytes) return handler.tooLarge();
      const bytes = decodeBase64(text);
      // Only a hand-made event gets here: API Gateway, Function URLs and ALBs encode the body themselves.
      if (bytes === undefined) return handler.undecodable("the event says isBase64Encoded, but its body is not base64");
      return handler.handle({ ...head, body: bytes });
    };
    return resultOf(await answer(), event, source);
  };
}
