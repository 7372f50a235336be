// Prometheus metrics from onDelivery with prom-client: counters of requests and notifications,
// histograms of where the time goes, and a /metrics route next to the endpoint.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
// The examples import that package by its name, as an app that installed it would (tsconfig.json maps it).
import type { Server } from "node:http";
import { Counter, Histogram, Registry } from "prom-client";
import { createNodeHandler, createNodeServer, type DeliveryEvent } from "opportunity-outbound-message";

/** The metrics of one endpoint, registered in `registry`. */
export function deliveryMetrics(registry: Registry): (event: DeliveryEvent) => void {
  const requests = new Counter({
    name: "outbound_requests_total",
    help: "Requests to the outbound-message endpoint by outcome, status and code",
    labelNames: ["outcome", "status", "code"],
    registers: [registry],
  });
  const notifications = new Counter({
    name: "outbound_notifications_total",
    help: "Notifications received, by what became of them",
    labelNames: ["kind"],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: "outbound_request_duration_seconds",
    help: "Time per request by phase (read, parse, dedupe, user code, total)",
    labelNames: ["phase"],
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10, 60],
    registers: [registry],
  });
  const bytes = new Histogram({
    name: "outbound_request_body_bytes",
    help: "Body size of each request",
    buckets: [1024, 16 * 1024, 256 * 1024, 1024 * 1024, 10 * 1024 * 1024],
    registers: [registry],
  });
  return (event) => {
    requests.inc({ outcome: event.outcome, status: String(event.status), code: event.code ?? "" });
    for (const [kind, count] of Object.entries(event.notifications)) if (count > 0) notifications.inc({ kind }, count);
    const { readMs, parseMs, dedupeMs, userCodeMs, totalMs } = event.durations;
    const phases = { read: readMs, parse: parseMs, dedupe: dedupeMs, user_code: userCodeMs, total: totalMs };
    for (const [phase, ms] of Object.entries(phases)) seconds.observe({ phase }, ms / 1000);
    bytes.observe(event.bodyBytes);
  };
}

export function createApp(organizationId: string, registry = new Registry()): Server {
  const outbound = createNodeHandler({
    organizationId,
    onDelivery: deliveryMetrics(registry),
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
  // createNodeServer: timeouts that close slow connections (see the README's "Server timeouts").
  return createNodeServer((req, res) => {
    if (req.method === "GET" && req.url === "/metrics") {
      void registry.metrics().then((text) => {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(text);
      });
      return;
    }
    outbound(req, res);
  }) as unknown as Server;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  createApp(process.env["SALESFORCE_ORG_ID"] ?? "").listen(Number(process.env["PORT"] ?? 3000));
}
