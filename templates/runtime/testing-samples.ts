import { MAX_NOTIFICATIONS } from "./envelope.js";
import { ACTION_PREFIX, NOTIFICATION_PREFIX, ORGANIZATION_PREFIX, referencePrefix, salesforceId, toCaseSafeId } from "./testing-ids.js";
import type { FieldKind, MessageShape, SampleOptions } from "./testing-shape.js";
import { apiUrls } from "./testing-xml.js";
import type { NonEmptyArray, NotificationOf, NotificationsOf, SObjectBase } from "./types.js";

// Realistic, seeded values per field kind, with the field's name as a hint (an `Email` gets an
// address, a `StageName` a picklist value). The same seed always gives the same message.

/** A small seeded generator (mulberry32): numbers in [0, 1). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed and a position into one 32-bit seed, so notification i is the same whatever the count. */
function mix(seed: number, position: number): number {
  let h = Math.imul((seed | 0) ^ 0x85ebca6b, 0xc2b2ae35) ^ Math.imul(position + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

const FIRST_NAMES = ["Ana", "José", "Zoë", "Björn", "Amélie", "Chen", "Fatima", "Liam", "Noémie", "Søren"];
const LAST_NAMES = ["García", "Müller", "O'Brien", "Nakamura", "Dubois", "Kowalski", "Smith", "Østergaard"];
const COMPANIES = ["Acme & Sons", "Müller Maschinenbau GmbH", "Café Crème SARL", "Edge Communications", "Burlington Textiles Corp of America", "Ñandú Logística"];
const CITIES = ["San Francisco", "Zürich", "São Paulo", "Montréal", "Kraków", "Tokyo"];
const STREETS = ["1 Market St", "Bahnhofstrasse 12", "Rua Augusta, 1500", "2 rue de la Paix"];
const PICKLISTS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/stage/i, ["Prospecting", "Qualification", "Needs Analysis", "Negotiation/Review", "Closed Won", "Closed Lost"]],
  [/status/i, ["New", "Working", "Escalated", "Closed", "Pre-Calificación"]],
  [/industry/i, ["Banking", "Energy", "Healthcare", "Retail", "Technology"]],
  [/rating/i, ["Hot", "Warm", "Cold"]],
  [/source/i, ["Web", "Phone Inquiry", "Partner Referral", "Trade Show"]],
  [/priority/i, ["High", "Medium", "Low"]],
  [/origin/i, ["Email", "Phone", "Web"]],
  [/type$/i, ["Customer - Direct", "Channel Partner / Reseller", "Prospect"]],
  [/salutation/i, ["Mr.", "Ms.", "Dr.", "Prof."]],
];

function person(random: Random): { first: string; last: string } {
  return { first: pick(random, FIRST_NAMES), last: pick(random, LAST_NAMES) };
}

