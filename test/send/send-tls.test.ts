import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { ACK_TRUE } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { sampleMessages, shapeOfWsdl } from "../../src/send/messages.js";
import { send } from "../../src/send/send.js";
import { fixture } from "../support/fixtures.js";

// Salesforce refuses endpoints whose certificate it cannot verify (spec §10): so does `send`,
// with the reason Salesforce shows. A self-signed certificate made by openssl, on 127.0.0.1.

const WSDL = "wsdl/aldoforce-opportunity.wsdl";

describe("send → an HTTPS endpoint with a self-signed certificate", () => {
  let server: Server;
  let requests = 0;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-tls-"));
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ]);
    server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_request, response) => {
      requests++;
      response.writeHead(200, { "content-type": "text/xml" }).end(ACK_TRUE);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is a failure: peer not authenticated, and no request reaches the endpoint", async () => {
    const messages = sampleMessages(shapeOfWsdl(WSDL, fixture(WSDL)));
    const to = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const [delivery] = await send({ to, messages, timeScale: 0.000001 });
    assert.equal(delivery?.acked, false);
    assert.equal(delivery?.reason, "javax.net.ssl.SSLPeerUnverifiedException: peer not authenticated (self-signed certificate)");
    assert.equal(requests, 0);
  });
});
