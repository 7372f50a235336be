import { OutboundMessageError, quoteValue, type MessageLocation, type OutboundMessageErrorCode } from "./errors.js";
import { TextWindow } from "./text-window.js";
import { isDigit, isWhitespace, isXmlChar, NOT_XML_CHAR, xmlCharUnits } from "./xml-chars.js";

/** Attribute values additionally need whitespace normalisation and must not contain `<`. */
export const ATTRIBUTE_NEEDS_WORK: RegExp = /[&<\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Shows a reference name in an error message, shortened when it is long. */
function shownReference(name: string): string {
  return `&${name.length > 40 ? `${name.slice(0, 40)}…` : name};`;
}

/**
 * Character data over the text window: text and attribute values decoded (line ends normalised,
 * references expanded) and checked against the Char rule, and the located errors every layer
 * raises. Where an error is (its element path) is the reader's knowledge, asked through `locate`.
 */
export abstract class XmlText extends TextWindow {
  /** Where document offset `offset` is: path, line and column. */
  protected abstract locate(offset: number): MessageLocation;

  /** Fails at `offset` in the window. */
  protected failAt(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    throw new OutboundMessageError(code, detail, this.locate(this.base + offset));
  }

  /**
   * Fails at `offset` on a problem found at the end of the text: when the text ended at bytes that
   * are not UTF-8, those are the first problem in the document.
   */
  protected failAtEnd(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    if (this.broken) this.failEncoding();
    this.failAt(code, detail, offset);
  }

  /** Encoding errors are about the body as a whole, so they name no element. */
  protected failEncoding(): never {
    throw new OutboundMessageError("INVALID_ENCODING", "the body is not valid UTF-8", { path: "/", line: 1, column: 1 });
  }

  /** Fails on the first text between `from` and `to` that is not whitespace. */
  protected expectWhitespace(from: number, to: number): void {
    const src = this.src;
    for (let p = from; p < to; p++) {
      if (!isWhitespace(src.charCodeAt(p))) {
        const text = src.slice(p, to).trim();
        this.failAt("UNEXPECTED_TEXT", `unexpected text ${quoteValue(text)}`, p);
      }
    }
  }

  /** Fails on a character XML forbids between `from` and `to` (in a comment, PI or CDATA section). */
  protected checkCharacters(from: number, to: number): void {
    const bad = NOT_XML_CHAR.exec(this.src.slice(from, to));
    if (bad !== null) this.failAt("MALFORMED_XML", "character not allowed in XML", from + bad.index);
  }

  /** The text of a CDATA section between `from` and `to`, checked, with line ends normalised. */
  protected cdataText(from: number, to: number): string {
    // CDATA takes no entities and may hold "]]" and ">", so only line ends and characters matter.
    this.checkCharacters(from, to);
    const raw = this.src.slice(from, to);
    return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  }

  /** Character data between `from` and `to`, with line ends normalised and references decoded. */
  protected textChunk(from: number, to: number): string {
    const src = this.src;
    // A plain loop beats a regular expression on the short values fields hold. It looks for what
    // may need work (controls, "&", ">", surrogates and above); `decode` tells the rest.
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c < 32 ? c !== 9 && c !== 10 : c === 38 || c === 62 || c >= 0xd800) {
        return this.decode(src.slice(from, to), from, false);
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
  protected decode(raw: string, offset: number, attribute: boolean): string {
    let out = "";
    const pieces: string[] = [];
    let last = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 38) {
        const end = this.referenceEnd(raw, i, offset);
        pieces.push(raw.slice(last, i), this.entity(raw.slice(i + 1, end), offset + i));
        i = end;
        last = i + 1;
      } else if (c === 13 || (attribute && (c === 10 || c === 9))) {
        pieces.push(raw.slice(last, i), attribute ? " " : "\n");
        if (c === 13 && raw.charCodeAt(i + 1) === 10) i++;
        last = i + 1;
      } else if (c === 60 && attribute) {
        this.failAt("MALFORMED_XML", '"<" is not allowed in an attribute value', offset + i);
      } else if (c === 62 && !attribute && raw.charCodeAt(i - 1) === 93 && raw.charCodeAt(i - 2) === 93) {
        this.failAt("MALFORMED_XML", '"]]>" is not allowed in text', offset + i - 2);
      } else if (c < 32 || c >= 0xd800) {
        const units = xmlCharUnits(raw, i, c);
        if (units === 0) this.failAt("MALFORMED_XML", "character not allowed in XML", offset + i);
        i += units - 1;
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
  private referenceEnd(raw: string, at: number, offset: number): number {
    if (raw.charCodeAt(at + 1) === 35) {
      const hex = raw.charCodeAt(at + 2) === 120;
      const digits = hex ? at + 3 : at + 2;
      let p = digits;
      while (isDigit(raw.charCodeAt(p), hex)) p++;
      if (p > digits && raw.charCodeAt(p) === 59) return p;
    }
    const semicolon = raw.indexOf(";", at + 1);
    if (semicolon < 0 || semicolon - at > 12) this.failAt("MALFORMED_XML", "unterminated entity reference", offset + at);
    return semicolon;
  }

  private entity(name: string, offset: number): string {
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
      this.failAt("MALFORMED_XML", `unknown entity ${shownReference(name)} (only the five XML entities are defined)`, offset);
    }
    if (!isXmlChar(codePoint)) this.failAt("MALFORMED_XML", `${shownReference(name)} is not a legal XML character`, offset);
    return String.fromCodePoint(codePoint);
  }
}
