import { OutboundMessageError } from "../runtime/errors.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from "../runtime/namespaces.js";
import { XmlReader } from "../runtime/xml-reader.js";

// How Salesforce judges an endpoint's answer (spec §5, Help 000381752): only HTTP 200 with a
// SOAP envelope whose notificationsResponse says <Ack>true</Ack> is a delivery. Everything else
// is a failure, reported with the text Salesforce shows as the delivery failure reason.

/** Salesforce's reason for a body that is not a SOAP envelope: plain text, an HTML error page. */
export const NOT_IN_PROLOG = "org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog.";
/** Salesforce's reason for `<Ack>false</Ack>`. */
export const NACK = "SOAP response was a nack";
export const EMPTY_REPLY = "org.xml.sax.SAXParseException; Premature end of file.";

export type Verdict = { readonly acked: true } | { readonly acked: false; readonly reason: string };

const failed = (reason: string): Verdict => ({ acked: false, reason });

/** The text of the first child of the open element named `localName` (any namespace); undefined when none. */
function childText(r: XmlReader, localName: string): string | undefined {
  let text: string | undefined;
  while (r.nextChild()) {
    if (text === undefined && r.localName === localName) text = r.readText().trim();
    else r.skipElement();
  }
  return text;
}

/** SOAP 1.1 `faultstring`, or SOAP 1.2 `Reason/Text`. */
function faultReason(r: XmlReader): string {
  let reason: string | undefined;
  while (r.nextChild()) {
    if (reason === undefined && r.localName === "faultstring") reason = r.readText().trim();
    else if (reason === undefined && r.localName === "Reason") reason = childText(r, "Text");
    else r.skipElement();
  }
  return reason === undefined || reason === "" ? "SOAP Fault without a faultstring" : reason;
}

function ackVerdict(r: XmlReader, status: number): Verdict {
  let ack: string | undefined;
  while (r.nextChild()) {
    if (ack === undefined && r.localName === "Ack" && (r.namespaceUri === OUTBOUND_NS || r.namespaceUri === "")) ack = r.readText().trim();
    else r.skipElement();
  }
  if (ack === "false" || ack === "0") return failed(NACK);
  if (ack !== "true" && ack !== "1") return failed(ack === undefined ? "notificationsResponse has no Ack" : `Ack ${JSON.stringify(ack)} is not an xsd:boolean`);
  return status === 200 ? { acked: true } : failed(`HTTP ${status} with <Ack>true</Ack>: only HTTP 200 counts`);
}

function bodyVerdict(r: XmlReader, status: number): Verdict {
  if (!r.nextChild()) return failed("the SOAP Body is empty");
  if (r.localName === "Fault") return failed(faultReason(r));
  if (r.is(OUTBOUND_NS, "notificationsResponse")) return ackVerdict(r, status);
  const where = r.namespaceUri === "" ? "no namespace" : `namespace ${r.namespaceUri}`;
  return failed(`unexpected <${r.localName}> in ${where} in the SOAP Body, expected notificationsResponse in namespace ${OUTBOUND_NS}`);
}

/** Judges one HTTP answer the way Salesforce does. */
export function judgeReply(status: number, body: string): Verdict {
  const text = body.replace(/^\uFEFF/, "");
  if (text.trim() === "") return failed(EMPTY_REPLY);
  if (!text.trimStart().startsWith("<")) return failed(NOT_IN_PROLOG);
  try {
    const r = XmlReader.fromInput(text);
    r.openRoot();
    if (!r.is(SOAP11_ENVELOPE_NS, "Envelope") && !r.is(SOAP12_ENVELOPE_NS, "Envelope")) return failed(NOT_IN_PROLOG);
    while (r.nextChild()) {
      if (r.localName === "Body") return bodyVerdict(r, status);
      r.skipElement();
    }
    return failed("the SOAP Envelope has no Body");
  } catch (error) {
    if (!(error instanceof OutboundMessageError)) throw error;
    // An HTML page with a DOCTYPE lands here too; Salesforce's parser gives up at its start.
    return failed(error.code === "DOCTYPE_FORBIDDEN" ? NOT_IN_PROLOG : `malformed XML in the response: ${error.message}`);
  }
}
