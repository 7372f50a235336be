import { OUTBOUND_NS, SOBJECT_NS } from "./namespaces.js";
import type { SObjectBase, UnknownFields } from "./types.js";
import { duplicateField, readString } from "./values.js";
import type { XmlReader } from "./xml-reader.js";

// Helpers for the generated sObject decoders: the parts every object shares.

/**
 * True when an sObject child names a field: in the sObject namespace, as Salesforce writes it, or
 * in the enclosing outbound namespace or none at all, as SOAP stacks such as node-soap write the
 * inherited `Id`. Elements of any other namespace are unknown fields.
 */
export function isFieldElement(r: XmlReader): boolean {
  const namespaceUri = r.namespaceUri;
  return namespaceUri === SOBJECT_NS || namespaceUri === OUTBOUND_NS || namespaceUri === "";
}

/** The record id (`sf:Id`): required by the base sObject type, and never nil in a delivery. */
export function readRecordId(r: XmlReader, record: { Id?: string }): void {
  const id = readString(r, record.Id);
  if (id === null) r.failClosed("INVALID_VALUE", "the record <Id> must not be nil");
  record.Id = id;
}

/** `fieldsToNull` may repeat; nil entries carry no field name and are dropped. */
export function readFieldsToNull(r: XmlReader, record: { fieldsToNull?: string[] }): void {
  const name = readString(r);
  if (name !== null) (record.fieldsToNull ??= []).push(name);
}

/**
 * An element the WSDL does not declare: kept as text so no data is lost. Defined as an own
 * property so that a field called `__proto__` cannot reach the prototype.
 */
export function readUnknownField(r: XmlReader, record: { unknownFields?: UnknownFields }): void {
  const key = isFieldElement(r) ? r.localName : `{${r.namespaceUri}}${r.localName}`;
  const fields = (record.unknownFields ??= {});
  if (Object.prototype.hasOwnProperty.call(fields, key)) duplicateField(r);
  Object.defineProperty(fields, key, { value: readString(r), enumerable: true, writable: true, configurable: true });
}

/**
 * The case number of a field element in a generated decoder. Salesforce sends the fields in WSDL
 * order and leaves out the null ones, so the name is usually one of the next few expected: a
 * few string comparisons then, the name map only for the rest.
 */
export function fieldIndex(
  names: readonly string[],
  byName: ReadonlyMap<string, number>,
  expected: number,
  name: string,
): number | undefined {
  const end = Math.min(expected + 4, names.length);
  for (let i = expected; i < end; i++) if (names[i] === name) return i;
  return byName.get(name);
}

/**
 * A fresh, empty record. Records of one object carry different sets of fields (Salesforce leaves
 * out the null ones), so in V8 each set would become a hidden class of its own and every field
 * store in the decoder would turn megamorphic. A dictionary-mode object, which deleting a property
 * other than the last one gives, takes those stores about five times faster. Elsewhere this is
 * simply an empty object.
 */
export function newRecord<S>(): Partial<S> {
  const record: Record<string, unknown> = { first: undefined, second: undefined };
  delete record["first"];
  delete record["second"];
  return record as Partial<S>;
}

/**
 * A fresh, empty record without a prototype, for objects with a field named like a member of
 * `Object.prototype` (`constructor`, `toString`, `__proto__`): on an ordinary object those names
 * read the inherited member, so the field would look present before it was read, and assigning
 * `__proto__` would replace the prototype. Without one, every name is just a field. (Such
 * objects are in dictionary mode from the start, as `newRecord` arranges for the others.)
 */
export function newNullPrototypeRecord<S>(): Partial<S> {
  return Object.create(null) as Partial<S>;
}

/** Closes a decoded record: the sObject must have carried its `Id`. */
export function completeRecord<S extends SObjectBase>(r: XmlReader, record: Partial<S>): S {
  if (record.Id === undefined) r.failClosed("MISSING_ELEMENT", "<sObject> has no <Id>");
  return record as S;
}
