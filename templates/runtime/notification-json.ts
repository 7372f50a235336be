import type { NotificationOf, SObjectBase } from "./types.js";

// A notification as JSON text and back, for the inbox's column or a queue's payload. JSON alone
// loses what the parser gives: Dates (they become strings) and the numbers JSON cannot write
// (NaN, ±Infinity, -0). Those are written as strings and revived by the field's declared kind,
// which each package lists per message; `null`, absent fields and `unknownFields` survive as
// they are.

/** The sObject fields whose values JSON does not keep as they are, by the kind the WSDL declares. */
export interface NotificationFields {
  /** The message, so that one inbox table can hold several (`OpportunityNotification`). */
  readonly name: string;
  /** Fields typed `Date` (xsd:dateTime unless generated with `--datetime string`). */
  readonly dates: readonly string[];
  /** Fields typed `number` (xsd:double, int, long). */
  readonly numbers: readonly string[];
  /** The parser makes this message's sObjects without a prototype (a field is named `__proto__`, `toString`, …). */
  readonly withoutPrototype?: true;
}

/** How an inbox or a queue turns one notification of a message into text and back. */
export interface NotificationCodec<N> {
  readonly name: string;
  serialize(notification: N): string;
  revive(text: string): N;
}

/** Numbers JSON has no literal for, and the text they are kept as. */
const SPECIAL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
  ["-0", -0],
]);

function numberReplacer(_key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (Object.is(value, -0)) return "-0";
  return Number.isFinite(value) ? value : String(value);
}

/** The JSON text of a notification: Dates as ISO 8601, NaN, ±Infinity and -0 as strings. */
export function serializeNotificationWith<N extends NotificationOf<SObjectBase>>(notification: N): string {
  return JSON.stringify(notification, numberReplacer);
}

/** The notification `serializeNotificationWith` wrote, with the field kinds of `fields`. */
export function reviveNotificationWith<N extends NotificationOf<SObjectBase>>(text: string, fields: NotificationFields): N {
  const parsed: unknown = JSON.parse(text);
  const notification = parsed as { Id?: unknown; sObject?: unknown } | null;
  if (typeof notification?.Id !== "string" || typeof notification.sObject !== "object" || notification.sObject === null) {
    throw new TypeError(`reviveNotification: the text is not a serialized ${fields.name}`);
  }
  // JSON.parse makes every key an own property, `__proto__` too; copying them onto a record
  // without a prototype keeps them so.
  if (fields.withoutPrototype === true) notification.sObject = Object.assign(Object.create(null) as object, notification.sObject);
  const sObject = notification.sObject as Record<string, unknown>;
  for (const name of fields.dates) {
    const value = sObject[name];
    if (typeof value === "string") sObject[name] = new Date(value);
  }
  for (const name of fields.numbers) {
    const value = sObject[name];
    if (typeof value === "string") sObject[name] = SPECIAL_NUMBERS.get(value) ?? Number(value);
  }
  return parsed as N;
}

/** The codec of one message, from its field kinds. */
export function notificationCodec<N extends NotificationOf<SObjectBase>>(fields: NotificationFields): NotificationCodec<N> {
  return {
    name: fields.name,
    serialize: (notification) => serializeNotificationWith(notification),
    revive: (text) => reviveNotificationWith<N>(text, fields),
  };
}
