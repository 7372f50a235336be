import type { OutboundMessageErrorCode } from "./errors.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from "./namespaces.js";
import type { MessageBody } from "./types.js";
import { readString } from "./values.js";
import { XmlReader } from "./xml-reader.js";

/**
 * Errors about the document as a whole, judged before the OrganizationId: they name nothing the
 * endpoint accepts, so anyone may learn them. Every other parser error (object type, action,
 * values, counts) is told only to an accepted org.
 */
export const ENVELOPE_ERRORS: ReadonlySet<OutboundMessageErrorCode> = new Set<OutboundMessageErrorCode>([
  "INVALID_ENCODING",
  "MALFORMED_XML",
  "DOCTYPE_FORBIDDEN",
  "NESTING_TOO_DEEP",
  "NOT_NOTIFICATIONS",
]);

/**
 * The OrganizationId of a message the schema-specialised parser refused, read without the schema:
 * `Envelope/Body/notifications/OrganizationId`, everything else only checked for well-formedness.
 * Throws the reader's error when the document is not well-formed; undefined when there is no
 * OrganizationId (or it is nil). Runs only on that error path, so a valid message is read once.
 */
export function scanOrganizationId(input: MessageBody): string | undefined {
  const r = XmlReader.fromInput(input);
  r.openRoot();
  let found: string | null | undefined;
  const envelopeNs = r.namespaceUri;
  const isEnvelope = r.is(SOAP11_ENVELOPE_NS, "Envelope") || r.is(SOAP12_ENVELOPE_NS, "Envelope");
  while (isEnvelope && r.nextChild()) {
    if (!r.is(envelopeNs, "Body")) {
      r.skipElement();
      continue;
    }
    while (r.nextChild()) {
      if (!r.is(OUTBOUND_NS, "notifications")) {
        r.skipElement();
        continue;
      }
      while (r.nextChild()) {
        if (found === undefined && r.is(OUTBOUND_NS, "OrganizationId")) found = readString(r);
        else r.skipElement();
      }
    }
  }
  if (!isEnvelope) r.skipElement();
  r.finish();
  return found ?? undefined;
}

/** Compares the first 15 characters in time independent of where they differ. */
export function sameOrganization(expected15: string, actual: string): boolean {
  let difference = actual.length >= 15 ? 0 : 1;
  for (let i = 0; i < 15; i++) difference |= expected15.charCodeAt(i) ^ (actual.charCodeAt(i) | 0);
  return difference === 0;
}

