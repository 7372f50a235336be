import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import soap from "soap";
import { runCli, type CliRun } from "../support/cli.js";
import { fixture, ROOT } from "../support/fixtures.js";

// An independent receiver: node-soap's soap.listen, built from the same WSDL, on 127.0.0.1.
// `send` must be accepted by it, and read its (differently prefixed) Ack as an Ack.

const WSDL = "fixtures/wsdl/pcon-case-28fields.wsdl";

describe("send → node-soap's soap.listen", () => {
  const received: { Notification: { Id: string; sObject: { Id: string } }[] }[] = [];
  let ack = true;
  const server = createServer((_request, response) => response.writeHead(404).end());
  let url: string;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const notifications = (args: (typeof received)[number]): { Ack: boolean } => (received.push(args), { Ack: ack });
    soap.listen(server, "/soap", { NotificationService: { Notification: { notifications } } }, fixture(WSDL.replace(/^fixtures\//, "")));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function run(...args: string[]): Promise<CliRun> {
    return runCli(ROOT, "send", WSDL, "--to", url, ...args);
  }

  it("120 notifications in 2 messages are accepted and acknowledged; --json reports them", async () => {
    const result = await run("--count", "120", "--batch", "60", "--seed", "3", "--json");
    assert.equal(result.code, 0);
    const report = JSON.parse(result.stdout) as { messages: number; notifications: number; acked: number; failed: unknown[]; deliveries: { notificationIds: string[] }[] };
    assert.equal(report.messages, 2);
    assert.equal(report.notifications, 120);
    assert.equal(report.acked, 2);
    assert.deepEqual(report.failed, []);
    assert.equal(received.length, 2);
    assert.deepEqual(
      received.flatMap((args) => args.Notification.map((n) => n.Id)),
      report.deliveries.flatMap((d) => d.notificationIds),
    );
    for (const args of received) for (const n of args.Notification) assert.match(n.sObject.Id, /^500[a-zA-Z0-9]{15}$/);
  });

  it("its Ack false is a nack: retried, then reported failed with exit 1", async () => {
    ack = false;
    received.length = 0;
    // 0.000001 compresses the 24 hours to 86 ms: the whole schedule, 19 tries, runs at once.
    const result = await run("--time-scale", "0.000001", "--json");
    ack = true;
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { acked: number; failed: { message: number; notifications: number; reason: string }[]; tries: number };
    assert.equal(report.acked, 0);
    assert.deepEqual(report.failed, [{ message: 1, notifications: 1, reason: "SOAP response was a nack" }]);
    assert.equal(report.tries, 19);
    assert.equal(received.length, 19);
    assert.equal(new Set(received.map((args) => args.Notification[0]?.Id)).size, 1);
  });
});
