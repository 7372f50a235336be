import type { OutboundMessageErrorCode } from "./errors.js";
import { isDigit, isNotXmlUnit, isPairStart, isXmlChar, NOT_XML_CHAR } from "./xml-chars.js";

// Character data: text and attribute values as XML delivers them (line ends normalised,
// references decoded, attribute whitespace normalised), and the checks on what they may hold.

/** Where the parts of the reader report a problem at a document offset. */
export interface ErrorSink {
  failAt(code: OutboundMessageErrorCode, detail: string, offset: number): never;
  /** A problem found at the end of the text: bytes that are not UTF-8 there are reported instead. */
  failAtEnd(code: OutboundMessageErrorCode, detail: string, offset: number): never;
}

/** Attribute values that need more than a copy: references, whitespace to normalise, `<`, odd characters. */
export const ATTRIBUTE_NEEDS_WORK: RegExp = /[&<\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Fails on a character XML forbids in `raw` (comments, PIs, CDATA), `offset` being where `raw` starts. */
export function checkCharacters(raw: string, offset: number, errors: ErrorSink): void {
  const bad = NOT_XML_CHAR.exec(raw);
  if (bad !== null) errors.failAt("MALFORMED_XML", "character not allowed in XML", offset + bad.index);
}

/** Text between markup, as delivered: `src[from, to)` decoded. */
export function textValue(src: string, from: number, to: number, errors: ErrorSink): string {
  // A plain loop beats a regular expression on the short values fields hold.
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 : c === 38 || c === 62 || c >= 0xd800) {
      return decodeCharData(src.slice(from, to), from, false, errors);
    }
  }
  return src.slice(from, to);
}

/**
 * One pass over raw character data: CRLF/CR become LF (or a space in attribute values, where
 * TAB and LF do too), references are decoded, and what XML forbids is rejected. Line ends are
 * normalised before references are expanded, so `&#13;` stays a CR as the spec demands. Pieces
 * are joined in batches: appending them one by one would hold a rope node per line break.
 */
export function decodeCharData(raw: string, offset: number, attribute: boolean, errors: ErrorSink): string {
  let out = "";
  const pieces: string[] = [];
  let last = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38) {
      const end = referenceEnd(raw, i, offset, errors);
      pieces.push(raw.slice(last, i), referenceValue(raw.slice(i + 1, end), offset + i, errors));
      i = end;
      last = i + 1;
    } else if (c === 13 || (attribute && (c === 10 || c === 9))) {
      pieces.push(raw.slice(last, i), attribute ? " " : "\n");
      if (c === 13 && raw.charCodeAt(i + 1) === 10) i++;
      last = i + 1;
    } else if (c === 60 && attribute) {
      errors.failAt("MALFORMED_XML", '"<" is not allowed in an attribute value', offset + i);
    } else if (c === 62 && !attribute && raw.charCodeAt(i - 1) === 93 && raw.charCodeAt(i - 2) === 93) {
      errors.failAt("MALFORMED_XML", '"]]>" is not allowed in text', offset + i - 2);
    } else if (isPairStart(raw, i, c)) {
      i++;
    } else if (isNotXmlUnit(raw, i, c)) {
      errors.failAt("MALFORMED_XML", "character not allowed in XML", offset + i);
    }
    if (pieces.length >= 8192) {
      out += pieces.join("");
      pieces.length = 0;
    }
  }
  if (last === 0) return raw;
  return out + pieces.join("") + raw.slice(last);
}

/**
 * Finds the end of the reference that starts at `raw[at]` ("&"): the index of its ";".
 * Character references may carry any number of leading zeros, so their digits are read to the
 * end; entity names are short, so a ";" further than a few characters away is not looked for.
 */
function referenceEnd(raw: string, at: number, offset: number, errors: ErrorSink): number {
  if (raw.charCodeAt(at + 1) === 35) {
    const hex = raw.charCodeAt(at + 2) === 120;
    const digits = hex ? at + 3 : at + 2;
    let p = digits;
    while (isDigit(raw.charCodeAt(p), hex)) p++;
    if (p > digits && raw.charCodeAt(p) === 59) return p;
  }
  const semicolon = raw.indexOf(";", at + 1);
  if (semicolon < 0 || semicolon - at > 12) errors.failAt("MALFORMED_XML", "unterminated entity reference", offset + at);
  return semicolon;
}

/** Shows a reference name in an error message, shortened when it is long. */
function shownReference(name: string): string {
  return `&${name.length > 40 ? `${name.slice(0, 40)}…` : name};`;
}

/** What `&name;` stands for: one of the five predefined entities or a character reference. */
function referenceValue(name: string, offset: number, errors: ErrorSink): string {
  switch (name) {
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "amp":
      return "&";
    case "quot":
      return '"';
    case "apos":
      return "'";
  }
  const reference = /^#(?:x0*([0-9A-Fa-f]+)|0*([0-9]+))$/.exec(name);
  const hex = reference?.[1];
  const decimal = reference?.[2];
  const codePoint = hex !== undefined ? parseInt(hex, 16) : decimal !== undefined ? Number(decimal) : -1;
  if (codePoint < 0) {
    errors.failAt("MALFORMED_XML", `unknown entity ${shownReference(name)} (only the five XML entities are defined)`, offset);
  }
  if (!isXmlChar(codePoint)) errors.failAt("MALFORMED_XML", `${shownReference(name)} is not a legal XML character`, offset);
  return String.fromCodePoint(codePoint);
}
