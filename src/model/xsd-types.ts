import type { DateTimeMode, TsType, ValueKind } from "./model.js";

/**
 * Built-in XSD types by local name (spec §2). The string family and anyType are plain text; every
 * other built-in that outbound messages do not use becomes text with a warning.
 */
const BUILTIN_KINDS: Readonly<Record<string, ValueKind>> = {
  string: "string",
  normalizedString: "string",
  token: "string",
  anyURI: "string",
  anyType: "string",
  anySimpleType: "string",
  double: "double",
  int: "int",
  long: "long",
  boolean: "boolean",
  date: "date",
  dateTime: "dateTime",
  time: "time",
  base64Binary: "base64Binary",
};

/** The kind of a built-in XSD type; `unknown` for types outbound messages never use. */
export function builtinKind(localName: string): ValueKind {
  return Object.hasOwn(BUILTIN_KINDS, localName) ? (BUILTIN_KINDS[localName] as ValueKind) : "unknown";
}

/** The TypeScript type of a kind's values. xsd:date stays a string: a Date would shift it by time zone. */
export function tsTypeOf(kind: ValueKind, dateTime: DateTimeMode): TsType {
  switch (kind) {
    case "id":
      return "SalesforceId";
    case "double":
    case "int":
    case "long":
      return "number";
    case "boolean":
      return "boolean";
    case "dateTime":
      return dateTime === "date" ? "Date" : "string";
    default:
      return "string";
  }
}
