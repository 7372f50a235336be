import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { before, describe, it, type TestContext } from "node:test";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { AggregationTemporality, MeterProvider, MetricReader, type SumMetricData } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createServer } from "node:http";
import { Registry } from "prom-client";
import { main } from "../../src/cli/main.js";
import { fixtureBytes, ROOT } from "../support/fixtures.js";
import { postSoap } from "../support/http.js";
import { describeLambdaExample } from "./lambda-example.js";
import { describeMutualTlsExample } from "./mutual-tls-example.js";

// The examples of the README, run as users would: first the quick start's generate command
// writes generated/opportunity, then each example serves it on 127.0.0.1 and gets a real message.

const MESSAGE = fixtureBytes("messages/ejangi-opportunity-singleline-api47.xml");
const ORG = "00D7F00000107XsUAI";
const ROUTE = "/salesforce/opportunity";
const LOG_LINE = "Express Logistics SLA: Perception Analysis, 120000";

interface Running {
  url: string;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function listening(server: Server, path: string): Promise<Running> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}${path}`, close: () => closeServer(server) });
    }),
  );
}

const EXAMPLES: Record<string, (organizationId: string) => Promise<Running>> = {
  "node-http": async (org) => {
    const { createApp } = await import("../../examples/node-http/server.js");
    return listening(createApp(org), "/");
  },
  express: async (org) => {
    const { createApp } = await import("../../examples/express/app.js");
    return new Promise((resolve) => {
      const server = createApp(org).listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        resolve({ url: `http://127.0.0.1:${port}${ROUTE}`, close: () => closeServer(server) });
      });
    });
  },
  fastify: async (org) => {
    const { createApp } = await import("../../examples/fastify/app.js");
    const app = createApp(org);
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url: `${address}${ROUTE}`, close: () => app.close() };
  },
  fetch: async (org) => {
    const { createApp } = await import("../../examples/fetch/app.js");
    return new Promise((resolve) => {
      const server = serve({ fetch: createApp(org).fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
        resolve({ url: `http://127.0.0.1:${info.port}${ROUTE}`, close: () => closeServer(server as Server) }),
      );
    });
  },
};

async function withExample(name: string, t: TestContext, run: (url: string, logs: string[]) => Promise<void>): Promise<void> {
  const logs: string[] = [];
  t.mock.method(console, "log", (line: string) => logs.push(line));
  t.mock.method(console, "error", () => {});
  t.mock.method(console, "warn", () => {});
  const example = await (EXAMPLES[name] as (org: string) => Promise<Running>)(ORG);
  try {
    await run(example.url, logs);
  } finally {
    await example.close();
  }
}

