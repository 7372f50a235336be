import { quoteValue } from "./errors.js";
import { bindingError } from "./namespace-scope.js";
import * as chars from "./xml-chars.js";
import { isWhitespace, nameCharLength } from "./xml-chars.js";
import { ATTRIBUTE_NEEDS_WORK, XmlText } from "./xml-text.js";

// Module-local bindings of the name tables: scanName reads them per character, and local
// bindings measured faster there than imported ones (V8 loads an import through its module cell).
const ASCII_NAME_CLASS = chars.ASCII_NAME_CLASS;
const NAME_START = chars.NAME_START;
const NAME_CHAR = chars.NAME_CHAR;
const COLON = chars.COLON;

/** The SOAP envelope carries 3 namespace declarations; proxies may add some, never hundreds. */
const MAX_ATTRIBUTES = 64;

/** What `markupAt` found after a "<". Numbers, not strings: the dispatch runs per element. */
export type Markup = typeof START_TAG | typeof END_TAG | typeof CDATA | typeof SKIPPED | typeof END_OF_TEXT;
/** `<name`: read it with `scanName` and `readAttributes`. */
export const START_TAG = 0;
/** `</`: read it with `readEndTag`. */
export const END_TAG = 1;
/** `<![CDATA[`: find its end with `cdataEnd`. */
export const CDATA = 2;
/** A comment or processing instruction, already read and checked; the position is after it. */
export const SKIPPED = 3;
/** The text ended right after the "<". */
export const END_OF_TEXT = 4;

/** What follows `<?xml`: version, then optional encoding and standalone, in that order (XML 1.0 [23]). */
const XML_DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

/**
 * The tokens of XML 1.0 over the text window: the one place that tells markup apart (`<`, `</`,
 * `<!--`, `<![CDATA[`, `<?`), reads names, tags and end tags, and checks their syntax. It knows
 * nothing of the element stack or of namespace scopes: the reader passes in what it expects.
 */
export abstract class XmlScanner extends XmlText {
  /** Set by scanName: offset of the colon in the name just scanned, -1 when none. */
  protected nameColon = -1;
  // Set by readAttributes for the start tag just read: its attributes as written (namespace
  // declarations included), in parallel arrays to avoid an allocation per attribute.
  protected tagEmpty = false;
  protected tagAttributeCount = 0;
  protected readonly attributeNames: string[] = [];
  protected readonly attributeValues: string[] = [];

  /**
   * The one markup dispatch: what starts at the "<" at `lt`. Comments and processing
   * instructions are read here (every context skips them alike); other `<!` markup fails.
   */
  protected markupAt(lt: number): Markup {
    const c = this.charAfter(lt);
    if (c === 47) return END_TAG;
    if (c === 33) {
      if (this.src.startsWith("<![CDATA[", lt)) return CDATA;
      if (!this.src.startsWith("<!--", lt)) this.failMarkup(lt);
      this.pos = this.commentEnd(lt);
      return SKIPPED;
    }
    if (c === 63) {
      this.skipProcessingInstruction(lt);
      return SKIPPED;
    }
    return Number.isNaN(c) ? END_OF_TEXT : START_TAG;
  }

  /** Reads `<?xml …?>` at the start of the document; only UTF-8 (and US-ASCII) may be declared. */
  protected readXmlDeclaration(): void {
    const end = this.find("?>", 0);
    if (end < 0) this.failAtEnd("MALFORMED_XML", "the XML declaration is not closed", 0);
    const declaration = this.src.slice(5, end);
    if (!/^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1/.test(declaration)) {
      this.failAt("MALFORMED_XML", "the XML declaration has no valid version", 0);
    }
    const parts = XML_DECLARATION.exec(declaration);
    if (parts === null) this.failAt("MALFORMED_XML", "the XML declaration is malformed", 0);
    const encoding = parts[1] ?? parts[2];
    // Bytes are decoded as UTF-8, and a string came from bytes: one rule for both, so that a
    // message gets one verdict however it is passed in (a string is not trusted to be re-decoded).
    if (encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
      this.failAt("INVALID_ENCODING", `encoding ${quoteValue(encoding)} is not supported; send UTF-8`, 0);
    }
    this.pos = end + 2;
  }

