import { XMLParser, XMLValidator } from "fast-xml-parser";
import { lineStarts, locate, locateIn, WsdlError, type SourceLocation } from "./wsdl-error.js";

/** A namespace-qualified name. */
export interface QName {
  readonly namespaceUri: string;
  readonly localName: string;
}

/** An element of the WSDL with resolved namespaces and the place it starts. */
export interface XmlElement extends QName {
  /** The name as written, e.g. `xsd:element`. */
  readonly qualifiedName: string;
  /** Attributes by name as written; namespace declarations excluded. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  readonly location: SourceLocation;
  /** Resolves a QName-valued attribute (`ens:Account`) with the namespaces in scope here. */
  resolveQName(value: string): QName | undefined;
}

type Scope = ReadonlyMap<string, string>;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
});
const META = XMLParser.getMetaDataSymbol();

interface RawNode {
  readonly [key: string]: unknown;
}

/**
 * Parses XML text into elements with namespaces resolved and locations kept. Malformed XML and
 * any DOCTYPE are refused with the line and column of the problem.
 */
export function parseXml(file: string, input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype !== null) {
    throw new WsdlError("WSDL_DOCTYPE", "DOCTYPE declarations are not accepted in a WSDL", locate(file, text, doctype.index));
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    // Some validator errors (e.g. "Start tag expected." for an empty file) come without a column.
    const { msg, line, col } = validation.err as { msg: string; line?: number; col?: number };
    throw new WsdlError("WSDL_MALFORMED_XML", `not well-formed XML: ${msg}`, { file, line: line ?? 1, column: col ?? 1 });
  }
  const nodes = parser.parse(text) as RawNode[];
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  const root = roots[0];
  if (root === undefined) throw new WsdlError("WSDL_NOT_A_WSDL", "the file has no root element", { file, line: 1, column: 1 });
  // The validator lets a self-closing element after the root through (`…</definitions><x/>`).
  const extra = roots[1];
  if (extra !== undefined) {
    throw new WsdlError("WSDL_MALFORMED_XML", "not well-formed XML: more than one root element", locate(file, text, startIndexOf(extra)));
  }
  return toElement(root, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]), file, lineStarts(text));
}

function elementName(node: RawNode): string | undefined {
  // `?xml` is the declaration, any other `?name` a processing instruction: neither is an element.
  return Object.keys(node).find((key) => key !== ":@" && !key.startsWith("#") && !key.startsWith("?"));
}

function startIndexOf(node: RawNode): number {
  return (node[META as unknown as string] as { startIndex?: number } | undefined)?.startIndex ?? 0;
}

function toElement(node: RawNode, parentScope: Scope, file: string, starts: readonly number[]): XmlElement {
  const qualifiedName = elementName(node) as string;
  const rawAttributes = (node[":@"] ?? {}) as Record<string, unknown>;
  const location = locateIn(file, starts, startIndexOf(node));

  let scope: Map<string, string> | undefined;
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttributes)) {
    const stringValue = String(value);
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      scope ??= new Map(parentScope);
      scope.set(name === "xmlns" ? "" : name.slice(6), stringValue);
    } else {
      attributes.set(name, stringValue);
    }
  }
  const inScope: Scope = scope ?? parentScope;
  const resolveQName = (value: string): QName | undefined => {
    const trimmed = value.trim();
    const colon = trimmed.indexOf(":");
    const prefix = colon < 0 ? "" : trimmed.slice(0, colon);
    const namespaceUri = inScope.get(prefix) ?? (prefix === "" ? "" : undefined);
    return namespaceUri === undefined ? undefined : { namespaceUri, localName: trimmed.slice(colon + 1) };
  };
  const name = resolveQName(qualifiedName);
  if (name === undefined) {
    throw new WsdlError("WSDL_MALFORMED_XML", `namespace prefix of <${qualifiedName}> is not declared`, location);
  }
  const rawChildren = (node[qualifiedName] ?? []) as RawNode[];
  const children = rawChildren
    .filter((child) => elementName(child) !== undefined)
    .map((child) => toElement(child, inScope, file, starts));
  return { ...name, qualifiedName, attributes, children, location, resolveQName };
}
