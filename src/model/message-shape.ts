import type { DateTimeMode, UnnamedMessageModel, ValueKind } from "./model.js";

/** Key prefixes (the first 3 characters of a record id) of standard objects outbound messages are defined on. */
const STANDARD_KEY_PREFIXES: Readonly<Record<string, string>> = {
  Account: "001",
  Contact: "003",
  User: "005",
  Opportunity: "006",
  Lead: "00Q",
  Task: "00T",
  Event: "00U",
  Campaign: "701",
  CampaignMember: "00v",
  Case: "500",
  Contract: "800",
  Order: "801",
  Product2: "01t",
  Pricebook2: "01s",
  Asset: "02i",
  Quote: "0Q0",
  OpportunityLineItem: "00k",
  WorkOrder: "0WO",
};

/**
 * The key prefix of the object's record ids. Custom objects get theirs per org (`a00`…`a0Z`, …),
 * so one is derived from the name: stable, and shaped like the real ones.
 */
function keyPrefixOf(objectName: string): string {
  if (Object.hasOwn(STANDARD_KEY_PREFIXES, objectName)) return STANDARD_KEY_PREFIXES[objectName] as string;
  let hash = 0;
  for (let i = 0; i < objectName.length; i++) hash = (hash * 31 + objectName.charCodeAt(i)) >>> 0;
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return `a${alphabet[hash % 10]}${alphabet[(hash >>> 8) % alphabet.length]}`;
}

/** What the test kit needs of a message: the object, its id prefix and its fields in WSDL order. */
export interface MessageShape {
  readonly objectName: string;
  readonly keyPrefix: string;
  readonly dateTime: DateTimeMode;
  readonly fields: readonly (readonly [name: string, kind: ValueKind])[];
}

/** The test kit's view of a model; `testing.ts` of each package declares it, and `send` builds it. */
export function messageShapeOf(model: UnnamedMessageModel): MessageShape {
  return {
    objectName: model.objectName,
    keyPrefix: keyPrefixOf(model.objectName),
    dateTime: model.dateTime,
    fields: model.fields.map((field) => [field.name, field.valueKind] as const),
  };
}
