import { DeliveryTrace, type DeliveryOutcomeKind } from "./delivery-event.js";
import { logDeliveryError } from "./delivery-log.js";
import { deliver } from "./delivery.js";
import { OutboundMessageError, type OutboundMessageErrorCode } from "./errors.js";
import {
  DeliveryError,
  refuseDedupeBesideInbox,
  resolveCommon,
  resolveProcessing,
  type DeliveryContext,
  type DeliveryErrorCode,
  type HandlerOptions,
  type Processing,
  type ResolvedCommon,
} from "./handler-options.js";
import { InFlightBudget } from "./in-flight.js";
import { recordDelivery } from "./inbox.js";
import { headersOf, RequestReading, type RequestState } from "./request-state.js";
import { PROCESSING_OPTION_NAMES } from "./option-names.js";
import { unknownFieldsReporter } from "./unknown-fields.js";
import { ENVELOPE_ERRORS, sameOrganization, scanOrganizationId } from "./organization-scan.js";
import {
  byteLength,
  declaredLength,
  reply,
  RETRY_AFTER_SECONDS,
  WSDL_QUERY,
  XML_TYPES,
  type BodyReading,
  type OutboundHandler,
  type OutboundRequest,
  type OutboundResponse,
} from "./http-parts.js";
import { ACK_TRUE, faultResponse } from "./soap.js";
import type { MessageBody, NotificationsOf, SObjectBase } from "./types.js";

export type { BodyReading, OutboundHandler, OutboundRequest, OutboundResponse };

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

