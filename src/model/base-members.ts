/**
 * The members of the base `sObject` type (`ens:sObject`), which every record has, so they are not
 * listed as fields. Their order is the element order Salesforce sends and the parser's first case
 * numbers. The runtime's `SObjectBase` (templates/runtime/types.ts) types them.
 */
export const BASE_MEMBERS = [
  {
    name: "Id",
    /** The runtime function of `templates/runtime/sobject.ts` that reads it into the record. */
    reader: "readRecordId",
    /** Its row in the generated README's field table. */
    readme: { xsdType: "ent:ID", whenNull: "always present" },
  },
  { name: "fieldsToNull", reader: "readFieldsToNull", readme: undefined },
] as const;

const NAMES: ReadonlySet<string> = new Set(BASE_MEMBERS.map((member) => member.name));

/** True for `Id` and `fieldsToNull`. */
export function isBaseMember(name: string): boolean {
  return NAMES.has(name);
}

/**
 * Where a decoded record keeps the elements the WSDL does not declare (`SObjectBase.unknownFields`
 * in templates/runtime/types.ts). A declared field of that name would share its place.
 */
export const UNKNOWN_FIELDS_MEMBER = "unknownFields";
