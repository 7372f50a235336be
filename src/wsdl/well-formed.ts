import { isXmlName } from "../runtime/xml-chars.js";
import { locate, type WsdlErrorCode } from "./wsdl-error.js";

/** Why a text is not a WSDL we read, and the offset where a reader first notices it. */
export interface XmlProblem {
  readonly code: Extract<WsdlErrorCode, "WSDL_MALFORMED_XML" | "WSDL_DOCTYPE" | "WSDL_UNSUPPORTED">;
  readonly detail: string;
  readonly offset: number;
}

/**
 * Deeper than any WSDL. It keeps xml-tree.ts's recursive walk far from the stack limit, and it
 * stops fast-xml-parser early: its cost per start tag grows with the depth, so reading a deeper
 * document to the end would take time quadratic in its depth.
 */
export const MAX_NESTING_DEPTH = 256;

/** What a name ends at when it is read: whitespace or a delimiter. */
const NAME_END = /[\s/>=<"'?]/g;
const REFERENCE = /^&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|apos|quot);/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

/**
 * Replaces the character and predefined entity references in an attribute value, or returns
 * undefined when the value has a bare `&` or another entity (the WSDL has no DOCTYPE to declare one).
 */
export function decodeReferences(value: string): string | undefined {
  if (!value.includes("&")) return value;
  let valid = true;
  const decoded = value.replace(/&([^;&]*);?/g, (reference, body: string) => {
    const replacement = REFERENCE.test(reference) ? referencedText(body) : undefined;
    if (replacement === undefined) valid = false;
    return replacement ?? reference;
  });
  return valid ? decoded : undefined;
}

/** The text of `&body;`, whose form REFERENCE has checked. */
function referencedText(body: string): string | undefined {
  if (!body.startsWith("#")) return PREDEFINED[body];
  const code = body.startsWith("#x") ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

interface Located {
  readonly detail: string;
  readonly offset: number;
}

interface OpenTag {
  readonly name: string;
  readonly offset: number;
}

/**
 * Reads the text as XML from the start and returns the first thing that makes it unreadable as a
 * WSDL: not well-formed, a DOCTYPE (refused anywhere as markup; inside a comment it is only
 * text), or an element nested more than MAX_NESTING_DEPTH deep. xml-tree.ts reads a WSDL once
 * with fast-xml-parser, which is lenient, and calls this only to say what and where when that
 * read failed (it stops at the first element too deep) or saw something wrong. The wording here is the
 * error contract.
 */
export function findXmlProblem(text: string): XmlProblem | undefined {
  return scan(text, 0, text.length, "document");
}

/** The first problem before the root element (which starts at `rootStart`) or after it (from `rootEnd`). */
export function findProblemOutsideRoot(text: string, rootStart: number, rootEnd: number): XmlProblem | undefined {
  return scan(text, 0, rootStart, "before root") ?? scan(text, rootEnd, text.length, "after root");
}

function scan(
  text: string,
  from: number,
  to: number,
  part: "document" | "before root" | "after root",
): XmlProblem | undefined {
  const malformed = (detail: string, offset: number): XmlProblem => ({
    code: "WSDL_MALFORMED_XML",
    detail: `not well-formed XML: ${detail}`,
    offset,
  });
  const open: OpenTag[] = [];
  let rootClosed = part === "after root";
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf("<", pos);
    const textEnd = lt < 0 || lt >= to ? to : lt;
    const textProblem =
      open.length === 0 ? textOutsideRoot(text, pos, textEnd, rootClosed) : referenceProblem(text, pos, textEnd);
    if (textProblem !== undefined) return malformed(textProblem.detail, textProblem.offset);
    if (textEnd === to) break;
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end < 0) return malformed("comment is not closed", lt);
      pos = end + 3;
    } else if (text.startsWith("<![CDATA[", lt)) {
      if (open.length === 0) return malformed("CDATA section outside the root element", lt);
      const end = text.indexOf("]]>", lt + 9);
      if (end < 0) return malformed("CDATA section is not closed", lt);
      pos = end + 3;
    } else if (text.startsWith("<!DOCTYPE", lt)) {
      return { code: "WSDL_DOCTYPE", detail: "DOCTYPE declarations are not accepted in a WSDL", offset: lt };
    } else if (text.startsWith("<!", lt)) {
      return malformed('"<!" starts neither a comment nor a CDATA section', lt);
    } else if (text.startsWith("<?", lt)) {
      const end = readInstruction(text, lt);
      if (typeof end === "object") return malformed(end.detail, end.offset);
      pos = end;
    } else if (text.startsWith("</", lt)) {
      const name = readName(text, lt + 2);
      const close = skipSpace(text, lt + 2 + name.length);
      if (text[close] !== ">") return malformed(`end tag </${name}> is not closed with ">"`, lt);
      const start = open.pop();
      if (start === undefined) return malformed(`end tag </${name}> has no start tag`, lt);
      if (start.name !== name) {
        const { line, column } = locate("", text, start.offset);
        return malformed(
          `end tag </${name}> does not match the start tag <${start.name}> at line ${line}, column ${column}`,
          lt,
        );
      }
      if (open.length === 0) rootClosed = true;
      pos = close + 1;
    } else {
      if (open.length === 0 && rootClosed) return malformed("more than one root element", lt);
      const tag = readStartTag(text, lt);
      if (typeof tag === "object") return malformed(tag.detail, tag.offset);
      if (open.length >= MAX_NESTING_DEPTH) {
        return {
          code: "WSDL_UNSUPPORTED",
          detail: `elements are nested more than ${MAX_NESTING_DEPTH} deep`,
          offset: lt,
        };
      }
      if (text[tag - 2] !== "/") open.push({ name: readName(text, lt + 1), offset: lt });
      else if (open.length === 0) rootClosed = true;
      pos = tag;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) return malformed(`<${unclosed.name}> has no end tag`, unclosed.offset);
  if (!rootClosed && part === "document") return malformed("the file has no root element", 0);
  return undefined;
}

