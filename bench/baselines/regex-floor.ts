import { coercionTable, type Typed } from "../coercion.js";
import type { SObjectSchema } from "../wsdl-fields.js";
import type { ParsedMessage } from "./fast-xml-parser.js";

// The floor: a throwaway regex tokenizer that knows exactly what Salesforce sends and nothing
// else. NOT an XML parser: no well-formedness check, no namespaces (it matches the `sf:` prefix
// literally), no CDATA or comments, only the five predefined entities. It shows roughly how fast
// any JavaScript reader of these messages can be; it is an informational row, not a target.

const HEADER = /<(OrganizationId|ActionId|SessionId|EnterpriseUrl|PartnerUrl)([^>]*)>([^<]*)/g;
const NOTIFICATION = /<Notification>\s*<Id>([^<]*)<\/Id>\s*<sObject[^>]*>([\s\S]*?)<\/sObject>/g;
/** `<sf:Name attrs>text` up to the next `<`; a trailing `/` in attrs marks an empty element. */
const FIELD = /<sf:([A-Za-z0-9_]+)([^>]*)>([^<]*)/g;
const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.includes("&") ? text.replace(ENTITY, (_, name: string) => ENTITIES[name] ?? "") : text;
}

function value(attributes: string, text: string): string | null {
  if (attributes.includes('nil="true"')) return null;
  return attributes.endsWith("/") ? "" : decode(text);
}

export function createRegexFloor(schema: SObjectSchema): (xml: string) => ParsedMessage {
  const table = coercionTable(schema);
  return (xml) => {
    const header: Record<string, string | null> = {};
    const headerEnd = xml.indexOf("<Notification>");
    for (const m of xml.slice(0, headerEnd).matchAll(HEADER))
      header[m[1] as string] = value(m[2] as string, m[3] as string);
    const notifications: ParsedMessage["Notification"] = [];
    for (const n of xml.matchAll(NOTIFICATION)) {
      const sObject: Record<string, Typed> = {};
      for (const f of (n[2] as string).matchAll(FIELD)) {
        const name = f[1] as string;
        const text = value(f[2] as string, f[3] as string);
        const coerce = table.get(name);
        sObject[name] = text === null || coerce === undefined ? text : coerce(text);
      }
      notifications.push({ Id: n[1], sObject });
    }
    return {
      OrganizationId: header["OrganizationId"],
      ActionId: header["ActionId"],
      SessionId: header["SessionId"],
      EnterpriseUrl: header["EnterpriseUrl"],
      PartnerUrl: header["PartnerUrl"],
      Notification: notifications,
    };
  };
}
