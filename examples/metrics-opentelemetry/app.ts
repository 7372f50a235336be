// OpenTelemetry from onDelivery with @opentelemetry/api: a span per request carrying the
// delivery's attributes, and a counter and a histogram. Register your SDK (exporters) as usual;
// the tracer and meter default to the global ones.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
// The examples import that package by its name, as an app that installed it would (tsconfig.json maps it).
import { metrics, SpanStatusCode, trace, type Meter, type Tracer } from "@opentelemetry/api";
import { createNodeHandler, type DeliveryEvent, type NodeHandler } from "opportunity-outbound-message";

/** Records each delivery as a span (back-dated to when the request began) and as metrics. */
export function deliveryTelemetry(
  tracer: Tracer = trace.getTracer("salesforce-outbound"),
  meter: Meter = metrics.getMeter("salesforce-outbound"),
): (event: DeliveryEvent) => void {
  const requests = meter.createCounter("outbound.requests", { description: "Requests by outcome and status" });
  const notifications = meter.createCounter("outbound.notifications", { description: "Notifications by what became of them" });
  const duration = meter.createHistogram("outbound.request.duration", { unit: "ms", description: "Total time per request" });
  return (event) => {
    const attributes = {
      "outbound.outcome": event.outcome,
      "http.response.status_code": event.status,
      ...(event.code === undefined ? {} : { "outbound.code": event.code }),
      ...(event.reason === undefined ? {} : { "outbound.reason": event.reason }),
      ...(event.organizationId === undefined ? {} : { "salesforce.organization_id": event.organizationId }),
      ...(event.actionId === undefined ? {} : { "salesforce.action_id": event.actionId }),
      "outbound.notifications.new": event.notifications.new,
      "outbound.notifications.duplicate": event.notifications.duplicate,
      "outbound.notifications.busy": event.notifications.busy,
      "outbound.notifications.failed": event.notifications.failed,
      "outbound.duration.read_ms": event.durations.readMs,
      "outbound.duration.parse_ms": event.durations.parseMs,
      "outbound.duration.dedupe_ms": event.durations.dedupeMs,
      "outbound.duration.user_code_ms": event.durations.userCodeMs,
      "http.request.body.size": event.bodyBytes,
    };
    const end = Date.now();
    const span = tracer.startSpan("salesforce outbound message", { startTime: end - event.durations.totalMs, attributes });
    if (event.outcome === "failed") span.setStatus({ code: SpanStatusCode.ERROR, message: event.code ?? "" });
    span.end(end);
    requests.add(1, { "outbound.outcome": event.outcome, "http.response.status_code": event.status });
    for (const [kind, count] of Object.entries(event.notifications)) if (count > 0) notifications.add(count, { "outbound.kind": kind });
    duration.record(event.durations.totalMs, { "outbound.outcome": event.outcome });
  };
}

export function createHandlerWithTelemetry(organizationId: string, tracer?: Tracer, meter?: Meter): NodeHandler {
  return createNodeHandler({
    organizationId,
    onDelivery: deliveryTelemetry(tracer, meter),
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
}
