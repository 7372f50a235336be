import { XMLParser } from "fast-xml-parser";
import { isXmlName } from "../runtime/xml-chars.js";
import {
  decodeReferences,
  findProblemOutsideRoot,
  findXmlProblem,
  MAX_NESTING_DEPTH,
  type XmlProblem,
} from "./well-formed.js";
import { lineStarts, locateIn, WsdlError, type SourceLocation } from "./wsdl-error.js";

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

/**
 * The attributes of the start tag being read, to refuse one given twice, which fast-xml-parser
 * would merge. It reads a processing instruction's text as attributes too: those may repeat.
 */
const attributesOfTag = { names: new Set<string>(), repeated: false };
class RepeatedAttribute extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // An attribute without a value comes through as `true`, so it is refused rather than dropped.
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // References are decoded by decodeReferences, which knows only XML's own entities.
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  // Kept apart from text, whose references are checked: `&` means nothing inside CDATA.
  cdataPropName: "#cdata",
  // It throws on a start tag with more than this many elements open around it (the root is the
  // first), so it stops at the first element too deep (unless empty: the walk refuses that one).
  maxNestedTags: MAX_NESTING_DEPTH - 1,
  attributeValueProcessor: (name: string, value: string) => {
    if (attributesOfTag.names.has(name)) attributesOfTag.repeated = true;
    attributesOfTag.names.add(name);
    return value;
  },
  updateTag: (name: string) => {
    const repeated = attributesOfTag.repeated && !name.startsWith("?");
    attributesOfTag.names.clear();
    attributesOfTag.repeated = false;
    if (repeated) throw new RepeatedAttribute();
    return name;
  },
});
const META = XMLParser.getMetaDataSymbol();

interface RawNode {
  readonly [key: string]: unknown;
}

interface Positions {
  readonly startIndex: number;
  readonly endIndex?: number;
}

/** One WSDL's text while it is turned into elements. */
interface Source {
  readonly file: string;
  readonly text: string;
  readonly starts: readonly number[];
}

/**
 * Parses XML text into elements with namespaces resolved and locations kept. Malformed XML and
 * any DOCTYPE are refused with the line and column of the problem.
 *
 * fast-xml-parser reads the text once and is lenient: it closes elements on any end tag and drops
 * a DOCTYPE. So the tree is checked as it is walked (each end tag matches its start tag, names are
 * names, attributes have values), and so are the few characters before and after the root. When
 * fast-xml-parser fails, or a check does, or the text contains `<!DOCTYPE` (in markup or in a
 * comment), well-formed.ts reads it again to name the first problem and its place in our own words.
 */
export function parseXml(file: string, input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const source: Source = { file, text, starts: lineStarts(text) };
  if (text.includes("<!DOCTYPE")) {
    const problem = findXmlProblem(text);
    if (problem !== undefined) refuse(source, problem);
  }
  let nodes: RawNode[];
  attributesOfTag.names.clear();
  attributesOfTag.repeated = false;
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch {
    // fast-xml-parser's own words are not ours to promise; the reason and place are found again.
    return refuse(source, findXmlProblem(text));
  }
  const root = nodes.find((node) => elementName(node) !== undefined);
  const rootPositions = root === undefined ? undefined : positionsOf(root);
  if (root === undefined || rootPositions?.endIndex === undefined) return refuse(source, findXmlProblem(text));
  // Something after the root may be the end of a root closed early by an earlier problem: the whole
  // text says which comes first.
  if (findProblemOutsideRoot(text, rootPositions.startIndex, rootPositions.endIndex) !== undefined) {
    refuse(source, findXmlProblem(text));
  }
  return toElement(root, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]), { ...source }, 1);
}

/** Throws the problem well-formed.ts found; the tree walk calls it when a check fails, so it must find one. */
function refuse(source: Source, problem: XmlProblem | undefined): never {
  if (problem === undefined) throw new Error("internal error: fast-xml-parser refused XML that well-formed.ts accepts");
  throw new WsdlError(problem.code, problem.detail, locateIn(source.file, source.starts, problem.offset));
}

function elementName(node: RawNode): string | undefined {
  // `?xml` is the declaration, any other `?name` a processing instruction: neither is an element.
  return Object.keys(node).find((key) => key !== ":@" && !key.startsWith("#") && !key.startsWith("?"));
}

function positionsOf(node: RawNode): Positions {
  return node[META as unknown as string] as Positions;
}

/**
 * Whether the element ends with its own start tag (`<a/>`) or with `</name>`: fast-xml-parser closes
 * the open element on any end tag, and reads an end tag up to the next `>` (`</a </b>` is one).
 */
function endsWell(text: string, name: string, { startIndex, endIndex }: Positions): boolean {
  if (endIndex === undefined) return false;
  const lastTag = text.lastIndexOf("<", endIndex - 1);
  if (lastTag === startIndex) return text.startsWith("/>", endIndex - 2);
  const afterPreviousMarkup = text.lastIndexOf(">", endIndex - 2) + 1;
  return (
    text.indexOf("<", afterPreviousMarkup) === lastTag &&
    text.startsWith(`</${name}`, lastTag) &&
    text.slice(lastTag + 2 + name.length, endIndex - 1).trim() === ""
  );
}

/** What the walk keeps across elements. */
interface Walk extends Source {
  /** The first undeclared prefix; reported after the walk, so that malformed XML is reported first wherever it is. */
  undeclared?: WsdlError;
}

function toElement(node: RawNode, parentScope: Scope, walk: Walk, depth: number): XmlElement {
  const qualifiedName = elementName(node) as string;
  const rawAttributes = (node[":@"] ?? {}) as Record<string, unknown>;
  const positions = positionsOf(node);
  const location = locateIn(walk.file, walk.starts, positions.startIndex);
  const unreadable = (): never => refuse(walk, findXmlProblem(walk.text));
  // well-formed.ts also names an element nested too deep, when that is the first problem.
  if (!isXmlName(qualifiedName) || depth > MAX_NESTING_DEPTH) unreadable();

  let scope: Map<string, string> | undefined;
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttributes)) {
    // fast-xml-parser lets a `<` into a value, which XML does not.
    const decoded =
      typeof value === "string" && isXmlName(name) && !value.includes("<") ? decodeReferences(value) : undefined;
    if (decoded === undefined) return unreadable();
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      scope ??= new Map(parentScope);
      scope.set(name === "xmlns" ? "" : name.slice(6), decoded);
    } else {
      attributes.set(name, decoded);
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
    walk.undeclared ??= new WsdlError(
      "WSDL_MALFORMED_XML",
      `namespace prefix of <${qualifiedName}> is not declared`,
      location,
    );
  }
  const children: XmlElement[] = [];
  for (const child of (node[qualifiedName] ?? []) as RawNode[]) {
    const text = child["#text"];
    if (typeof text === "string" && decodeReferences(text) === undefined) unreadable();
    if (elementName(child) !== undefined) children.push(toElement(child, inScope, walk, depth + 1));
  }
  if (!endsWell(walk.text, qualifiedName, positions)) unreadable();
  if (depth === 1 && walk.undeclared !== undefined) throw walk.undeclared;
  return { ...(name as QName), qualifiedName, attributes, children, location, resolveQName };
}