function ascii(text: string): string {
  return text.normalize("NFD").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

/** A text value that fits the field's name: names, emails, phones, addresses, picklists, prose. */
function sampleString(name: string, random: Random): string {
  if (/e-?mail/i.test(name)) {
    const { first, last } = person(random);
    return `${ascii(first)}.${ascii(last)}@example.com`;
  }
  if (/phone|fax/i.test(name)) return `(${between(random, 200, 989)}) 555-${pad(between(random, 0, 9999), 4)}`;
  if (/url|website/i.test(name)) return `https://www.example.com/${ascii(pick(random, COMPANIES))}?ref=sf&id=${between(random, 1, 999)}`;
  if (/first_?name/i.test(name)) return person(random).first;
  if (/last_?name/i.test(name)) return person(random).last;
  if (/street/i.test(name)) return pick(random, STREETS);
  if (/city/i.test(name)) return pick(random, CITIES);
  if (/postal|zip/i.test(name)) return pad(between(random, 1000, 99999), 5);
  if (/country/i.test(name)) return pick(random, ["United States", "Switzerland", "Brasil", "Canada"]);
  if (/company|account/i.test(name)) return pick(random, COMPANIES);
  if (/description|comment|note|subject/i.test(name)) {
    return `Follow-up with ${person(random).first} & team: <${pick(random, COMPANIES)}> — “ñ” and ✓`;
  }
  for (const [pattern, values] of PICKLISTS) if (pattern.test(name)) return pick(random, values);
  if (/name/i.test(name)) {
    const { first, last } = person(random);
    return random() < 0.5 ? `${first} ${last}` : pick(random, COMPANIES);
  }
  return `${pick(random, ["Alpha", "Beta", "Gamma", "Delta"])} ${between(random, 1, 999)}`;
}

function sampleDouble(name: string, random: Random): number {
  if (/probability|percent|discount|rate/i.test(name)) return between(random, 0, 10) * 10;
  if (/latitude/i.test(name)) return Math.round((random() * 180 - 90) * 1e6) / 1e6;
  if (/longitude/i.test(name)) return Math.round((random() * 360 - 180) * 1e6) / 1e6;
  // Amounts: whole thousands most of the time (`45000.0`), cents now and then.
  const amount = between(random, 1, 500) * 1000;
  return random() < 0.7 ? amount : amount + between(random, 1, 99) / 100;
}

function sampleInt(name: string, random: Random): number {
  if (/year/i.test(name)) return between(random, 2015, 2026);
  if (/quarter/i.test(name)) return between(random, 1, 4);
  if (/employees/i.test(name)) return between(random, 1, 5000);
  return between(random, 0, 1000);
}

const DAY = 86_400_000;
const EPOCH_2015 = Date.UTC(2015, 0, 1);

function sampleInstant(random: Random): Date {
  // Whole seconds: Salesforce's dateTimes always end in `.000Z`.
  return new Date(EPOCH_2015 + Math.floor(random() * 12 * 365 * 86_400) * 1000);
}

function base64(random: Random): string {
  let bytes = "";
  for (let i = between(random, 3, 24); i > 0; i--) bytes += String.fromCharCode(between(random, 0, 255));
  return btoa(bytes);
}

/** A value of `kind` for the field `name`, as the package's parser would return it. */
export function sampleValue(kind: FieldKind, name: string, dateTime: "date" | "string", random: Random): unknown {
  switch (kind) {
    case "id":
      return salesforceId(referencePrefix(name), between(random, 1, 2 ** 40));
    case "double":
      return sampleDouble(name, random);
    case "int":
      return sampleInt(name, random);
    case "long":
      return between(random, 0, 2 ** 40);
    case "boolean":
      return random() < 0.5;
    case "date":
      return new Date(EPOCH_2015 + between(random, 0, 12 * 365) * DAY).toISOString().slice(0, 10);
    case "dateTime": {
      const instant = sampleInstant(random);
      return dateTime === "date" ? instant : instant.toISOString();
    }
    case "time":
      return `${pad(between(random, 0, 23), 2)}:${pad(between(random, 0, 59), 2)}:${pad(between(random, 0, 59), 2)}.000Z`;
    case "base64Binary":
      return base64(random);
    case "string":
    case "unknown":
      return sampleString(name, random);
  }
}

function checkOptions(count: number, nullRate: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_NOTIFICATIONS) {
    throw new RangeError(`count must be a whole number from 1 to ${MAX_NOTIFICATIONS} (one message holds at most ${MAX_NOTIFICATIONS} notifications), got ${count}`);
  }
  if (!(nullRate >= 0 && nullRate <= 1)) throw new RangeError(`nullRate must be from 0 to 1, got ${nullRate}`);
}

/** Record and notification numbers of a seed: far apart, so messages of different seeds do not share ids. */
function serialBase(seed: number, salt: number): number {
  return (mix(seed, salt) % 1_000_000_000) * 1_000_000;
}

function sampleRecord<S extends SObjectBase>(shape: MessageShape, seed: number, nullRate: number, position: number): S {
  const random = seededRandom(mix(seed, position));
  const record: Record<string, unknown> = { Id: salesforceId(shape.keyPrefix, serialBase(seed, -2) + position + 1) };
  for (const [name, kind] of shape.fields) {
    const empty = random() < nullRate;
    const value = sampleValue(kind, name, shape.dateTime, random);
    if (empty && random() < 0.5) record[name] = null;
    else if (!empty) record[name] = value;
  }
  return record as S;
}

/** A whole parsed message with `count` sampled notifications (see SampleOptions). */
export function sampleNotificationsOf<S extends SObjectBase>(shape: MessageShape, options: SampleOptions = {}): NotificationsOf<S> {
  const { count = 1, seed = 1, nullRate = 0, first = 0 } = options;
  checkOptions(count, nullRate);
  const organizationId = options.organizationId === undefined ? salesforceId(ORGANIZATION_PREFIX, serialBase(seed, -1)) : toCaseSafeId(options.organizationId);
  const notifications: NotificationOf<S>[] = [];
  for (let position = first; position < first + count; position++) {
    notifications.push({
      Id: salesforceId(NOTIFICATION_PREFIX, serialBase(seed, -3) + position + 1),
      sObject: sampleRecord<S>(shape, seed, nullRate, position),
    });
  }
  return {
    OrganizationId: organizationId,
    ActionId: salesforceId(ACTION_PREFIX, serialBase(seed, -4)),
    SessionId: null,
    ...apiUrls(organizationId),
    Notification: notifications as NonEmptyArray<NotificationOf<S>>,
  };
}