/** The endpoint of one generated outbound message. */
export function createOutboundHandler<M extends NotificationsOf<SObjectBase>>(
  options: HandlerOptions<M>,
  binding: MessageBinding<M>,
): OutboundHandler {
  const common = resolveCommon(options, PROCESSING_OPTION_NAMES);
  const processing = resolveProcessing(options);
  if (processing.inbox !== undefined) refuseDedupeBesideInbox(options.dedupe);
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
  const budget = new InFlightBudget(common.maxInFlightBytes);
  const owner = {}; // Tells this endpoint's readings from those of others.
  const reportUnknownFields = unknownFieldsReporter<M>(common, (error, context) => report(error, context));

  const report = (error: DeliveryError, context?: DeliveryContext<M>, organizationId?: string): void => {
    try {
      if (common.onError !== undefined) common.onError(error, context);
      else logDeliveryError(common.logger, error, organizationId ?? context?.OrganizationId);
    } catch {
      // A failing logger must not change the answer to Salesforce.
    }
  };

  /** Gives the request's event to `onDelivery`, once; a failing hook changes nothing. No hook: no event is built. */
  const finish = (
    state: RequestState,
    response: OutboundResponse,
    error?: DeliveryError,
    reason?: string,
    outcome?: DeliveryOutcomeKind,
  ): OutboundResponse => {
    state.reservation.release();
    if (common.onDelivery === undefined) return response;
    const event = state.trace.finish(outcome ?? outcomeOf(response.status, error, state.trace), response.status, error?.code, reason);
    if (event !== undefined) {
      try {
        common.onDelivery(event);
      } catch (hookError) {
        report(new DeliveryError("REPORT_FAILED", response.status, "onDelivery threw", hookError));
      }
    }
    return response;
  };

  const reject = (
    state: RequestState,
    code: DeliveryErrorCode,
    status: number,
    text: string,
    extra?: { headers?: Record<string, string>; context?: DeliveryContext<M>; cause?: unknown; reason?: string },
  ): OutboundResponse => {
    const error = new DeliveryError(code, status, text, extra?.cause);
    report(error, extra?.context, state.trace.organizationId);
    return finish(state, reply(status, faultResponse(status >= 500 ? "Server" : "Client", text), extra?.headers), error, extra?.reason);
  };

  const tooLargeFor = (state: RequestState): OutboundResponse =>
    reject(state, "BODY_TOO_LARGE", 413, `the message is larger than ${common.maxBodyBytes} bytes`, { headers: { connection: "close" } });

  const overloaded = (state: RequestState): OutboundResponse =>
    reject(state, "OVERLOADED", 503, `the endpoint is receiving more than ${common.maxInFlightBytes} bytes of messages at once; retry later`, {
      headers: { "retry-after": RETRY_AFTER_SECONDS, connection: "close" },
    });

  // Without `onDelivery` no duration is ever read, so the traces do not read the clock.
  const timed = common.onDelivery !== undefined;
  const newState = (): RequestState => ({
    trace: new DeliveryTrace(timed),
    reservation: budget.reserve(),
    early: undefined,
    rawHeaders: undefined,
    headers: undefined,
  });

  const precheckFor = (state: RequestState, request: Omit<OutboundRequest, "body">): OutboundResponse | undefined => {
    const method = request.method.toUpperCase();
    if (method === "GET" && common.serveWsdl && WSDL_QUERY.test(request.url)) {
      const found = binding.wsdlFor(request.url);
      return "wsdl" in found ? finish(state, reply(200, found.wsdl), undefined, undefined, "wsdl") : reject(state, "WSDL_NOT_FOUND", 404, found.missing);
    }
    if (method !== "POST") {
      return reject(state, "METHOD_NOT_ALLOWED", 405, `method ${method} is not allowed; Salesforce POSTs notifications`, {
        headers: { allow: "POST" },
      });
    }
    const headers = headersOf(state, request.headers);
    const mediaType = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!XML_TYPES.has(mediaType)) {
      return reject(state, "UNSUPPORTED_MEDIA_TYPE", 415, `content type ${JSON.stringify(mediaType)} is not accepted; send text/xml`);
    }
    if (declaredLength(headers) > common.maxBodyBytes) return tooLargeFor(state);
    return undefined;
  };

  const begin = (request: Omit<OutboundRequest, "body">): BodyReading => {
    const state = newState();
    state.early = precheckFor(state, request);
    // A declared length is held up front, so that many requests announcing large bodies cannot all start.
    if (state.early === undefined && !state.reservation.ensure(declaredLength(headersOf(state, request.headers)))) {
      state.early = overloaded(state);
    }
    let total = 0;
    const reading = new RequestReading(
      owner,
      state,
      (bytes) => {
        // A refusal answers the request: later calls (and abandon) give that answer, nothing more.
        if (state.early !== undefined) return state.early;
        total += bytes;
        state.trace.bodyBytes = total;
        if (total > common.maxBodyBytes) state.early = tooLargeFor(state);
        else if (!state.reservation.ensure(total)) state.early = overloaded(state);
        return state.early;
      },
      () => {
        state.early ??= reject(state, "REQUEST_ABORTED", 499, "the client closed the request before its body ended");
        return state.early;
      },
    );
    return reading;
  };

  const accepts = (organizationId: string): boolean => {
    if (common.organizations === undefined) return true;
    let accepted = false;
    for (const id of common.organizations) accepted = sameOrganization(id, organizationId) || accepted;
    return accepted;
  };

  const foreign = (state: RequestState, context?: DeliveryContext<M>): OutboundResponse =>
    reject(state, "ORGANIZATION_NOT_ALLOWED", 403, "this endpoint does not accept messages from this organization", context && { context });

  /**
   * A message the parser refused. Errors about the document as a whole are told to anyone; any
   * other one (object type, action, a value) only once the OrganizationId is known to be accepted,
   * so that a foreign org learns nothing of what the endpoint receives.
   */
  const refuse = (state: RequestState, body: MessageBody, error: OutboundMessageError): OutboundResponse => {
    let judged = error;
    if (!ENVELOPE_ERRORS.has(error.code)) {
      try {
        state.trace.organizationId = scanOrganizationId(body);
      } catch (scanError) {
        if (!(scanError instanceof OutboundMessageError)) throw scanError;
        judged = scanError; // Not well-formed after all: that is said first, to anyone.
      }
      if (judged === error && common.organizations !== undefined) {
        const organizationId = state.trace.organizationId;
        if (organizationId === undefined || !accepts(organizationId)) return foreign(state);
      }
    }
    return reject(state, "INVALID_MESSAGE", 400, judged.message, { cause: judged, reason: judged.code });
  };

  const answer = async (state: RequestState, request: OutboundRequest): Promise<OutboundResponse> => {
    const { trace } = state;
    const parseStart = trace.now();
    let message: M;
    try {
      message = binding.parse(request.body);
    } catch (error) {
      trace.parseMs = trace.now() - parseStart;
      if (error instanceof OutboundMessageError) return refuse(state, request.body, error);
      return reject(state, "HANDLER_FAILED", 500, "the message could not be parsed", { cause: error });
    }
    trace.parseMs = trace.now() - parseStart;
    trace.organizationId = message.OrganizationId;
    trace.actionId = message.ActionId;
    const context: DeliveryContext<M> = {
      OrganizationId: message.OrganizationId,
      ActionId: message.ActionId,
      SessionId: message.SessionId,
      EnterpriseUrl: message.EnterpriseUrl,
      PartnerUrl: message.PartnerUrl,
      headers: headersOf(state, request.headers),
      message,
    };
    if (!accepts(message.OrganizationId)) return foreign(state, context);
    reportUnknownFields(message, context);
    const processing = binding.processingFor(message);
    const outcome =
      processing.inbox !== undefined
        ? await recordDelivery(message, { inbox: processing.inbox, storeTimeoutMs: common.storeTimeoutMs, trace })
        : await deliver(message, context, {
            processing,
            store: common.store,
            storeTimeoutMs: common.storeTimeoutMs,
            exposeErrors: common.exposeErrors,
            report: (error) => report(error, context),
            trace,
          });
    if (outcome.acked) return finish(state, reply(200, ACK_TRUE));
    const { error } = outcome;
    report(error, context);
    const headers = error.status === 503 ? { "retry-after": RETRY_AFTER_SECONDS } : undefined;
    return finish(state, reply(error.status, faultResponse("Server", error.message), headers), error);
  };

  /** The state of a request `handle` got without a reading: its body is whole already, so it is counted at once. */
  const stateOfWholeBody = (request: OutboundRequest): RequestState => {
    const state = newState();
    state.early = precheckFor(state, request);
    if (state.early !== undefined) return state;
    const bytes = byteLength(request.body);
    state.trace.bodyBytes = bytes;
    if (bytes > common.maxBodyBytes) state.early = tooLargeFor(state);
    else if (!state.reservation.ensure(bytes)) state.early = overloaded(state);
    return state;
  };

  const handle = async (request: OutboundRequest, reading?: BodyReading): Promise<OutboundResponse> => {
    const state = RequestReading.stateOf(reading, owner) ?? stateOfWholeBody(request);
    state.trace.bodyRead();
    if (state.early !== undefined) return state.early;
    try {
      return await answer(state, request);
    } catch (error) {
      // Only a bug gets here; it still must not reach Salesforce as HTML or a dropped socket.
      return reject(state, "HANDLER_FAILED", 500, "the notifications could not be processed", { cause: error });
    } finally {
      state.reservation.release();
    }
  };

  return {
    handle,
    begin,
    precheck: (request) => precheckFor(newState(), request),
    tooLarge: () => tooLargeFor(newState()),
    bodyUnavailable: (reading) =>
      reject(
        RequestReading.stateOf(reading, owner) ?? newState(),
        "HANDLER_FAILED",
        500,
        "the request body was consumed by a body parser before the handler; mount the handler before it or use a raw body parser",
      ),
    undecodable: (detail) =>
      reject(newState(), "INVALID_MESSAGE", 400, `INVALID_ENCODING: ${detail}`, { reason: "INVALID_ENCODING" satisfies OutboundMessageErrorCode }),
    maxBodyBytes: common.maxBodyBytes,
    get bytesInFlight() {
      return budget.bytes;
    },
  };
}

function outcomeOf(status: number, error: DeliveryError | undefined, trace: DeliveryTrace): DeliveryOutcomeKind {
  if (error !== undefined) return status === 500 ? "failed" : "rejected";
  return trace.counts.new > 0 ? "acked" : "acked-all-duplicates";
}
