// The replies an outbound-message endpoint sends. Salesforce counts a delivery as done only on
// a parsable notificationsResponse with Ack true; everything else is retried for 24 hours.

import { NOT_XML_CHAR } from "./xml-chars.js";

/** The canonical acknowledgement, verbatim from Salesforce Help article 000381752. */
export const ACK_TRUE: string =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"> <soapenv:Body> <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"> <Ack>true</Ack> </notificationsResponse> </soapenv:Body> </soapenv:Envelope>';

/** The same envelope with Ack false: Salesforce records "SOAP response was a nack" and retries. */
export const ACK_FALSE: string = ACK_TRUE.replace("<Ack>true</Ack>", "<Ack>false</Ack>");

/** The `notificationsResponse` envelope for `ack`. */
export function ackResponse(ack: boolean): string {
  return ack ? ACK_TRUE : ACK_FALSE;
}

/** SOAP 1.1 fault codes: `Client` when the request is at fault, `Server` when the receiver is. */
export type FaultCode = "Client" | "Server";

/** Characters XML 1.0 cannot carry at all (lone surrogates included); dropped rather than escaped. */
const NOT_XML = new RegExp(NOT_XML_CHAR.source, "gu");

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;"); // a raw CR would reach the reader as LF
}

/** A SOAP 1.1 Fault envelope; Salesforce shows `faultstring` as the delivery failure reason. */
export function faultResponse(code: FaultCode, message: string): string {
  return (
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"> <soapenv:Body> <soapenv:Fault>' +
    ` <faultcode>soapenv:${code}</faultcode> <faultstring>${escapeXml(message)}</faultstring>` +
    " </soapenv:Fault> </soapenv:Body> </soapenv:Envelope>"
  );
}
