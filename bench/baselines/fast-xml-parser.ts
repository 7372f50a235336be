import { XMLParser } from "fast-xml-parser";
import { coercionTable, type Typed } from "../coercion.js";
import type { SObjectSchema } from "../wsdl-fields.js";

// fast-xml-parser plus a per-field coercion table: the "just parse the XML" approach. Configured
// the way a careful user would: namespace prefixes removed (`sf:Name` → `Name`), tag values left
// as text (its number guessing would turn a postal code like 01310-200 or 94105 into whatever it
// likes), `Notification` always an array, attributes kept so `xsi:nil` can be recognised. The
// table, built once from the WSDL, then types each field: Number, parseInt, true/false, Date.

export interface ParsedMessage {
  OrganizationId: unknown;
  ActionId: unknown;
  SessionId: unknown;
  EnterpriseUrl: unknown;
  PartnerUrl: unknown;
  Notification: { Id: unknown; sObject: Record<string, Typed> }[];
}

type Node = Record<string, unknown>;

const NOTIFICATION_PATH = "Envelope.Body.notifications.Notification";

function isNil(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Node)["@_nil"] === "true";
}

export function createFastXmlParserBaseline(schema: SObjectSchema): (xml: string) => ParsedMessage {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (_name, jpath) => jpath === NOTIFICATION_PATH,
  });
  const table = coercionTable(schema);
  const text = (value: unknown): unknown => (isNil(value) ? null : value);

  return (xml) => {
    const document = parser.parse(xml) as { Envelope?: { Body?: { notifications?: Node } } };
    const body = document.Envelope?.Body?.notifications;
    if (body === undefined) throw new Error("not an outbound message");
    const notifications = (body["Notification"] ?? []) as Node[];
    return {
      OrganizationId: text(body["OrganizationId"]),
      ActionId: text(body["ActionId"]),
      SessionId: text(body["SessionId"]),
      EnterpriseUrl: text(body["EnterpriseUrl"]),
      PartnerUrl: text(body["PartnerUrl"]),
      Notification: notifications.map((notification) => {
        const sObject: Record<string, Typed> = {};
        for (const [name, value] of Object.entries(notification["sObject"] as Node)) {
          if (name.startsWith("@_")) continue; // xsi:type
          const coerce = table.get(name);
          sObject[name] = isNil(value) ? null : coerce === undefined ? (value as string) : coerce(value as string);
        }
        return { Id: notification["Id"], sObject };
      }),
    };
  };
}
