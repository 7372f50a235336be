// Namespace URIs of the outbound-message wire format. The parser matches on these, never on
// prefixes: Salesforce writes `soapenv:` and `sf:`, proxies and test tools write anything.

export const SOAP11_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12_ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope";
export const OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
export const SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
