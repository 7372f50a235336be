import { seededRandom } from "./random.js";

// A synthetic WSDL with many fields, to show how code generation grows with the field count: the
// real 83-field Account WSDL with its field sequence extended by generated custom fields whose
// types follow the corpus's mix (mostly strings, then doubles, ids, booleans, dateTimes, dates).

const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ["xsd:string", 44],
  ["xsd:double", 14],
  ["ent:ID", 9],
  ["xsd:boolean", 7],
  ["xsd:dateTime", 5],
  ["xsd:date", 3],
  ["xsd:int", 1],
];

function pickType(roll: number): string {
  const total = TYPE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let threshold = roll * total;
  for (const [type, weight] of TYPE_WEIGHTS) {
    threshold -= weight;
    if (threshold < 0) return type;
  }
  return "xsd:string";
}

/** `template` with its sObject field sequence extended to `fieldCount` fields. */
export function syntheticWsdl(template: string, fieldCount: number, seed = 1000): string {
  const sequence = /(<extension\s+base="ens:sObject">\s*<sequence>)([\s\S]*?)(<\/sequence>)/g;
  const random = seededRandom(seed);
  let replaced = false;
  const result = template.replace(sequence, (whole, open: string, body: string, close: string) => {
    const existing = body.match(/<element\b/g)?.length ?? 0;
    if (existing === 0 || replaced) return whole; // AggregateResult has no elements
    replaced = true;
    const indent = /\n([ \t]*)<element/.exec(body)?.[1] ?? "    ";
    let added = "";
    for (let i = existing + 1; i <= fieldCount; i++) {
      const name = `Bench_Field_${String(i).padStart(4, "0")}__c`;
      added += `${indent}<element name="${name}" nillable="true" minOccurs="0" type="${pickType(random.next())}"/>\n`;
    }
    return `${open}${body.replace(/\s*$/, "\n")}${added}${indent}${close}`;
  });
  if (!replaced) throw new Error("no sObject field sequence in the template WSDL");
  return result;
}
