import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  LambdaFunctionURLEvent,
} from "aws-lambda";
import { fixture } from "../support/fixtures.js";

// AWS's sample events (fixtures/lambda, see SOURCES.md) turned into Salesforce deliveries: only the
// method, path, content type, body and query change; everything else stays as AWS documents it.

export type SourceName = "rest" | "http-api" | "function-url" | "alb" | "alb-multi";

/** One delivery as a test describes it, before it becomes a source's event. */
export interface Delivery {
  readonly method?: string;
  readonly path?: string;
  readonly body?: string | Uint8Array;
  readonly base64?: boolean;
  /** Query parameters as a client would encode them (`wsdl` → `?wsdl`), undefined for none. */
  readonly query?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly contentLength?: number;
}

export const SOURCES: readonly SourceName[] = ["rest", "http-api", "function-url", "alb", "alb-multi"];

export function sample<T>(name: string): T {
  return JSON.parse(fixture(`lambda/${name}`)) as T;
}

function bodyOf(delivery: Delivery): { body: string | null; isBase64Encoded: boolean; length: number } {
  if (delivery.body === undefined) return { body: null, isBase64Encoded: false, length: 0 };
  const bytes = typeof delivery.body === "string" ? new TextEncoder().encode(delivery.body) : delivery.body;
  if (delivery.base64 === true) return { body: Buffer.from(bytes).toString("base64"), isBase64Encoded: true, length: bytes.length };
  return { body: typeof delivery.body === "string" ? delivery.body : new TextDecoder().decode(bytes), isBase64Encoded: false, length: bytes.length };
}

/** Sets a header in every case variant already present (REST samples say `Content-Type`), else lower-case. */
function setHeader(headers: Record<string, string | undefined>, name: string, value: string | undefined): void {
  const existing = Object.keys(headers).filter((key) => key.toLowerCase() === name);
  for (const key of existing.length > 0 ? existing : [name]) {
    if (value === undefined) delete headers[key];
    else headers[key] = value;
  }
}

function setMultiHeader(headers: Record<string, string[] | undefined>, name: string, value: string | undefined): void {
  const existing = Object.keys(headers).filter((key) => key.toLowerCase() === name);
  for (const key of existing.length > 0 ? existing : [name]) {
    if (value === undefined) delete headers[key];
    else headers[key] = [value];
  }
}

function deliveryHeaders(delivery: Delivery, length: number): Record<string, string | undefined> {
  const contentLength = delivery.contentLength ?? (delivery.body === undefined ? undefined : length);
  return {
    "content-type": delivery.body === undefined ? undefined : (delivery.contentType ?? "text/xml; charset=UTF-8"),
    soapaction: delivery.body === undefined ? undefined : '""',
    "content-length": contentLength === undefined ? undefined : String(contentLength),
  };
}

function restEvent(delivery: Delivery): APIGatewayProxyEvent {
  const event = sample<APIGatewayProxyEvent>("apigw-request.json");
  const { body, isBase64Encoded, length } = bodyOf(delivery);
  for (const [name, value] of Object.entries(deliveryHeaders(delivery, length))) {
    setHeader(event.headers, name, value);
    setMultiHeader(event.multiValueHeaders, name, value);
  }
  const query = delivery.query;
  event.queryStringParameters = query === undefined ? null : { ...query };
  event.multiValueQueryStringParameters =
    query === undefined ? null : Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]]));
  return { ...event, httpMethod: delivery.method ?? "POST", path: delivery.path ?? "/salesforce/opportunity", body, isBase64Encoded };
}

/** The query's name/value pairs percent-encoded, as a client sends them. */
function encodedPairs(query: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(query ?? {}).map(([name, value]) => [encodeURIComponent(name), encodeURIComponent(value)]);
}

function rawQuery(query: Readonly<Record<string, string>> | undefined): string {
  return encodedPairs(query)
    .map(([name, value]) => (value === "" ? name : `${name}=${value}`))
    .join("&");
}

function payloadV2Event(file: string, delivery: Delivery): APIGatewayProxyEventV2 {
  const event = sample<APIGatewayProxyEventV2>(file);
  const { body, isBase64Encoded, length } = bodyOf(delivery);
  for (const [name, value] of Object.entries(deliveryHeaders(delivery, length))) setHeader(event.headers, name, value);
  const path = delivery.path ?? "/salesforce/opportunity";
  const method = delivery.method ?? "POST";
  const result: APIGatewayProxyEventV2 = {
    ...event,
    rawPath: path,
    rawQueryString: rawQuery(delivery.query),
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method, path } },
    isBase64Encoded,
  };
  if (delivery.query === undefined) delete result.queryStringParameters;
  else result.queryStringParameters = { ...delivery.query };
  if (body === null) delete result.body;
  else result.body = body;
  return result;
}

function albEvent(file: string, delivery: Delivery): ALBEvent {
  const event = sample<ALBEvent>(file);
  const { body, isBase64Encoded, length } = bodyOf(delivery);
  // The load balancer passes the query as the client encoded it.
  const pairs = encodedPairs(delivery.query);
  if (event.multiValueHeaders !== undefined) {
    for (const [name, value] of Object.entries(deliveryHeaders(delivery, length))) setMultiHeader(event.multiValueHeaders, name, value);
    event.multiValueQueryStringParameters = Object.fromEntries(pairs.map(([name, value]) => [name, [value]]));
  } else {
    for (const [name, value] of Object.entries(deliveryHeaders(delivery, length))) setHeader(event.headers ?? {}, name, value);
    event.queryStringParameters = Object.fromEntries(pairs);
  }
  return { ...event, httpMethod: delivery.method ?? "POST", path: delivery.path ?? "/salesforce/opportunity", body: body ?? "", isBase64Encoded };
}

/** The delivery as the event of one source. */
export function eventFor(source: SourceName, delivery: Delivery): APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent {
  switch (source) {
    case "rest":
      return restEvent(delivery);
    case "http-api":
      return payloadV2Event("apigw-v2-request-no-authorizer.json", delivery);
    case "function-url":
      return payloadV2Event("lambda-urls-request.json", delivery);
    case "alb":
      return albEvent("alb-lambda-target-request-headers-only.json", delivery);
    case "alb-multi":
      return albEvent("alb-lambda-target-request-multivalue-headers.json", delivery);
  }
}

export type ContractName = "rest" | "payload-v2" | "alb";

/** The contract each source's result follows (HTTP API and Function URLs share payload 2.0). */
export const CONTRACT_OF: Readonly<Record<SourceName, ContractName>> = {
  rest: "rest",
  "http-api": "payload-v2",
  "function-url": "payload-v2",
  alb: "alb",
  "alb-multi": "alb",
};

/** AWS's sample result of each contract. */
export const SAMPLE_RESULTS: Readonly<Record<ContractName, object>> = {
  rest: sample<APIGatewayProxyResult>("apigw-response.json"),
  "payload-v2": sample<APIGatewayProxyStructuredResultV2>("lambda-urls-response.json"),
  alb: sample<ALBResult>("alb-lambda-target-response.json"),
};
