import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import type { LambdaHttpEvent } from "opportunity-outbound-message";
import { eventFor, SOURCES, type Delivery, type SourceName } from "../lambda/events.js";

// examples/lambda run on AWS's sample event of each source. Called inside examples.test.ts, whose
// `before` writes the package the example imports (generated/opportunity).

export function describeLambdaExample(options: { message: string; organizationId: string; logLine: string }): void {
  // The example's handler lives as long as the module, with its in-memory dedupe: a fresh
  // notification id per delivery keeps each one new.
  let deliveries = 0;
  const fresh = (): string => options.message.replace("04l7F000008aeAyQAI", `04l7F000008ae${String(++deliveries).padStart(5, "0")}`);
  /** What the example's user code prints during the test (mocked once: a second mock would outlive the test). */
  const logsOf = (t: TestContext): string[] => {
    const logs: string[] = [];
    t.mock.method(console, "log", (line: string) => logs.push(line));
    t.mock.method(console, "error", () => {});
    return logs;
  };
  const invoke = async (source: SourceName, delivery: Delivery) => {
    process.env["SALESFORCE_ORG_ID"] = options.organizationId;
    const { handler } = await import("../../examples/lambda/handler.js");
    return handler(eventFor(source, { path: "/salesforce/opportunity", ...delivery }) as LambdaHttpEvent);
  };

  describe("lambda", () => {
    for (const source of SOURCES) {
      it(`lambda on the ${source} sample event: a real message gets the canonical Ack and reaches user code typed`, async (t) => {
        const logs = logsOf(t);
        for (const base64 of [false, true]) {
          const result = await invoke(source, { body: fresh(), base64 });
          assert.equal(result.statusCode, 200);
          assert.match(result.body, /<notificationsResponse xmlns="http:\/\/soap.sforce.com\/2005\/09\/outbound"> <Ack>true<\/Ack>/);
        }
        assert.deepEqual(logs, [options.logLine, options.logLine]);
      });

      it(`lambda on the ${source} sample event: wrong content type, wrong org and GET ?wsdl get SOAP answers`, async (t) => {
        const logs = logsOf(t);
        const json = await invoke(source, { body: fresh(), contentType: "application/json" });
        assert.equal(json.statusCode, 415);
        assert.match(json.body, /^<soapenv:Envelope/);
        const wsdl = await invoke(source, { method: "GET", query: { wsdl: "" } });
        assert.equal(wsdl.statusCode, 200);
        assert.match(wsdl.body, /<definitions targetNamespace="http:\/\/soap.sforce.com\/2005\/09\/outbound"/);
        const foreign = await invoke(source, { body: fresh().replace(options.organizationId, "00D000000000001AAA") });
        assert.equal(foreign.statusCode, 403);
        assert.deepEqual(logs, []);
      });
    }
  });
}
