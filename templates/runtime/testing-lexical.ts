import type { FieldKind } from "./testing-shape.js";

// Values as Salesforce writes them on the wire: `45000.0`, `2020-05-08T13:40:22.000Z`, `true`.
// Each writer takes the value the package's parser returns for its kind, so a parsed message
// written again reads back the same.

/** xsd:double the way Salesforce's Java sender prints it: whole numbers keep one decimal. */
export function doubleLexical(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "INF";
  if (value === -Infinity) return "-INF";
  if (Object.is(value, -0)) return "-0.0";
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(1);
  // The shortest text that reads back as the same number; exponents are legal xsd:double.
  return String(value);
}

function wrongType(expected: string, value: unknown, kind: FieldKind): TypeError {
  return new TypeError(`expected ${expected} (xsd ${kind}), got ${value instanceof Date ? "a Date" : typeof value}`);
}

function text(value: unknown, kind: FieldKind): string {
  if (typeof value !== "string") throw wrongType("a string", value, kind);
  return value;
}

function number(value: unknown, kind: FieldKind): number {
  if (typeof value !== "number") throw wrongType("a number", value, kind);
  return value;
}

/** The writer of each kind; the table has an entry for every kind, so a new kind must get one. */
const WRITERS: { readonly [K in FieldKind]: (value: unknown) => string } = {
  string: (value) => text(value, "string"),
  id: (value) => text(value, "id"),
  double: (value) => doubleLexical(number(value, "double")),
  int: (value) => String(number(value, "int")),
  long: (value) => String(number(value, "long")),
  boolean: (value) => {
    if (typeof value !== "boolean") throw wrongType("a boolean", value, "boolean");
    return value ? "true" : "false";
  },
  date: (value) => text(value, "date"),
  // Salesforce always sends UTC with milliseconds, which is exactly what toISOString writes.
  dateTime: (value) => (value instanceof Date ? value.toISOString() : text(value, "dateTime")),
  time: (value) => text(value, "time"),
  base64Binary: (value) => text(value, "base64Binary"),
  unknown: (value) => text(value, "unknown"),
};

/** The lexical form of the value of field `name` (not yet XML-escaped). */
export function lexicalForm(kind: FieldKind, value: unknown, name: string): string {
  try {
    return WRITERS[kind](value);
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(`field ${name}: ${error.message}`);
    throw error;
  }
}

/** The kinds the test kit writes; used to check it covers every kind the generator knows. */
export const FIELD_KINDS: readonly FieldKind[] = Object.keys(WRITERS) as FieldKind[];
