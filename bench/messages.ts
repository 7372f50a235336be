import type { CanonicalMessage, CanonicalNotification } from "./canonical.js";
import type { Canonical } from "./coercion.js";
import { seededRandom, type Random } from "./random.js";
import type { FieldKind, SObjectSchema } from "./wsdl-fields.js";

// Outbound messages as Salesforce sends them, generated from the WSDL's field list: pretty-printed,
// `sf:` prefixed fields, Java-style doubles (`45000.0`, `2.5E7`), `….000Z` dateTimes, 18-character
// ids, some non-ASCII text and `&amp;`, and null fields left out (Salesforce omits them rather
// than sending xsi:nil). Which fields are null follows a per-field pattern like a real org's:
// system fields and checkboxes are never null, most fields are usually filled, some usually
// empty, some vary from record to record (so records differ in which fields they carry).
// Seeded, so every run parses byte-identical input. Each message comes with the values it holds,
// the ground truth for the equality check.

export interface BenchMessage {
  readonly notifications: number;
  readonly xml: string;
  /** The same message as UTF-8, as it arrives over HTTP. */
  readonly bytes: Uint8Array;
  readonly expected: CanonicalMessage;
  /** Share of the sObject fields (all notifications) left out as null. */
  readonly nullShare: number;
}

const ORGANIZATION_ID = "00D5w000004qGTOEA2";
const ACTION_ID = "04k5w000000TSwMAAW";
const ENDPOINT = "https://acme--sandbox.my.salesforce.com/services/Soap";
/** Fields Salesforce always fills (system and required fields); checkboxes are never null either. */
const ALWAYS_SET = new Set([
  "Name",
  "OwnerId",
  "CreatedById",
  "CreatedDate",
  "LastModifiedById",
  "LastModifiedDate",
  "SystemModstamp",
  "IsDeleted",
]);

/**
 * The chance that each field is null in a record: 0 for the fields above, else drawn once per
 * schema: usually filled (55% of fields), usually empty (25%) or either (20%).
 */
function nullChances(schema: SObjectSchema, random: Random): Map<string, number> {
  const chances = new Map<string, number>();
  for (const { name, kind } of schema.fields) {
    const roll = random.next();
    chances.set(name, ALWAYS_SET.has(name) || kind === "boolean" ? 0 : roll < 0.55 ? 0.05 : roll < 0.8 ? 0.85 : 0.5);
  }
  return chances;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function salesforceId(random: Random, keyPrefix: string): string {
  // key prefix (3) + pod and reserved (6) + record number (6) + case-safe checksum (3) = 18.
  let id = `${keyPrefix}5w0000`;
  for (let i = 0; i < 6; i++) id += ALPHANUMERIC[random.int(0, ALPHANUMERIC.length - 1)];
  for (let i = 0; i < 3; i++) id += ALPHANUMERIC[random.int(10, 35)];
  return id;
}

/** How Java's Double.toString (which Salesforce uses) prints a double: `45000.0`, `1234.5`, `2.5E7`. */
function javaDouble(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3)) {
    const exponent = Math.floor(Math.log10(magnitude));
    const mantissa = Number((value / 10 ** exponent).toPrecision(15));
    return `${Number.isInteger(mantissa) ? `${mantissa}.0` : String(mantissa)}E${exponent}`;
  }
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

const CITIES = ["San Francisco", "München", "São Paulo", "Zürich", "Montréal", "Kraków", "New York", "東京", "Austin"];
const COUNTRIES = ["United States", "Deutschland", "Brasil", "Schweiz", "Canada", "Polska", "日本"];
const STATES = ["CA", "NY", "BY", "SP", "ZH", "QC", "TX"];
const STREETS = [
  "1 Market Street, Suite 300",
  "Bahnhofstraße 12",
  "Rua Oscar Freire, 379",
  "350 Fifth Avenue",
  "ul. Floriańska 15",
];
const COMPANIES = [
  "Acme Corporation",
  "Johnson & Johnson",
  "Müller Maschinenbau GmbH",
  "Société Générale",
  "Backpackers, Inc. (Sample)",
  "Edge Communications",
  "Burlington Textiles Corp of America",
  "R&D Labs",
];
const PICKLIST = [
  "Hot",
  "Warm",
  "Cold",
  "Prospect",
  "Customer - Direct",
  "Partner",
  "Web",
  "Phone Inquiry",
  "Public",
  "Net 30",
  "Monthly",
];
const SENTENCES = [
  "Key account for the EMEA region; renewal negotiations start in Q3.",
  "Prefers invoices by e-mail & quarterly business reviews on site.",
  "Über 200 Standorte in Europa, Zentrale in München.",
  "Migrated from the legacy CRM in 2019, duplicates merged.",
  "Contact the account team before changing billing terms.",
];

function stringValue(random: Random, field: string): string {
  if (/Phone|Fax/.test(field))
    return random.chance(0.5) ? `(415) 555-${pad(random.int(0, 9999), 4)}` : `+49 89 ${random.int(1000000, 9999999)}`;
  if (/PostalCode/.test(field)) return random.pick(["94105", "10115", "01310-200", "8001", "SW1A 1AA"]);
  if (/City/.test(field)) return random.pick(CITIES);
  if (/Country/.test(field)) return random.pick(COUNTRIES);
  if (/State/.test(field)) return random.pick(STATES);
  if (/Street/.test(field)) return random.pick(STREETS);
  if (/GeocodeAccuracy/.test(field)) return random.pick(["Address", "Zip", "Street", "City"]);
  if (/PhotoUrl/.test(field)) return `/services/images/photo/${salesforceId(random, "001")}`;
  if (/Website|Url/.test(field)) return `https://www.example-${random.int(1, 999)}.com/`;
  if (/Description/.test(field)) return `${random.pick(SENTENCES)} ${random.pick(SENTENCES)}`;
  if (/Name/.test(field)) return random.pick(COMPANIES);
  if (/Number|_ID__c|VAT/.test(field)) return `CD${random.int(100000, 999999)}`;
  return random.chance(0.7) ? random.pick(PICKLIST) : `${random.pick(COMPANIES)} ${random.int(1, 99)}`;
}

