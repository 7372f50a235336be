// Namespace URIs a Salesforce outbound-message WSDL uses. Prefixes vary between re-saved
// copies of a WSDL, so everything is matched on these URIs.

export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
export const WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
export const ENTERPRISE_NS = "urn:enterprise.soap.sforce.com";
export const SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
