import { MAX_NOTIFICATIONS } from "./envelope.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOBJECT_NS, XSI_NS } from "./namespaces.js";
import { escapeXml } from "./soap.js";
import { ACTION_PREFIX, NOTIFICATION_PREFIX, ORGANIZATION_PREFIX, salesforceId } from "./testing-ids.js";
import { lexicalForm } from "./testing-lexical.js";
import type { MessageShape, NotificationInput, NotificationsInput, PartialRecord } from "./testing-shape.js";
import type { SObjectBase, UnknownFields } from "./types.js";

// Writes a `notifications` request exactly as Salesforce sends it (spec §4): `soapenv` envelope
// with xsd and xsi declared, `notifications` in a default namespace, sObject fields prefixed `sf`
// (declared on each sObject), `xsi:type` on the sObject, fields in WSDL order, one-space indent.

const XSD_NS = "http://www.w3.org/2001/XMLSchema";

/** The org every default id and URL refers to. */
export const DEFAULT_ORGANIZATION_ID: string = salesforceId(ORGANIZATION_PREFIX, 1);

/** The Enterprise and Partner API URLs of an org, as Salesforce fills them in. */
export function apiUrls(organizationId: string): { readonly EnterpriseUrl: string; readonly PartnerUrl: string } {
  const base = "https://example.my.salesforce.com/services/Soap";
  const org15 = organizationId.slice(0, 15);
  return { EnterpriseUrl: `${base}/c/59.0/${org15}`, PartnerUrl: `${base}/u/59.0/${org15}` };
}

function element(indent: string, name: string, value: string | null): string {
  return value === null ? `${indent}<${name} xsi:nil="true"/>` : `${indent}<${name}>${escapeXml(value)}</${name}>`;
}

function isXmlName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9._-]*$/.test(name);
}

/** An undeclared field, as the parser keeps it: `name` in the sObject namespace, or `{uri}name`. */
function unknownField(key: string, value: string | null): string {
  const qualified = /^\{([^}]*)\}(.+)$/.exec(key);
  const name = qualified?.[2] ?? key;
  if (!isXmlName(name)) throw new RangeError(`unknownFields: ${JSON.stringify(key)} is not an element name`);
  const namespaceUri = qualified?.[1];
  if (namespaceUri === undefined || namespaceUri === SOBJECT_NS) return element("     ", `sf:${name}`, value);
  // An element of another namespace carries its own declaration; "" (no namespace) cannot have a prefix.
  const qname = namespaceUri === "" ? name : `u:${name}`;
  const declaration = namespaceUri === "" ? ' xmlns=""' : ` xmlns:u="${escapeXml(namespaceUri)}"`;
  return value === null
    ? `     <${qname}${declaration} xsi:nil="true"/>`
    : `     <${qname}${declaration}>${escapeXml(value)}</${qname}>`;
}

function sObjectXml<S extends SObjectBase>(shape: MessageShape, record: PartialRecord<S>, position: number): string[] {
  const values = record as Readonly<Record<string, unknown>>;
  const lines = [`    <sObject xsi:type="sf:${shape.objectName}" xmlns:sf="${SOBJECT_NS}">`];
  for (const name of record.fieldsToNull ?? []) lines.push(element("     ", "sf:fieldsToNull", name));
  lines.push(element("     ", "sf:Id", record.Id ?? salesforceId(shape.keyPrefix, position + 1)));
  for (const [name, kind] of shape.fields) {
    if (!Object.hasOwn(values, name)) continue;
    const value = values[name];
    if (value === undefined) continue; // absent, as Salesforce leaves out null fields
    lines.push(element("     ", `sf:${name}`, value === null ? null : lexicalForm(kind, value, name)));
  }
  const unknownFields: UnknownFields = record.unknownFields ?? {};
  for (const [key, value] of Object.entries(unknownFields)) lines.push(unknownField(key, value));
  lines.push("    </sObject>");
  return lines;
}

function notificationXml<S extends SObjectBase>(shape: MessageShape, input: NotificationInput<S>, position: number): string[] {
  return [
    "   <Notification>",
    element("    ", "Id", input.Id ?? salesforceId(NOTIFICATION_PREFIX, position + 1)),
    ...sObjectXml(shape, input.sObject ?? {}, position),
    "   </Notification>",
  ];
}

/**
 * The SOAP request Salesforce would POST for `request`, with defaults for everything left out.
 * A parsed message (the parser's output) gives a message that parses back to the same value.
 */
export function buildNotificationsXmlOf<S extends SObjectBase>(shape: MessageShape, request: NotificationsInput<S>): string {
  const notifications = request.Notification ?? [{}];
  if (notifications.length === 0) throw new RangeError("a message holds at least one notification");
  if (notifications.length > MAX_NOTIFICATIONS) {
    throw new RangeError(`a message holds at most ${MAX_NOTIFICATIONS} notifications, got ${notifications.length}`);
  }
  const organizationId = request.OrganizationId ?? DEFAULT_ORGANIZATION_ID;
  const urls = apiUrls(/^[a-zA-Z0-9]{15}/.test(organizationId) ? organizationId : DEFAULT_ORGANIZATION_ID);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_ENVELOPE_NS}" xmlns:xsd="${XSD_NS}" xmlns:xsi="${XSI_NS}">`,
    " <soapenv:Body>",
    `  <notifications xmlns="${OUTBOUND_NS}">`,
    element("   ", "OrganizationId", organizationId),
    element("   ", "ActionId", request.ActionId ?? salesforceId(ACTION_PREFIX, 1)),
    element("   ", "SessionId", request.SessionId ?? null),
    element("   ", "EnterpriseUrl", request.EnterpriseUrl ?? urls.EnterpriseUrl),
    element("   ", "PartnerUrl", request.PartnerUrl ?? urls.PartnerUrl),
    ...notifications.flatMap((notification, i) => notificationXml(shape, notification, i)),
    "  </notifications>",
    " </soapenv:Body>",
    "</soapenv:Envelope>",
  ];
  return `${lines.join("\n")}\n`;
}
