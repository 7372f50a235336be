// Structural types of the AWS Lambda events and results the Lambda adapter handles, so the package
// needs no @types/aws-lambda: the official APIGatewayProxyEvent, APIGatewayProxyEventV2,
// LambdaFunctionURLEvent, ALBEvent and Context fit them, and LambdaHttpResult fits each source's
// result type (test/lambda checks both directions against @types/aws-lambda).

/** Header or query values by name, as the event carries them; any entry may be missing. */
export type LambdaSingleValues = Readonly<Record<string, string | undefined>>;
/** The same with every value of a repeated name. */
export type LambdaMultiValues = Readonly<Record<string, readonly string[] | undefined>>;

/** API Gateway REST API proxy integration (payload 1.0, also HTTP APIs set to payload 1.0). */
export interface ApiGatewayRestEvent {
  readonly httpMethod: string;
  /** The resource path, without the query; query parameters arrive decoded. */
  readonly path: string;
  readonly headers?: LambdaSingleValues | null | undefined;
  readonly multiValueHeaders?: LambdaMultiValues | null | undefined;
  readonly queryStringParameters?: LambdaSingleValues | null | undefined;
  readonly multiValueQueryStringParameters?: LambdaMultiValues | null | undefined;
  readonly body?: string | null | undefined;
  readonly isBase64Encoded?: boolean | undefined;
}

/** HTTP API payload 2.0 and Lambda Function URLs (the same format). */
export interface HttpApiEvent {
  readonly version: string;
  readonly rawPath: string;
  /** The query as the client sent it, still percent-encoded; "" when there is none. */
  readonly rawQueryString: string;
  /** Lower-case names; repeated headers joined with ",". */
  readonly headers?: LambdaSingleValues | null | undefined;
  readonly requestContext: { readonly http: { readonly method: string } };
  readonly body?: string | null | undefined;
  readonly isBase64Encoded?: boolean | undefined;
}

/**
 * Application Load Balancer target group: the fields of a REST event plus `requestContext.elb`. It
 * sends `headers` and `queryStringParameters`, or, with the target group's multi-value headers
 * attribute on, only the `multiValue…` forms; query parameters arrive as the client encoded them.
 */
export interface AlbEvent extends ApiGatewayRestEvent {
  readonly requestContext: { readonly elb: { readonly targetGroupArn: string } };
}

/** Any event the Lambda adapter answers. */
export type LambdaHttpEvent = ApiGatewayRestEvent | HttpApiEvent | AlbEvent;

/**
 * The Lambda context. The adapter does not need it; it is typed so that the handler has Lambda's
 * `(event, context)` signature and AWS's `Context` fits.
 */
export interface LambdaContext {
  readonly awsRequestId?: string | undefined;
  readonly functionName?: string | undefined;
  getRemainingTimeInMillis?(): number;
}

/**
 * What each source expects back: `statusCode`, text `body`, `isBase64Encoded: false`, and
 * `headers`, or for an ALB with multi-value headers on, `multiValueHeaders`; an ALB also gets
 * `statusDescription` ("200 OK").
 */
export interface LambdaHttpResult {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: false;
}

/** A Lambda function handler: `export const handler = createLambdaHandler({ … })`. */
export type LambdaHandler = (event: LambdaHttpEvent, context?: LambdaContext) => Promise<LambdaHttpResult>;
