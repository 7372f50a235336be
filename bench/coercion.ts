import type { FieldKind, SObjectSchema } from "./wsdl-fields.js";

// The per-field coercion a user writes around a generic XML parser (fast-xml-parser, the regex
// floor): the text of each element turned into the type the WSDL declares. The same functions
// canonicalise every contender's output for the equality check, so values are compared as typed
// values whether a contender returned strings, numbers or Dates.

export type Typed = string | number | boolean | Date | null;
export type Coerce = (text: string) => Typed;

const KIND_COERCION: Readonly<Record<FieldKind, Coerce>> = {
  string: (text) => text,
  ID: (text) => text,
  double: (text) => Number(text),
  int: (text) => Number.parseInt(text, 10),
  boolean: (text) => text === "true" || text === "1",
  // Kept as YYYY-MM-DD, as the generated parser does: a Date would shift by the reader's time zone.
  date: (text) => text,
  dateTime: (text) => new Date(text),
};

export function coercionFor(kind: FieldKind): Coerce {
  return KIND_COERCION[kind];
}

/** Field name → coercion; what a user would build once from the WSDL (or by hand). */
export type CoercionTable = ReadonlyMap<string, Coerce>;

export function coercionTable(schema: SObjectSchema): CoercionTable {
  return new Map([["Id", KIND_COERCION.ID], ...schema.fields.map((f) => [f.name, KIND_COERCION[f.kind]] as const)]);
}

/** The canonical form of one value: JSON-like, dates as ISO strings. */
export type Canonical = string | number | boolean | null;

/** Canonicalises whatever a contender produced for a field of `kind`. */
export function canonicalValue(kind: FieldKind, value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  let typed: unknown = value;
  // node-soap returns some values as text (and a future contender might too): coerce them the same way.
  if (typeof typed === "string" && kind !== "string" && kind !== "ID") typed = KIND_COERCION[kind](typed);
  if (typed instanceof Date) {
    const iso = Number.isNaN(typed.getTime()) ? "Invalid Date" : typed.toISOString();
    return kind === "date" ? iso.slice(0, 10) : iso;
  }
  if (typeof typed === "string" || typeof typed === "number" || typeof typed === "boolean") return typed;
  // An object (e.g. an unparsed nil element) can never equal the expected value; keep it visible.
  return `<unexpected ${JSON.stringify(typed)}>`;
}
