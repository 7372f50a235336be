import { quoteValue } from "./errors.js";
import { XSI_NS } from "./namespaces.js";
import type { XmlReader } from "./xml-reader.js";

// One reader per XSD value kind. Each is called right after `nextChild()` opened a field element
// and consumes it. `xsi:nil="true"` yields null; an absent element never reaches a reader.
// `previous` is the value the record already holds for this field: anything but undefined means
// the element occurs twice, which the schema does not allow.

const DOUBLE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INTEGER = /^[+-]?[0-9]+$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

/** A field the record already has. The schema allows each field once. */
export function duplicateField(r: XmlReader): never {
  return r.fail("DUPLICATE_ELEMENT", `<${r.qualifiedName}> occurs more than once in this sObject`);
}

/**
 * True when the open element carries `xsi:nil="true"`; then it is consumed and must be empty.
 * The attribute check is skipped for the common attribute-less element.
 */
function readNil(r: XmlReader, previous: unknown): boolean {
  if (previous !== undefined) duplicateField(r);
  if (!r.hasAttributes) return false;
  const nil = r.attribute(XSI_NS, "nil");
  if (nil === undefined) return false;
  const flag = collapse(nil);
  if (flag === "false" || flag === "0") return false;
  if (flag !== "true" && flag !== "1") r.fail("INVALID_VALUE", `xsi:nil must be true or false, got ${quoteValue(nil)}`);
  if (collapse(r.readText()) !== "") r.failClosed("INVALID_VALUE", "an element with xsi:nil=\"true\" must be empty");
  return true;
}

/** XSD `whiteSpace="collapse"` for the non-string types: surrounding whitespace is not part of the value. */
function collapse(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const padded = first === 32 || first === 9 || first === 10 || first === 13 || last === 32 || last === 9 || last === 10 || last === 13;
  return padded ? text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "") : text;
}

function invalid(r: XmlReader, type: string, text: string): never {
  return r.failClosed("INVALID_VALUE", `expected ${type}, got ${quoteValue(text)}`);
}

/** xsd:string and every type kept as text: the content exactly as sent (entities decoded). */
export function readString(r: XmlReader, previous?: unknown): string | null {
  return readNil(r, previous) ? null : r.readText();
}

/** xsd:double: decimal or scientific notation, plus INF, -INF and NaN. */
export function readDouble(r: XmlReader, previous?: unknown): number | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  if (DOUBLE.test(value)) return Number(value);
  if (value === "INF" || value === "+INF") return Infinity;
  if (value === "-INF") return -Infinity;
  if (value === "NaN") return NaN;
  return invalid(r, "an xsd:double", text);
}

/** xsd:int: a whole number in the signed 32-bit range. */
export function readInt(r: XmlReader, previous?: unknown): number | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  const number = INTEGER.test(value) ? Number(value) : NaN;
  // `+ 0` turns "-0" into 0: integers have no negative zero.
  if (number >= -2147483648 && number <= 2147483647) return number + 0;
  return invalid(r, "an xsd:int (a whole number from -2147483648 to 2147483647)", text);
}

/** xsd:long: a whole number; refused beyond ±2^53, where a JavaScript number would round it. */
export function readLong(r: XmlReader, previous?: unknown): number | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  const number = INTEGER.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(number)) return number + 0;
  return invalid(r, "an xsd:long within ±9007199254740991", text);
}

/** xsd:boolean: exactly true, false, 1 or 0. */
export function readBoolean(r: XmlReader, previous?: unknown): boolean | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  switch (collapse(text)) {
    case "true":
    case "1":
      return true;
    case "false":
    case "0":
      return false;
  }
  return invalid(r, "an xsd:boolean (true, false, 1 or 0)", text);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

function isClock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

function isOffset(zone: string | undefined): boolean {
  if (zone === undefined || zone === "Z") return true;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  return minutes <= 59 && (hours < 14 || (hours === 14 && minutes === 0));
}

/** xsd:date: kept as the `YYYY-MM-DD` string, since a Date would shift it by the reader's time zone. */
export function readDate(r: XmlReader, previous?: unknown): string | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  const m = DATE.exec(value);
  if (m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return value;
  return invalid(r, "an xsd:date (YYYY-MM-DD)", text);
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The form Salesforce always sends, `2020-05-08T13:40:22.000Z`, read without a regular
 * expression (dateTimes are frequent); NaN when the text has another form.
 */
function salesforceDateTimeMillis(value: string): number {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 ||
    value.charCodeAt(23) !== 90
  ) {
    return NaN;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const millis = digits(value, 20, 3);
  if (year < 100 || !isCalendarDate(year, month, day) || !isClock(hour, minute, second) || Number.isNaN(millis)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** The instant of a valid xsd:dateTime in milliseconds, or NaN. Without a zone it is taken as UTC. */
function dateTimeMillis(value: string): number {
  const fast = salesforceDateTimeMillis(value);
  if (!Number.isNaN(fast)) return fast;
  const m = DATE_TIME.exec(value);
  if (m === null) return NaN;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (!isCalendarDate(year, month, day) || !isClock(hour, minute, second) || !isOffset(m[8])) return NaN;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  const zone = m[8];
  const offsetMinutes =
    zone === undefined || zone === "Z"
      ? 0
      : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return date.getTime();
}

/** xsd:dateTime as a Date. Salesforce always sends UTC (`2020-05-08T13:40:22.000Z`). */
export function readDateTime(r: XmlReader, previous?: unknown): Date | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const millis = dateTimeMillis(collapse(text));
  if (!Number.isNaN(millis)) return new Date(millis);
  return invalid(r, "an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm])", text);
}

/** xsd:dateTime kept as its ISO string (the `--datetime string` option), validated all the same. */
export function readDateTimeString(r: XmlReader, previous?: unknown): string | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  if (!Number.isNaN(dateTimeMillis(value))) return value;
  return invalid(r, "an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm])", text);
}

/** xsd:time, kept as its string (`hh:mm:ss[.sss][Z]`). */
export function readTime(r: XmlReader, previous?: unknown): string | null {
  if (readNil(r, previous)) return null;
  const text = r.readText();
  const value = collapse(text);
  const m = TIME.exec(value);
  if (m !== null && isClock(Number(m[1]), Number(m[2]), Number(m[3])) && isOffset(m[5])) return value;
  return invalid(r, "an xsd:time (hh:mm:ss[.sss][Z])", text);
}
