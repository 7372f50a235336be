const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield any boolean number string symbol " +
    "never unknown object undefined type of await async"
  ).split(" "),
);

/**
 * Names the generated modules import or use; a type with one of these names would shadow them.
 * (Salesforce has objects called `Document`, `Location` and `Event`: those shadow only DOM
 * globals the generated code never uses, so they keep their names.)
 */
const TAKEN_BY_GENERATED_CODE = new Set([
  "Date",
  "Record",
  "Map",
  "ReadonlyMap",
  "Partial",
  "SalesforceId",
  "NonEmptyArray",
  "SObjectBase",
  "UnknownFields",
  "NotificationsResponse",
  "SObjectDecoder",
  "XmlReader",
]);

/** True when `name` can be written as a property key without quotes. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A TypeScript type name for a Salesforce API name: kept verbatim when it is a usable identifier
 * (`gwestr__Shipment__c`), otherwise made one, and moved aside when it would shadow a name the
 * generated code needs.
 */
export function typeNameFor(apiName: string): string {
  let name = apiName.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!/^[A-Za-z_$]/.test(name)) name = `_${name}`;
  if (RESERVED_WORDS.has(name) || TAKEN_BY_GENERATED_CODE.has(name)) name = `${name}SObject`;
  return name;
}
