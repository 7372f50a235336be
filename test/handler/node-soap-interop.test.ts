import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import soap from "soap";
import {
  createNodeHandler,
  type AccountNotification,
} from "../../fixtures/golden/paustint-account-83fields-managedpkgs/src/index.js";
import { FIXTURES } from "../support/fixtures.js";
import { listen, type TestServer } from "../support/http.js";

// An independent SOAP stack as the sender: node-soap builds its client from the same WSDL and
// calls `notifications` against the generated handler on 127.0.0.1.

const WSDL_PATH = join(FIXTURES, "wsdl", "paustint-account-83fields-managedpkgs.wsdl");
const ORG = "00D5w000004qGTOEA2";

/** Notification ids differ between the tests, so that dedupe does not skip any. */
function notificationId(count: number, i: number): string {
  return `04l5w${String(count).padStart(3, "0")}0528${String(i).padStart(6, "0")}`;
}

function notification(count: number, i: number): Record<string, unknown> {
  return {
    Id: notificationId(count, i),
    sObject: {
      Id: `0015w00002BF${String(i).padStart(6, "0")}`,
      AnnualRevenue: 1234567.5 + i,
      BillingCity: "Zürich",
      CreatedDate: "2020-05-08T13:40:22.000Z",
      High_Wealth_Account__c: i % 2 === 0,
      LastActivityDate: "2020-07-11",
      Name: `Acme & Söhne <${i}>`,
      NumberOfEmployees: 40 + i,
      OwnerId: "0055w00000BhqR0AAJ",
    },
  };
}

describe("node-soap client → generated node handler", () => {
  const received: AccountNotification[] = [];
  let server: TestServer;
  let client: soap.Client;

  before(async () => {
    server = await listen(
      createNodeHandler({ organizationId: ORG, onNotifications: (notifications) => void received.push(...notifications) }),
    );
    client = await soap.createClientAsync(WSDL_PATH, { endpoint: `${server.url}/salesforce` });
  });
  after(() => server.close());

  for (const count of [1, 100]) {
    it(`${count} notification(s): node-soap reads Ack === true and user code sees the values sent, typed`, async () => {
      received.length = 0;
      const sent = Array.from({ length: count }, (_, i) => notification(count, i));
      const [result] = (await client.notificationsAsync({
        OrganizationId: ORG,
        ActionId: "04k5w000000TSwMAAW",
        SessionId: null,
        EnterpriseUrl: "https://example.my.salesforce.com/services/Soap/c/51.0/00D5w000004qGTO",
        PartnerUrl: "https://example.my.salesforce.com/services/Soap/u/51.0/00D5w000004qGTO",
        Notification: sent,
      })) as [{ Ack: boolean }];
      assert.equal(result.Ack, true);
      assert.equal(received.length, count);
      for (const [i, got] of received.entries()) {
        assert.deepEqual(got, {
          Id: notificationId(count, i),
          sObject: {
            Id: `0015w00002BF${String(i).padStart(6, "0")}`,
            AnnualRevenue: 1234567.5 + i,
            BillingCity: "Zürich",
            CreatedDate: new Date("2020-05-08T13:40:22.000Z"),
            High_Wealth_Account__c: i % 2 === 0,
            LastActivityDate: "2020-07-11",
            Name: `Acme & Söhne <${i}>`,
            NumberOfEmployees: 40 + i,
            OwnerId: "0055w00000BhqR0AAJ",
          },
        });
      }
    });
  }
});