function doubleValue(random: Random, field: string): number {
  if (/Latitude/.test(field)) return random.int(-90_000_000, 90_000_000) / 1e6;
  if (/Longitude/.test(field)) return random.int(-180_000_000, 180_000_000) / 1e6;
  if (/Revenue/.test(field)) return random.int(50, 20_000) * 1000; // ≥ 1E7 half the time: Java's E notation
  if (/MRR|Value|Amount|Payment/.test(field)) return random.int(0, 10_000_000) / 100;
  return random.int(0, 500);
}

/** One field's XML text and the value it denotes. */
function fieldValue(random: Random, field: string, kind: FieldKind): { text: string; value: Canonical } {
  switch (kind) {
    case "ID": {
      const prefix = /ById$|OwnerId$/.test(field)
        ? "005"
        : /RecordType/.test(field)
          ? "012"
          : /Parent|Master/.test(field)
            ? "001"
            : "a0B";
      const id = salesforceId(random, prefix);
      return { text: id, value: id };
    }
    case "double": {
      const text = javaDouble(doubleValue(random, field));
      return { text, value: Number(text) };
    }
    case "int": {
      const n = random.int(1, 250_000);
      return { text: String(n), value: n };
    }
    case "boolean": {
      const flag = random.chance(0.3);
      return { text: String(flag), value: flag };
    }
    case "date": {
      const text = `${random.int(2015, 2024)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
      return { text, value: text };
    }
    case "dateTime": {
      const millis = Date.UTC(2019, 0, 1) + random.int(0, 6 * 365 * 86400) * 1000;
      const text = new Date(millis).toISOString(); // 2020-05-08T13:40:22.000Z, as Salesforce sends it
      return { text, value: text };
    }
    case "string": {
      const value = stringValue(random, field);
      return { text: escapeXml(value), value };
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

export interface MessageOptions {
  readonly seed?: number;
  /**
   * For experiments: the same null chance for every field instead of the per-field pattern
   * (0 gives every record every field, hence the same shape).
   */
  readonly uniformNullChance?: number;
}

/** A message with `count` notifications of the schema's object. Same arguments, same bytes. */
export function generateMessage(schema: SObjectSchema, count: number, options: MessageOptions = {}): BenchMessage {
  const seed = options.seed ?? 20_240_501;
  // The null pattern depends on the schema and seed only: messages of every size share it.
  const chances = nullChances(schema, seededRandom(seed));
  const uniform = options.uniformNullChance;
  const random = seededRandom(seed + count);
  let present = 0;
  const lines: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    ` <soapenv:Body>`,
    `  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">`,
    `   <OrganizationId>${ORGANIZATION_ID}</OrganizationId>`,
    `   <ActionId>${ACTION_ID}</ActionId>`,
    // "Send Session ID" is off by default: Salesforce then sends a nil SessionId.
    `   <SessionId xsi:nil="true"/>`,
    `   <EnterpriseUrl>${ENDPOINT}/c/47.0/00D5w000004qGTO</EnterpriseUrl>`,
    `   <PartnerUrl>${ENDPOINT}/u/47.0/00D5w000004qGTO</PartnerUrl>`,
  ];
  const notifications: CanonicalNotification[] = [];
  for (let i = 0; i < count; i++) {
    const notificationId = salesforceId(random, "04l");
    const recordId = salesforceId(random, "001");
    const sObject: Record<string, Canonical> = { Id: recordId };
    lines.push(
      `   <Notification>`,
      `    <Id>${notificationId}</Id>`,
      `    <sObject xsi:type="sf:${schema.objectName}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">`,
      `     <sf:Id>${recordId}</sf:Id>`,
    );
    for (const { name, kind } of schema.fields) {
      if (random.chance(uniform ?? chances.get(name) ?? 0)) continue; // null: left out, as Salesforce does
      present++;
      const { text, value } = fieldValue(random, name, kind);
      lines.push(`     <sf:${name}>${text}</sf:${name}>`);
      sObject[name] = value;
    }
    lines.push(`    </sObject>`, `   </Notification>`);
    notifications.push({ Id: notificationId, sObject });
  }
  lines.push(`  </notifications>`, ` </soapenv:Body>`, `</soapenv:Envelope>`, ``);
  const xml = lines.join("\n");
  return {
    notifications: count,
    xml,
    bytes: new TextEncoder().encode(xml),
    nullShare: schema.fields.length === 0 ? 0 : 1 - present / (schema.fields.length * count),
    expected: {
      OrganizationId: ORGANIZATION_ID,
      ActionId: ACTION_ID,
      SessionId: null,
      EnterpriseUrl: `${ENDPOINT}/c/47.0/00D5w000004qGTO`,
      PartnerUrl: `${ENDPOINT}/u/47.0/00D5w000004qGTO`,
      Notification: notifications,
    },
  };
}
