import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { main } from "../../src/cli/main.js";
import { fixtureBytes, ROOT } from "../support/fixtures.js";
import { postSoap } from "../support/http.js";
import { until } from "./until.js";

// The README's inbox example (examples/inbox/app.ts) on PGlite: a real captured message is
// acknowledged once recorded, and the worker then logs it.

describe("examples/inbox", () => {
  before(async () => {
    const code = await main(["fixtures/wsdl/aldoforce-opportunity.wsdl", "--out", "generated/opportunity"], { cwd: ROOT, stdout: () => {}, stderr: () => {} });
    assert.equal(code, 0);
  });

  it("acknowledges a real message, then its worker processes it", async (t) => {
    const logs: string[] = [];
    t.mock.method(console, "log", (line: string) => logs.push(line));
    const { createApp } = await import("../../examples/inbox/app.js");
    const db = new PGlite();
    const app = await createApp("00D7F00000107XsUAI", db);
    await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = app.server.address() as AddressInfo;
      const reply = await postSoap(`http://127.0.0.1:${port}/`, fixtureBytes("messages/ejangi-opportunity-singleline-api47.xml"));
      assert.equal(reply.status, 200);
      assert.match(reply.body, /<Ack>true<\/Ack>/);
      await until(() => logs.length === 1);
      assert.deepEqual(logs, ["Express Logistics SLA: Perception Analysis, attempt 1"]);
    } finally {
      await app.worker.stop();
      app.server.closeAllConnections();
      await new Promise((resolve) => app.server.close(resolve));
      await db.close();
    }
  });
});
