// Mutual TLS with node:https, as Salesforce's security guide asks where the server allows it:
// Salesforce presents its client certificate (Setup → API → Manage API Client Certificate →
// Download). The TLS layer verifies the certificate's chain against your CA bundle and refuses
// connections without a certificate or with one from another CA; the listener then compares the
// subject and answers 403 before the outbound handler runs. The certificate is the same for every
// org, so the handler still checks the OrganizationId.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { TLSSocket } from "node:tls";
import { createNodeHandler, faultResponse } from "opportunity-outbound-message";

export interface MutualTlsOptions {
  /** This server's private key and certificate chain (PEM, leaf first, intermediates after it). */
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  /** The CA certificates that issued Salesforce's client certificate (PEM bundle); only these are trusted. */
  readonly clientCa: string | Buffer;
  /**
   * The subject attributes Salesforce's certificate must have, read from the downloaded file with
   * `openssl x509 -in <file>.crt -noout -subject`, e.g. `{ CN: "…", O: "…" }`. Each one listed must
   * match exactly; list at least CN and O.
   */
  readonly clientSubject: Readonly<Record<string, string>>;
}

/** A certificate subject as node:tls gives it: attribute → value (a list when repeated). */
type Subject = Readonly<Record<string, string | readonly string[] | undefined>>;

/** True when the subject has every expected attribute with exactly the expected value. */
export function subjectMatches(subject: Subject | undefined, expected: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(expected);
  return subject !== undefined && names.length > 0 && names.every((name) => subject[name] === expected[name]);
}

export function createApp(organizationId: string, tls: MutualTlsOptions): Server {
  if (Object.keys(tls.clientSubject).length === 0) throw new TypeError("clientSubject must name at least CN and O");
  const outbound = createNodeHandler({
    organizationId,
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
  const options = {
    key: tls.key,
    cert: tls.cert,
    ca: tls.clientCa,
    requestCert: true, // ask for the client certificate…
    rejectUnauthorized: true, // …and end the handshake when it is missing or not from clientCa
  };
  return createServer(options, (req, res) => {
    const socket = req.socket as TLSSocket;
    // authorized is always true here with rejectUnauthorized; checked again so that a changed option fails closed.
    if (!socket.authorized || !subjectMatches(socket.getPeerCertificate().subject, tls.clientSubject)) {
      res.writeHead(403, { "content-type": "text/xml; charset=utf-8", connection: "close" });
      res.end(faultResponse("Client", "the client certificate is not the expected Salesforce certificate"));
      return;
    }
    outbound(req, res);
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const file = (name: string): Buffer => readFileSync(process.env[name] ?? "");
  createApp(process.env["SALESFORCE_ORG_ID"] ?? "", {
    key: file("TLS_KEY_FILE"),
    cert: file("TLS_CERT_FILE"),
    clientCa: file("SALESFORCE_CLIENT_CA_FILE"),
    clientSubject: JSON.parse(process.env["SALESFORCE_CLIENT_SUBJECT"] ?? "{}") as Record<string, string>,
  }).listen(Number(process.env["PORT"] ?? 443));
}