/** Reads the start tag at `lt`; returns the offset after its `>`, or what is wrong with it. */
function readStartTag(text: string, lt: number): number | Located {
  const name = readName(text, lt + 1);
  if (!isXmlName(name))
    return { detail: name === "" ? '"<" is not followed by a name' : `"${name}" is not an element name`, offset: lt };
  return readAttributes(text, lt + 1 + name.length, `<${name}>`, ">");
}

/**
 * Reads a processing instruction; returns the offset after its `?>`. Quotes are paired as in the
 * attributes of the XML declaration (which is checked as such), the way fast-xml-parser reads them.
 */
function readInstruction(text: string, lt: number): number | Located {
  const target = readName(text, lt + 2);
  if (!isXmlName(target)) return { detail: '"<?" is not followed by a name', offset: lt };
  if (target.toLowerCase() === "xml") {
    if (lt !== 0) return { detail: "the XML declaration is only allowed at the very start of the file", offset: lt };
    return readAttributes(text, lt + 2 + target.length, "the XML declaration", "?>");
  }
  for (let pos = lt + 2; pos < text.length; pos++) {
    const c = text[pos];
    if (c === '"' || c === "'") {
      pos = text.indexOf(c, pos + 1);
      if (pos < 0) break;
    } else if (c === "?" && text[pos + 1] === ">") return pos + 2;
  }
  return { detail: "processing instruction is not closed", offset: lt };
}

/** Reads `name="value"` pairs up to `close` (or `/>` after a start tag); returns the offset after it. */
function readAttributes(text: string, from: number, owner: string, close: ">" | "?>"): number | Located {
  const seen = new Set<string>();
  let pos = from;
  for (;;) {
    const next = skipSpace(text, pos);
    if (close === ">" && text.startsWith("/>", next)) return next + 2;
    if (text.startsWith(close, next)) return next + close.length;
    if (next >= text.length)
      return {
        detail: `${owner === "the XML declaration" ? owner : `start tag ${owner}`} is not closed`,
        offset: from,
      };
    const attribute = readName(text, next);
    if (next === pos || !isXmlName(attribute)) {
      return {
        detail: `${owner} has "${text.slice(next, next + 1)}" where an attribute or "${close}" belongs`,
        offset: next,
      };
    }
    if (seen.has(attribute)) return { detail: `attribute "${attribute}" appears twice in ${owner}`, offset: next };
    seen.add(attribute);
    const equals = skipSpace(text, next + attribute.length);
    const quoteAt = skipSpace(text, equals + 1);
    const quote = text[quoteAt];
    if (text[equals] !== "=" || (quote !== '"' && quote !== "'")) {
      return { detail: `attribute "${attribute}" of ${owner} has no quoted value`, offset: next };
    }
    const end = text.indexOf(quote, quoteAt + 1);
    if (end < 0) return { detail: `the value of attribute "${attribute}" of ${owner} is not closed`, offset: next };
    const lessThan = text.indexOf("<", quoteAt);
    if (lessThan >= 0 && lessThan < end)
      return { detail: `the value of attribute "${attribute}" of ${owner} contains "<"`, offset: lessThan };
    const problem = referenceProblem(text, quoteAt + 1, end);
    if (problem !== undefined) return problem;
    pos = end + 1;
  }
}

function textOutsideRoot(text: string, from: number, to: number, rootClosed: boolean): Located | undefined {
  const offset = skipSpace(text, from);
  if (offset >= to) return undefined;
  return { detail: `text ${rootClosed ? "after" : "before"} the root element`, offset };
}

function referenceProblem(text: string, from: number, to: number): Located | undefined {
  for (let amp = text.indexOf("&", from); amp >= 0 && amp < to; amp = text.indexOf("&", amp + 1)) {
    const semicolon = text.indexOf(";", amp);
    const reference = semicolon < 0 || semicolon >= to ? "&" : text.slice(amp, semicolon + 1);
    if (!REFERENCE.test(reference) || decodeReferences(reference) === undefined) {
      return {
        detail:
          reference === "&" || /\s/.test(reference)
            ? '"&" starts no character or entity reference'
            : `unknown entity reference "${reference}"`,
        offset: amp,
      };
    }
  }
  return undefined;
}

function readName(text: string, from: number): string {
  NAME_END.lastIndex = from;
  const end = NAME_END.exec(text)?.index ?? text.length;
  return text.slice(from, end);
}

function skipSpace(text: string, from: number): number {
  let pos = from;
  while (pos < text.length && " \t\r\n".includes(text[pos] as string)) pos++;
  return pos;
}
