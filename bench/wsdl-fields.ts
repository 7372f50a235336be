// The sObject field list of a Salesforce outbound-message WSDL, read with a few regular expressions.
// Deliberately independent of src/ (the code under test): the bench derives its messages, expected
// values and the baselines' coercion tables from the WSDL itself, not from our model of it.

/** The XSD types Salesforce uses in outbound messages, by local name (`ent:ID` → "ID"). */
export type FieldKind = "string" | "ID" | "double" | "int" | "boolean" | "date" | "dateTime";

export interface SObjectField {
  readonly name: string;
  readonly kind: FieldKind;
}

export interface SObjectSchema {
  /** The object's API name, e.g. "Account" (as in `xsi:type="sf:Account"`). */
  readonly objectName: string;
  /** The fields in WSDL order, without the inherited `Id` and `fieldsToNull`. */
  readonly fields: readonly SObjectField[];
}

const KINDS: ReadonlySet<string> = new Set<FieldKind>(["string", "ID", "double", "int", "boolean", "date", "dateTime"]);

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];
}

/** Finds the one complexType extending ens:sObject that is not the generic AggregateResult. */
export function readSObjectSchema(wsdl: string): SObjectSchema {
  const types =
    /<complexType\s+name="([^"]+)">\s*<complexContent>\s*<extension\s+base="ens:sObject">([\s\S]*?)<\/extension>/g;
  for (const match of wsdl.matchAll(types)) {
    const [, objectName, body] = match;
    if (objectName === undefined || body === undefined || objectName === "AggregateResult") continue;
    const fields: SObjectField[] = [];
    for (const element of body.matchAll(/<element\b[^>]*>/g)) {
      const name = attribute(element[0], "name");
      const type = attribute(element[0], "type");
      if (name === undefined || type === undefined) throw new Error(`field without name or type: ${element[0]}`);
      const local = type.slice(type.indexOf(":") + 1);
      // Types the corpus never uses (xsd:long, xsd:time, …) are kept as text: the bench does not send them.
      fields.push({ name, kind: KINDS.has(local) ? (local as FieldKind) : "string" });
    }
    return { objectName, fields };
  }
  throw new Error("no sObject complexType found in the WSDL");
}