  /**
   * Index just past the XML name that starts at `from`; fails when no name starts there. Leaves
   * the offset of its colon (relative to `from`, -1 when none) in `nameColon`, and fails on a
   * name that is not a valid qualified name (`:a`, `a:`, `a:b:c`, `a:1`).
   */
  protected scanName(from: number): number {
    if (from >= this.src.length) this.more();
    const src = this.src;
    const first = src.charCodeAt(from);
    const firstLength = first === COLON ? 0 : nameCharLength(src, from, true);
    if (firstLength === 0) {
      if (Number.isNaN(first)) this.failAtEnd("MALFORMED_XML", "unexpected end of document", from);
      this.failAt("MALFORMED_XML", `a name cannot start with ${quoteValue(src.charAt(from))}`, from);
    }
    let colon = -1;
    let p = from + firstLength;
    for (;;) {
      const c = this.src.charCodeAt(p);
      if (c < 128) {
        if (((ASCII_NAME_CLASS[c] ?? 0) & NAME_CHAR) === 0) break;
        if (c === COLON) {
          if (colon >= 0) this.failAt("MALFORMED_XML", "a name may contain one colon at most", p);
          colon = p - from;
          // The usual local name starts with an ASCII letter; anything else is looked at closely.
          const next = this.src.charCodeAt(p + 1);
          if (next >= 128 || ((ASCII_NAME_CLASS[next] ?? 0) & NAME_START) === 0 || next === COLON) this.checkLocalStart(p + 1);
        }
        p++;
      } else if (Number.isNaN(c)) {
        if (!this.more()) break;
      } else {
        const length = nameCharLength(this.src, p, false);
        if (length === 0) break;
        p += length;
      }
    }
    if (colon === p - from - 1) this.failAt("MALFORMED_XML", "a name cannot end with a colon", p - 1);
    this.nameColon = colon;
    return p;
  }

  /** Both halves of a qualified name are NCNames: what follows the colon at `at - 1` must start a name. */
  private checkLocalStart(at: number): void {
    if (at >= this.src.length) this.more();
    const c = this.src.charCodeAt(at);
    const ends = isWhitespace(c) || c === 62 || c === 47 || c === 61 || Number.isNaN(c);
    if (!ends && c !== COLON && nameCharLength(this.src, at, true) === 0) {
      this.failAt("MALFORMED_XML", `a local name cannot start with ${quoteValue(this.src.charAt(at))}`, at);
    }
  }

