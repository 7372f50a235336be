import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import soap from "soap";
import {
  buildNotificationsXml,
  MESSAGE_SHAPE,
  sampleNotifications,
} from "../../fixtures/golden/paustint-account-83fields-managedpkgs/src/testing.js";
import { fixture } from "../support/fixtures.js";
import { postSoap } from "../support/http.js";

// An independent SOAP stack reads what the builder writes: node-soap's server, built from the
// same WSDL, parses the built request on 127.0.0.1 into the values that were sampled.

interface SoapArgs {
  OrganizationId: string;
  ActionId: string;
  SessionId?: string;
  Notification: { Id: string; sObject: Record<string, unknown> & { attributes?: Record<string, string> } }[];
}

/** What node-soap makes of a value of `kind`: Dates for date and dateTime, nothing for nil. */
function asNodeSoapReads(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (kind === "date") return new Date(`${value as string}T00:00:00.000Z`);
  return value;
}

describe("node-soap's soap.listen reads messages built by /testing", () => {
  const received: SoapArgs[] = [];
  const server = createServer((_request, response) => response.writeHead(404).end());
  let url: string;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const service = {
      NotificationService: { Notification: { notifications: (args: SoapArgs) => (received.push(args), { Ack: true }) } },
    };
    soap.listen(server, "/salesforce", service, fixture("wsdl/paustint-account-83fields-managedpkgs.wsdl"));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/salesforce`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("100 sampled notifications: every field with the value sampled, xsi:type sf:Account, nil fields absent", async () => {
    const sample = sampleNotifications({ count: 100, seed: 11, nullRate: 0.2 });
    const reply = await postSoap(url, buildNotificationsXml(sample));
    assert.equal(reply.status, 200);
    assert.match(reply.body, /<Ack>true<\/Ack>/);
    const [args] = received;
    assert.ok(args !== undefined);
    assert.equal(args.OrganizationId, sample.OrganizationId);
    assert.equal(args.ActionId, sample.ActionId);
    assert.equal(args.SessionId, undefined); // nil
    assert.equal(args.Notification.length, 100);
    for (const [i, notification] of args.Notification.entries()) {
      const expected = sample.Notification[i];
      assert.ok(expected !== undefined);
      assert.equal(notification.Id, expected.Id);
      const { attributes, ...fields } = notification.sObject;
      assert.deepEqual(attributes, { "xsi:type": "sf:Account" });
      const sampled = expected.sObject as unknown as Record<string, unknown>;
      const wanted = Object.fromEntries(
        [["Id", "id"] as const, ...MESSAGE_SHAPE.fields]
          .map(([name, kind]) => [name, asNodeSoapReads(kind, sampled[name])])
          .filter(([, value]) => value !== undefined),
      );
      assert.deepEqual(fields, wanted);
    }
  });
});
