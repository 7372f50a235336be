import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES } from "./fixtures.js";

// The XML Schema inside an outbound-message WSDL, written out as files xmllint can load: one
// file per <schema> (by target namespace), with the namespace declarations it inherits from
// <definitions> and a schemaLocation on each <import>. The entry point is an Envelope schema.

const FILES: Readonly<Record<string, string>> = {
  "urn:enterprise.soap.sforce.com": "enterprise.xsd",
  "urn:sobject.enterprise.soap.sforce.com": "sobject.xsd",
  "http://soap.sforce.com/2005/09/outbound": "outbound.xsd",
};

/** Writes the schemas of `wsdl` into `dir`; returns the path of the schema to validate messages with. */
export function writeMessageSchema(wsdl: string, dir: string): string {
  const definitions = /<definitions\b[^>]*>/.exec(wsdl)?.[0] ?? "";
  const inherited = [...definitions.matchAll(/\sxmlns:([A-Za-z0-9_-]+)\s*=\s*("[^"]*"|'[^']*')/g)];
  for (const [schema] of wsdl.matchAll(/<schema\b[\s\S]*?<\/schema>/g)) {
    const start = /^<schema\b[^>]*>/.exec(schema)?.[0] ?? "";
    const target = /targetNamespace\s*=\s*["']([^"']*)["']/.exec(start)?.[1] ?? "";
    const file = FILES[target];
    if (file === undefined) throw new Error(`unexpected schema for ${target}`);
    const missing = inherited.filter(([, prefix]) => !new RegExp(`\\sxmlns:${prefix}\\s*=`).test(start)).map(([declaration]) => declaration);
    const text = schema
      .replace(start, `${start.slice(0, -1)}${missing.join("")}>`)
      .replace(/<import\s+namespace\s*=\s*["']([^"']*)["']\s*\/>/g, (_match, namespace: string) => `<import namespace="${namespace}" schemaLocation="${FILES[namespace]}"/>`);
    writeFileSync(join(dir, file), `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`);
  }
  const envelope = join(dir, "envelope.xsd");
  copyFileSync(join(FIXTURES, "xsd", "soap11-envelope-notifications.xsd"), envelope);
  return envelope;
}