  /**
   * Reads the attributes of the start tag `<qname` at `lt` from `from` up to its `>` or `/>`,
   * checking each namespace declaration's URI. Returns the index after the tag; leaves the rest
   * in the `tag…` and `attribute…` fields.
   */
  protected readAttributes(qname: string, lt: number, from: number): number {
    let p = from;
    let count = 0;
    for (;;) {
      // Pieces of a byte input end before a "<", so a well-formed tag is never cut; reading on at
      // the window's end only matters for malformed input, to report the right problem.
      if (p + 1 >= this.src.length && this.more()) continue;
      const src = this.src;
      const c = src.charCodeAt(p);
      if (c === 62 || (c === 47 && src.charCodeAt(p + 1) === 62)) {
        this.tagEmpty = c === 47;
        this.tagAttributeCount = count;
        return c === 47 ? p + 2 : p + 1;
      }
      if (!isWhitespace(c)) {
        if (Number.isNaN(c)) this.failAtEnd("MALFORMED_XML", `start tag <${qname}> is not closed`, lt);
        const detail = `expected whitespace, ">" or "/>" in start tag <${qname}>`;
        if (p + 1 >= src.length) this.failAtEnd("MALFORMED_XML", detail, p);
        this.failAt("MALFORMED_XML", detail, p);
      }
      p = this.skipWhitespace(p);
      const next = this.src.charCodeAt(p);
      if (next === 62 || next === 47) continue;
      const attributeStart = p;
      const attributeEnd = this.scanName(p);
      const name = this.src.slice(p, attributeEnd);
      p = this.skipWhitespace(attributeEnd);
      if (this.src.charCodeAt(p) !== 61) this.failTagAt(`attribute ${name} has no value`, p);
      p = this.skipWhitespace(p + 1);
      const quote = this.src.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.failTagAt(`value of ${name} is not quoted`, p);
      const close = this.find(quote === 34 ? '"' : "'", p + 1);
      if (close < 0) {
        this.decode(this.src.slice(p + 1), p + 1, true);
        this.failAtEnd("MALFORMED_XML", `value of ${name} is not closed`, p);
      }
      const raw = this.src.slice(p + 1, close);
      const value = ATTRIBUTE_NEEDS_WORK.test(raw) ? this.decode(raw, p + 1, true) : raw;
      p = close + 1;
      if (p >= this.src.length) this.more();
      const after = this.src.charCodeAt(p);
      if (!isWhitespace(after) && after !== 62 && after !== 47) this.failTagAt(`expected whitespace after the value of ${name}`, p);
      if (count === MAX_ATTRIBUTES) {
        this.failAt("NESTING_TOO_DEEP", `<${qname}> has more than ${MAX_ATTRIBUTES} attributes`, attributeStart);
      }
      for (let i = 0; i < count; i++) {
        if (this.attributeNames[i] === name) this.failAt("MALFORMED_XML", `attribute ${name} appears twice`, attributeStart);
      }
      this.attributeNames[count] = name;
      this.attributeValues[count] = value;
      count++;
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        const problem = bindingError(name === "xmlns" ? "" : name.slice(6), value);
        if (problem !== undefined) this.failAt("MALFORMED_XML", problem, attributeStart);
      }
    }
  }

  /** Fails on a malformed start tag at `p`; at the end of the text, the end is the problem. */
  private failTagAt(detail: string, p: number): never {
    if (p >= this.src.length) this.failAtEnd("MALFORMED_XML", detail, p);
    this.failAt("MALFORMED_XML", detail, p);
  }

  /** Reads the end tag at `lt`, which must close `expected`; the position is then after it. */
  protected readEndTag(lt: number, expected: string): void {
    let p = lt + 2;
    // slice + === is about twice as fast as startsWith here (V8 11), and this runs per element.
    if (this.src.slice(p, p + expected.length) === expected) {
      p = this.skipWhitespace(p + expected.length);
      if (this.src.charCodeAt(p) === 62) {
        this.pos = p + 1;
        return;
      }
    }
    // A well-formed end tag is never cut at the window's end; read on before calling it malformed.
    if (lt + 2 + expected.length + 1 >= this.src.length && this.more()) return this.readEndTag(lt, expected);
    let nameEnd = lt + 2;
    // The name as written, for the message: up to whitespace or markup, 80 characters at most.
    while (nameEnd < this.src.length && nameEnd - lt < 82 && !/[\s<>]/.test(this.src.charAt(nameEnd))) nameEnd++;
    const found = this.src.slice(lt + 2, nameEnd);
    // An end tag cut off by the end of the text is a problem of the end.
    const cut = this.skipWhitespace(nameEnd) >= this.src.length && expected.startsWith(found);
    const detail = found === expected ? `malformed end tag </${expected}>` : `expected </${expected}>, found </${found}>`;
    if (cut) this.failAtEnd("MALFORMED_XML", detail, lt);
    this.failAt("MALFORMED_XML", detail, lt);
  }

  /** The index of the `]]>` that ends the CDATA section at `lt`; fails when there is none. */
  protected cdataEnd(lt: number): number {
    const end = this.find("]]>", lt + 9);
    if (end < 0) {
      this.checkCharacters(lt + 9, this.src.length);
      this.failAtEnd("MALFORMED_XML", "CDATA section is not closed", lt);
    }
    return end;
  }

  /** `<!` markup that is no comment, or a CDATA section outside the root element (a DOCTYPE above all): an error. */
  protected failMarkup(lt: number): never {
    while (this.src.length < lt + 9 && this.more());
    const head = this.src.slice(lt, lt + 9);
    if (/^<!DOCTYPE/i.test(head)) {
      this.failAt("DOCTYPE_FORBIDDEN", "DOCTYPE declarations are not accepted (no DTDs, no entity expansion)", lt);
    }
    if (head === "<![CDATA[") this.failAt("MALFORMED_XML", "CDATA outside the root element", lt);
    const detail = `unexpected markup ${quoteValue(head)}`;
    // Markup the end of the text cut short (`<!-`) is a problem of the end.
    const cut = head.length < 9 && ["<!--", "<![CDATA[", "<!DOCTYPE"].some((m) => m.startsWith(head.toUpperCase()));
    if (cut) this.failAtEnd("MALFORMED_XML", detail, lt);
    this.failAt("MALFORMED_XML", detail, lt);
  }

  private commentEnd(lt: number): number {
    const from = lt + 4;
    const dashes = this.find("--", from);
    // A piece may end right after the "--" (before a "<"): read on before calling it unclosed.
    if (dashes >= 0) this.charAfter(dashes + 1);
    if (dashes < 0 || dashes + 2 >= this.src.length) {
      this.checkCharacters(from, dashes < 0 ? this.src.length : dashes);
      this.failAtEnd("MALFORMED_XML", "comment is not closed", lt);
    }
    this.checkCharacters(from, dashes);
    if (this.src.charCodeAt(dashes + 2) !== 62) this.failAt("MALFORMED_XML", '"--" is not allowed inside a comment', dashes);
    return dashes + 3;
  }

  private skipProcessingInstruction(lt: number): void {
    const targetEnd = this.scanName(lt + 2);
    const target = this.src.slice(lt + 2, targetEnd);
    if (target.toLowerCase() === "xml") {
      this.failAt("MALFORMED_XML", "the XML declaration is only allowed at the very start", lt);
    }
    if (target.includes(":")) this.failAt("MALFORMED_XML", "a processing instruction target cannot contain a colon", lt);
    const end = this.find("?>", targetEnd);
    if (end !== targetEnd && targetEnd < this.src.length && !isWhitespace(this.src.charCodeAt(targetEnd))) {
      this.failAt("MALFORMED_XML", "malformed processing instruction", lt);
    }
    if (end < 0) {
      this.checkCharacters(targetEnd, this.src.length);
      this.failAtEnd("MALFORMED_XML", "processing instruction is not closed", lt);
    }
    this.checkCharacters(targetEnd, end);
    this.pos = end + 2;
  }
}
