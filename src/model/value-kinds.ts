import type { DateTimeMode, ValueKind } from "./model.js";

// One table of value kinds: for each kind of XSD value an outbound message carries, the built-in
// XSD types of that kind, the TypeScript type of its values, the runtime reader of its text and
// what the field's documentation says about it. Every emitter reads it; nothing else switches on a kind.

/** The TypeScript type of a field's value (before `| null`), and where the generated code gets it. */
export type TsTypeRef =
  /** A type keyword: nothing to import. */
  | { readonly kind: "keyword"; readonly name: "string" | "number" | "boolean" }
  /** A global of the language: nothing to import, and no generated name may shadow it. */
  | { readonly kind: "global"; readonly name: "Date" }
  /**
   * A type of the runtime (`templates/runtime/<module>.ts`), imported where used; `alias` is the
   * type it stands for, for people (the generated README).
   */
  | { readonly kind: "runtime"; readonly name: "SalesforceId"; readonly module: "types"; readonly alias: string };

/** How values of a kind are typed and read. */
export interface ValueForm {
  readonly tsType: TsTypeRef;
  /** The function of `templates/runtime/values.ts` that reads the element's text: `(r, previous) => value`. */
  readonly reader: string;
}

/** Everything the generator knows about one value kind. */
export interface ValueKindInfo extends ValueForm {
  /** Local names of the XSD built-in types of this kind (`xsd:double` → `double`). */
  readonly xsdTypes: readonly string[];
  /** A sentence the field's JSDoc adds, when the kind needs saying more than its XSD type. */
  readonly note?: string;
  /** How `--datetime string` types and reads this kind, when that differs. */
  readonly asText?: ValueForm;
  /**
   * Room for the test kit: a runtime function that writes a value in the lexical form Salesforce
   * sends (`Date` → `2024-05-01T10:00:00.000Z`), the inverse of `reader`. Unset today: the test kit
   * runs in the generated package, so it dispatches on the kind in the runtime itself
   * (`WRITERS` in templates/runtime/testing-lexical.ts); set it when generated code must call one.
   */
  readonly serializer?: string;
  /** Room for the test kit: a runtime sample generator of this kind (today `sampleValue` in templates/runtime/testing-samples.ts). */
  readonly sample?: string;
}

const STRING: TsTypeRef = { kind: "keyword", name: "string" };
const NUMBER: TsTypeRef = { kind: "keyword", name: "number" };

/** The value kinds, by kind (spec §2). Built-in XSD types listed nowhere here are `unknown`. */
export const VALUE_KINDS: { readonly [K in ValueKind]: ValueKindInfo } = {
  string: {
    xsdTypes: ["string", "normalizedString", "token", "anyURI", "anyType", "anySimpleType"],
    tsType: STRING,
    reader: "readString",
  },
  // ent:ID and its restrictions (build-model.ts), never a built-in.
  id: {
    xsdTypes: [],
    tsType: { kind: "runtime", name: "SalesforceId", module: "types", alias: "string" },
    reader: "readString",
  },
  double: { xsdTypes: ["double"], tsType: NUMBER, reader: "readDouble" },
  int: { xsdTypes: ["int"], tsType: NUMBER, reader: "readInt" },
  long: { xsdTypes: ["long"], tsType: NUMBER, reader: "readLong" },
  boolean: { xsdTypes: ["boolean"], tsType: { kind: "keyword", name: "boolean" }, reader: "readBoolean" },
  date: {
    xsdTypes: ["date"],
    tsType: STRING,
    reader: "readDate",
    note: "Kept as `YYYY-MM-DD`: a Date would shift it by the reader's time zone.",
  },
  dateTime: {
    xsdTypes: ["dateTime"],
    tsType: { kind: "global", name: "Date" },
    reader: "readDateTime",
    asText: { tsType: STRING, reader: "readDateTimeString" },
  },
  time: { xsdTypes: ["time"], tsType: STRING, reader: "readTime" },
  base64Binary: { xsdTypes: ["base64Binary"], tsType: STRING, reader: "readString" },
  unknown: {
    xsdTypes: [],
    tsType: STRING,
    reader: "readString",
    note: "This XSD type is not one outbound messages use, so the text is kept as it is.",
  },
};

const BY_XSD_TYPE = new Map(
  Object.entries(VALUE_KINDS).flatMap(([kind, info]) => info.xsdTypes.map((xsdType) => [xsdType, kind as ValueKind])),
);

/** The kind of a built-in XSD type; `unknown` for types outbound messages never use. */
export function builtinKind(localName: string): ValueKind {
  return BY_XSD_TYPE.get(localName) ?? "unknown";
}

/** How values of `kind` are typed and read in a package generated with `--datetime <dateTime>`. */
export function valueForm(kind: ValueKind, dateTime: DateTimeMode): ValueForm {
  const info = VALUE_KINDS[kind];
  return dateTime === "string" && info.asText !== undefined
    ? info.asText
    : { tsType: info.tsType, reader: info.reader };
}
