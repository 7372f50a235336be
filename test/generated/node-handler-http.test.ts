import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ACK_TRUE,
  createNodeHandler,
  type OpportunityNotification,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixtureBytes } from "../support/fixtures.js";
import { listen, postSoap, type TestServer } from "../support/http.js";

// The generated node:http handler over real HTTP on 127.0.0.1, fed a real captured message.

const MESSAGE = fixtureBytes("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";

describe("generated createNodeHandler over HTTP", () => {
  const received: OpportunityNotification[][] = [];
  let failNext = false;
  let server: TestServer;
  let wrongOrgServer: TestServer;

  before(async () => {
    server = await listen(
      createNodeHandler({
        organizationId: ORG,
        onNotifications: async (notifications) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (failNext) {
            failNext = false;
            throw new Error("database password is hunter2");
          }
          received.push([...notifications]);
        },
        onError: () => {},
      }),
    );
    wrongOrgServer = await listen(
      createNodeHandler({ organizationId: "00D000000000001", onNotifications: () => assert.fail("must not run"), onError: () => {} }),
    );
  });
  after(async () => {
    await server.close();
    await wrongOrgServer.close();
  });

  it("a user-code failure gives 500 with a Fault that leaks nothing, and no Ack", async () => {
    failNext = true;
    const reply = await postSoap(server.url, MESSAGE);
    assert.equal(reply.status, 500);
    assert.equal(reply.contentType, "text/xml; charset=utf-8");
    assert.match(reply.body, /<faultcode>soapenv:Server<\/faultcode>/);
    assert.doesNotMatch(reply.body, /hunter2|Ack|at .*\.ts/);
    assert.equal(received.length, 0);
  });

  it("acknowledges a real message with the canonical Ack after the user code resolved, typed values included", async () => {
    const reply = await postSoap(server.url, MESSAGE);
    assert.equal(reply.status, 200);
    assert.equal(reply.contentType, "text/xml; charset=utf-8");
    assert.equal(reply.body, ACK_TRUE);
    // The retry of the failed delivery above is processed: the failure released its keys.
    assert.equal(received.length, 1);
    const [notification] = received[0] ?? [];
    assert.equal(notification?.Id, "04l5w00005286hAAAQ");
    assert.equal(notification?.sObject.Amount, 45000);
    assert.equal(notification?.sObject.IsWon, false);
    assert.deepEqual(notification?.sObject.CloseDate, "2020-07-11");
  });

  it("a redelivery of the same message is acknowledged without running the user code again", async () => {
    const reply = await postSoap(server.url, MESSAGE);
    assert.equal(reply.status, 200);
    assert.equal(reply.body, ACK_TRUE);
    assert.equal(received.length, 1);
  });

  it("a message from another organization gets 403 and a Client Fault", async () => {
    const reply = await postSoap(wrongOrgServer.url, MESSAGE);
    assert.equal(reply.status, 403);
    assert.match(reply.body, /<faultcode>soapenv:Client<\/faultcode>/);
    assert.doesNotMatch(reply.body, /<Ack>/);
  });

  it("a malformed message gets 400 and a Client Fault naming the problem", async () => {
    const reply = await postSoap(server.url, fixtureBytes("messages/unknownrepo-opportunity-api42-truncatedline-MALFORMED.xml"));
    assert.equal(reply.status, 400);
    assert.match(reply.body, /<faultcode>soapenv:Client<\/faultcode> <faultstring>MALFORMED_XML at \/ \(line 3, column 10\)/);
  });
});
