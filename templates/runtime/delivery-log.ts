import type { DeliveryError, DeliveryErrorCode } from "./handler-options.js";

/** Where the default logging goes: `console`, pino, or anything with `warn` and `error`. */
export interface Logger {
  warn(message: string): unknown;
  error(message: string, error?: unknown): unknown;
}

/**
 * What health checks and scanners cause: answered, but not logged by default (an `onError` of
 * your own still sees them). Everything about real deliveries is logged.
 */
const PROBE_NOISE: ReadonlySet<DeliveryErrorCode> = new Set<DeliveryErrorCode>([
  "METHOD_NOT_ALLOWED",
  "UNSUPPORTED_MEDIA_TYPE",
  "WSDL_NOT_FOUND",
  "REQUEST_ABORTED",
]);

/** Failures of your code (handlers and hooks): the only ones logged with their stack. */
const USER_CODE_FAILURES: ReadonlySet<DeliveryErrorCode> = new Set<DeliveryErrorCode>(["HANDLER_FAILED", "REPORT_FAILED"]);

/**
 * The default logging: one line per request not acknowledged (status, code, org prefix, and the
 * message, which for a parser error carries its code and element path), warn for the client's
 * faults, error for ours; a stack only when your code failed.
 */
export function logDeliveryError(logger: Logger, error: DeliveryError, organizationId: string | undefined): void {
  if (PROBE_NOISE.has(error.code)) return;
  const org = organizationId === undefined ? "unknown" : organizationId.slice(0, 15);
  const withStack = USER_CODE_FAILURES.has(error.code) && error.cause !== undefined;
  // A store's error text says what failed (connection refused, timeout); a parser's repeats the message.
  const cause = !withStack && error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : "";
  const line = `[outbound] ${error.status} ${error.code} org ${org}: ${`${error.message}${cause}`.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ")}`;
  if (withStack) logger.error(line, error.cause);
  else if (error.status >= 500) logger.error(line);
  else logger.warn(line);
}
