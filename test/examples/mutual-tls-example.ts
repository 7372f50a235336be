import assert from "node:assert/strict";
import { Agent, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { after, before, describe, it, type TestContext } from "node:test";
import { certificateDir, CLIENT_EXTENSIONS, postOverTls, SERVER_EXTENSIONS, type CertificateDir, type KeyPair } from "../support/tls.js";

// examples/mutual-tls with a CA, a server certificate and client certificates made here with
// openssl: only Salesforce's certificate (right CA, right subject) reaches the outbound handler.
// Called inside examples.test.ts, whose `before` writes the package the example imports.

const SALESFORCE_SUBJECT = "/C=US/ST=California/L=San Francisco/O=Salesforce, Inc./CN=proxy.salesforce.com";
const EXPECTED = { CN: "proxy.salesforce.com", O: "Salesforce, Inc." };

export function describeMutualTlsExample(options: { message: Uint8Array; organizationId: string; logLine: string }): void {
  describe("mutual-tls", () => {
    let dir: CertificateDir;
    let server: Server;
    let url: string;
    let trusted: string;
    const clients = new Map<string, KeyPair | undefined>();
    /** Requests the example's listener saw, and why the TLS layer ended the others. */
    const listenerCalls: string[] = [];
    const refusals: string[] = [];

    before(async () => {
      dir = await certificateDir();
      const ca = await dir.authority("salesforce-ca", "/O=Test Trust Services/CN=Test Issuing CA");
      const otherCa = await dir.authority("other-ca", "/O=Other Trust Services/CN=Other Issuing CA");
      const serverPair = await ca.issue("server", "/CN=127.0.0.1", SERVER_EXTENSIONS);
      trusted = ca.cert;
      clients.set("salesforce", await ca.issue("salesforce", SALESFORCE_SUBJECT, CLIENT_EXTENSIONS));
      clients.set("another CA", await otherCa.issue("impostor", SALESFORCE_SUBJECT, CLIENT_EXTENSIONS));
      clients.set("a wrong subject", await ca.issue("stranger", "/C=US/O=Someone Else/CN=proxy.example.com", CLIENT_EXTENSIONS));
      clients.set("no certificate", undefined);

      const { createApp } = await import("../../examples/mutual-tls/server.js");
      server = createApp(options.organizationId, { key: serverPair.key, cert: serverPair.cert, clientCa: ca.cert, clientSubject: EXPECTED });
      server.prependListener("request", (req) => void listenerCalls.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN)));
      server.on("tlsClientError", (error: NodeJS.ErrnoException, socket: TLSSocket) =>
        void refusals.push(String(socket.authorizationError ?? error.code)),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });

    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dir.remove();
    });

    /** What the example's user code printed during the test. */
    const logsOf = (t: TestContext): string[] => {
      const logs: string[] = [];
      t.mock.method(console, "log", (line: string) => logs.push(line));
      return logs;
    };

    const agentFor = (name: string): Agent => {
      const pair = clients.get(name);
      return new Agent({ ca: trusted, ...(pair === undefined ? {} : { key: pair.key, cert: pair.cert }) });
    };

    it("mutual-tls: Salesforce's certificate reaches the handler and gets the Ack, also on a resumed TLS session", async (t) => {
      const logs = logsOf(t);
      const agent = agentFor("salesforce");
      const first = await postOverTls(url, agent, options.message);
      assert.ok("status" in first, JSON.stringify(first));
      assert.equal(first.status, 200);
      assert.match(first.body, /<Ack>true<\/Ack>/);
      assert.deepEqual(logs, [options.logLine]);
      const second = await postOverTls(url, agent, options.message);
      assert.ok("status" in second && second.sessionReused, "the second connection resumed the TLS session");
      assert.match(second.body, /<Ack>true<\/Ack>/, "the resumed session still carries the client certificate");
      assert.deepEqual(listenerCalls, ["proxy.salesforce.com", "proxy.salesforce.com"]);
    });

    it("mutual-tls: without a certificate or with one from another CA, the TLS handshake is refused", async (t) => {
      const logs = logsOf(t);
      listenerCalls.length = 0;
      const none = await postOverTls(url, agentFor("no certificate"), options.message);
      assert.deepEqual(none, { error: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" });
      const impostor = await postOverTls(url, agentFor("another CA"), options.message);
      assert.deepEqual(impostor, { error: "ECONNRESET" });
      // The server reports each refusal as it ends the handshake; allow its event a moment to arrive.
      for (let waited = 0; refusals.length < 2 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(refusals, ["ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);
      assert.deepEqual(listenerCalls, [], "no request was read");
      assert.deepEqual(logs, []);
    });

    it("mutual-tls: a certificate of the right CA with another subject gets a 403 Fault before the handler", async (t) => {
      const logs = logsOf(t);
      listenerCalls.length = 0;
      const stranger = await postOverTls(url, agentFor("a wrong subject"), options.message);
      assert.ok("status" in stranger, JSON.stringify(stranger));
      assert.equal(stranger.status, 403);
      assert.match(stranger.body, /<faultcode>soapenv:Client<\/faultcode> <faultstring>the client certificate is not the expected Salesforce certificate<\/faultstring>/);
      assert.deepEqual(listenerCalls, ["proxy.example.com"], "the TLS layer let it through; the subject check stopped it");
      assert.deepEqual(logs, [], "the outbound handler did not run");
    });

    it("mutual-tls: the subject check needs every expected attribute, exactly", async () => {
      const { subjectMatches } = await import("../../examples/mutual-tls/server.js");
      const subject = { C: "US", O: "Salesforce, Inc.", CN: "proxy.salesforce.com" };
      assert.equal(subjectMatches(subject, EXPECTED), true);
      assert.equal(subjectMatches({ ...subject, O: "Salesforce" }, EXPECTED), false);
      assert.equal(subjectMatches({ C: "US", CN: "proxy.salesforce.com" }, EXPECTED), false);
      assert.equal(subjectMatches({ ...subject, CN: ["proxy.salesforce.com", "x"] }, EXPECTED), false);
      assert.equal(subjectMatches(undefined, EXPECTED), false);
      assert.equal(subjectMatches(subject, {}), false);
    });

    it("mutual-tls: a server without an expected subject is not created", async () => {
      const { createApp } = await import("../../examples/mutual-tls/server.js");
      const tls = { key: "", cert: "", clientCa: trusted, clientSubject: {} };
      assert.throws(() => createApp(options.organizationId, tls), { name: "TypeError", message: "clientSubject must name at least CN and O" });
    });
  });
}