describe("examples", () => {
  before(async () => {
    const io = { cwd: ROOT, stdout: () => {}, stderr: () => {} };
    const code = await main(["fixtures/wsdl/aldoforce-opportunity.wsdl", "--out", "generated/opportunity"], io);
    assert.equal(code, 0, "the quick start's generate command failed");
  });

  it("type-check against the generated package", async () => {
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    await promisify(execFile)(tsc, ["-p", join(ROOT, "examples", "tsconfig.json")], { cwd: ROOT });
  });

  for (const name of Object.keys(EXAMPLES)) {
    it(`${name}: a real message gets the canonical Ack and reaches user code typed`, async (t) => {
      await withExample(name, t, async (url, logs) => {
        const reply = await postSoap(url, MESSAGE);
        assert.equal(reply.status, 200);
        assert.equal(reply.contentType, "text/xml; charset=utf-8");
        assert.match(reply.body, /<notificationsResponse xmlns="http:\/\/soap.sforce.com\/2005\/09\/outbound"> <Ack>true<\/Ack>/);
        assert.deepEqual(logs, [LOG_LINE]);
      });
    });

    it(`${name}: wrong content type, wrong org and GET ?wsdl get SOAP answers, never HTML`, async (t) => {
      await withExample(name, t, async (url) => {
        const json = await postSoap(url, MESSAGE, { "content-type": "application/json" });
        assert.equal(json.status, 415);
        assert.match(json.body, /^<soapenv:Envelope/);
        const wsdl = await fetch(`${url}?wsdl`);
        assert.equal(wsdl.status, 200);
        assert.match(await wsdl.text(), /<definitions targetNamespace="http:\/\/soap.sforce.com\/2005\/09\/outbound"/);
        const put = await fetch(url, { method: "PUT", body: "x" });
        assert.equal(put.status, 405);
        assert.equal(put.headers.get("allow"), "POST");
        const foreign = await postSoap(url, new TextDecoder().decode(MESSAGE).replace(ORG, "00D000000000001AAA"));
        assert.equal(foreign.status, 403);
      });
    });
  }

  describeLambdaExample({ message: new TextDecoder().decode(MESSAGE), organizationId: ORG, logLine: LOG_LINE });
  describeMutualTlsExample({ message: MESSAGE, organizationId: ORG, logLine: LOG_LINE });

  it("metrics-prometheus: counters and histograms of each delivery on /metrics", async (t) => {
    t.mock.method(console, "log", () => {});
    t.mock.method(console, "warn", () => {});
    const { createApp } = await import("../../examples/metrics-prometheus/server.js");
    const running = await listening(createApp(ORG, new Registry()), "/");
    try {
      assert.equal((await postSoap(running.url, MESSAGE)).status, 200);
      assert.equal((await postSoap(running.url, MESSAGE)).status, 200);
      assert.equal((await postSoap(running.url, new TextDecoder().decode(MESSAGE).replace(ORG, "00D000000000001AAA"))).status, 403);
      const metrics = await (await fetch(`${running.url}metrics`)).text();
      for (const line of [
        'outbound_requests_total{outcome="acked",status="200",code=""} 1',
        'outbound_requests_total{outcome="acked-all-duplicates",status="200",code=""} 1',
        'outbound_requests_total{outcome="rejected",status="403",code="ORGANIZATION_NOT_ALLOWED"} 1',
        'outbound_notifications_total{kind="new"} 1',
        'outbound_notifications_total{kind="duplicate"} 1',
        'outbound_request_duration_seconds_count{phase="total"} 3',
        "outbound_request_body_bytes_count 3",
      ]) {
        assert.ok(metrics.split("\n").includes(line), `missing ${line}`);
      }
    } finally {
      await running.close();
    }
  });

  it("metrics-opentelemetry: a span per delivery with its attributes, and metrics", async (t) => {
    t.mock.method(console, "log", () => {});
    t.mock.method(console, "warn", () => {});
    const { createHandlerWithTelemetry } = await import("../../examples/metrics-opentelemetry/app.js");
    const spans = new InMemorySpanExporter();
    const tracing = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    class Collector extends MetricReader {
      protected override onShutdown = async (): Promise<void> => {};
      protected override onForceFlush = async (): Promise<void> => {};
    }
    const reader = new Collector({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
    const metering = new MeterProvider({ readers: [reader] });
    const handler = createHandlerWithTelemetry(ORG, tracing.getTracer("test"), metering.getMeter("test"));
    const running = await listening(createServer(handler), "/");
    try {
      assert.equal((await postSoap(running.url, MESSAGE)).status, 200);
      assert.equal((await postSoap(running.url, "<x/>")).status, 400);
      const finished = spans.getFinishedSpans();
      assert.equal(finished.length, 2);
      const [acked, rejected] = finished;
      assert.equal(acked?.name, "salesforce outbound message");
      assert.equal(acked?.attributes["outbound.outcome"], "acked");
      assert.equal(acked?.attributes["http.response.status_code"], 200);
      assert.equal(acked?.attributes["salesforce.organization_id"], ORG);
      assert.equal(acked?.attributes["salesforce.action_id"], "04k7F0000008V3hQAE");
      assert.equal(acked?.attributes["outbound.notifications.new"], 1);
      assert.equal(acked?.attributes["http.request.body.size"], MESSAGE.length);
      assert.deepEqual(
        [rejected?.attributes["outbound.outcome"], rejected?.attributes["outbound.code"], rejected?.attributes["outbound.reason"]],
        ["rejected", "INVALID_MESSAGE", "NOT_NOTIFICATIONS"],
      );
      const { resourceMetrics } = await reader.collect();
      const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
      const requests = all.find((metric) => metric.descriptor.name === "outbound.requests") as SumMetricData | undefined;
      const points = (requests?.dataPoints ?? []).map((point) => [point.attributes["outbound.outcome"], point.value]);
      assert.deepEqual(points.sort(), [["acked", 1], ["rejected", 1]]);
      assert.ok(all.some((metric) => metric.descriptor.name === "outbound.request.duration"));
    } finally {
      await running.close();
      await metering.shutdown();
      await tracing.shutdown();
    }
  });
});
