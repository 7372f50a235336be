import { SaxesParser } from "saxes";
import { OutboundMessageError } from "../../templates/runtime/errors.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";

// The differential: saxes (namespace-aware, XML 1.0 rules: our reader reads every 1.x document
// as 1.0, as XML 1.0 tells processors to) says whether a document is well-formed and what it
// holds; our reader is driven over the same tree and writes down what it reads, so the two
// transcripts must be equal.

/** An element as saxes reports it. */
interface Node {
  readonly uri: string;
  readonly local: string;
  /** `{uri}local=value` of the attributes that are not namespace declarations, sorted. */
  readonly attributes: readonly { readonly uri: string; readonly local: string; readonly value: string }[];
  readonly children: Node[];
  /** Character data (text and CDATA) directly inside, in pieces. */
  readonly text: string[];
}

export type SaxesVerdict =
  | { readonly wellFormed: true; readonly root: Node }
  | { readonly wellFormed: false; readonly reason: string }
  /** Where saxes departs from the specs, there is nothing to compare with. */
  | { readonly wellFormed: "unknown"; readonly reason: string };

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
/** NameStartChar (XML 1.0 [4]), without ":". */
const NAME_START =
  /^[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]/u;

/** A UTF-16 surrogate that is not in a pair. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parses `text` with saxes: the element tree, or why it is not well-formed. */
export function saxesVerdict(text: string): SaxesVerdict {
  // Lone surrogates are no XML Char (XML 1.0 [2]), but saxes lets some through in text.
  if (LONE_SURROGATE.test(text)) return { wellFormed: false, reason: "a lone surrogate is not an XML character" };
  const parser = new SaxesParser({ xmlns: true, position: false, defaultXMLVersion: "1.0", forceXMLVersion: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  let error: string | undefined;
  let deviation: string | undefined;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.on("opentag", (tag) => {
    const attributes = Object.values(tag.attributes);
    // saxes trims namespace names; Namespaces in XML takes the normalised attribute value as is.
    if (attributes.some((a) => a.uri === XMLNS_NS && a.value !== a.value.trim())) {
      deviation = "a namespace name with leading or trailing whitespace (saxes trims it)";
    }
    // saxes lets a local part start with any name character (`a:1b`); it must be an NCName.
    const prefixed = [tag, ...attributes].filter((name) => name.prefix !== "");
    if (prefixed.some((name) => !NAME_START.test(name.local))) deviation = "a local name that is no NCName (saxes accepts it)";
    const kept = attributes.filter((a) => a.uri !== XMLNS_NS).map((a) => ({ uri: a.uri, local: a.local, value: a.value }));
    const node: Node = { uri: tag.uri, local: tag.local, attributes: kept, children: [], text: [] };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (t) => stack.at(-1)?.text.push(t));
  parser.on("cdata", (t) => stack.at(-1)?.text.push(t));
  parser.write(text).close();
  if (deviation !== undefined) return { wellFormed: "unknown", reason: deviation };
  if (error !== undefined) return { wellFormed: false, reason: error };
  if (root === undefined) return { wellFormed: false, reason: "no root" };
  return { wellFormed: true, root };
}

const onlyWhitespace = (pieces: readonly string[]): boolean => pieces.every((t) => /^[ \t\r\n]*$/.test(t));

/** How an element is read: its text when it has no child elements, its children when it has no text. */
function shapeOf(node: Node): "text" | "children" | "mixed" {
  if (node.children.length === 0) return "text";
  return onlyWhitespace(node.text) ? "children" : "mixed";
}

function describe(node: Node): string {
  const attributes = node.attributes.map((a) => ` {${a.uri}}${a.local}=${JSON.stringify(a.value)}`).sort();
  return `<{${node.uri}}${node.local}${attributes.join("")}>`;
}

/** What our reader must write down for the tree saxes read. */
export function expectedTranscript(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node): void => {
    out.push(describe(node));
    const shape = shapeOf(node);
    if (shape === "text") out.push(`text ${JSON.stringify(node.text.join(""))}`);
    else if (shape === "children") node.children.forEach(walk);
    else out.push("mixed");
    out.push("end");
  };
  walk(root);
  return out.join("\n");
}

/**
 * Drives our reader over the tree saxes read (the same calls a generated parser makes: readText
 * for simple content, nextChild for element content, skipElement for anything else) and writes
 * down what it reads. Throws what the reader throws.
 */
export function readerTranscript(input: string | Uint8Array | Uint8Array[], root: Node): string {
  const r = XmlReader.fromInput(input);
  const out: string[] = [];
  const walk = (node: Node): void => {
    const attributes = node.attributes.map((a) => ` {${a.uri}}${a.local}=${JSON.stringify(r.attribute(a.uri, a.local) ?? null)}`).sort();
    out.push(`<{${r.namespaceUri}}${r.localName}${attributes.join("")}>`);
    if (r.hasAttributes !== node.attributes.length > 0) out.push(`hasAttributes ${r.hasAttributes}`);
    const shape = shapeOf(node);
    if (shape === "text") out.push(`text ${JSON.stringify(r.readText())}`);
    else if (shape === "children") {
      for (const child of node.children) {
        if (!r.nextChild()) {
          out.push("closed early");
          return;
        }
        walk(child);
      }
      if (r.nextChild()) out.push("extra child");
    } else {
      r.skipElement();
      out.push("mixed");
    }
    out.push("end");
  };
  r.openRoot();
  walk(root);
  r.finish();
  return out.join("\n");
}

/** Reads a whole document without a tree to follow: the skip path, which checks everything. */
export function checkWhole(input: string | Uint8Array | Uint8Array[]): string {
  const r = XmlReader.fromInput(input);
  r.openRoot();
  r.skipElement();
  r.finish();
  return "accepted";
}

/** The outcome of a read: its result, or the error as `CODE at …: detail`; other exceptions are crashes. */
export type Outcome = { readonly kind: "value"; readonly text: string } | { readonly kind: "error"; readonly code: string; readonly text: string } | { readonly kind: "crash"; readonly text: string };

export function outcomeOf(read: () => string): Outcome {
  try {
    return { kind: "value", text: read() };
  } catch (error) {
    if (error instanceof OutboundMessageError) return { kind: "error", code: error.code, text: error.message };
    const e = error as Error;
    return { kind: "crash", text: `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 4).join("\n")}` };
  }
}

/**
 * Refusals of well-formed XML that are the reader's policy, not mistakes: DOCTYPEs (no DTDs),
 * nesting and attribute bounds, encodings other than UTF-8. Anything else refused is a finding.
 */
export function isPolicyRefusal(outcome: Outcome, text: string): boolean {
  if (outcome.kind !== "error") return false;
  if (outcome.code === "DOCTYPE_FORBIDDEN" || outcome.code === "NESTING_TOO_DEEP") return true;
  return outcome.code === "INVALID_ENCODING" && /encoding "[^"]*" is not supported/.test(outcome.text) && /encoding\s*=/.test(text);
}
