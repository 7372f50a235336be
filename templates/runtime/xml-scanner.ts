import { ATTRIBUTE_NEEDS_WORK, checkCharacters, decodeCharData, textValue, type ErrorSink } from "./char-data.js";
import { quoteValue } from "./errors.js";
import type { TextWindow } from "./text-window.js";
import { ASCII_NAME_CLASS, COLON, isWhitespace, NAME_CHAR, NAME_START, nameCharLength } from "./xml-chars.js";

/**
 * What `scan()` found at the window's position. Comments and processing instructions are read
 * (and checked) by `scan()` itself; the others are read by the call that fits them.
 */
export type Token = "text" | "start" | "end" | "cdata" | "comment" | "pi" | "eof";

/**
 * The tokens of XML 1.0 over a text window: the one place that tells markup apart (`<`, `</`,
 * `<!--`, `<![CDATA[`, `<?`), reads names, tags and character data, and checks their syntax.
 * It knows nothing of the element stack or of namespaces; the reader asks for what it needs.
 */
export class XmlScanner {
  private readonly w: TextWindow;
  private readonly errors: ErrorSink;
  /** Text: `[tokenStart, tokenEnd)`; markup: `tokenStart` is its "<"; CDATA, after `cdata()`: its content. */
  tokenStart = 0;
  tokenEnd = 0;
  /** Set by `scanName`: offset of the colon in the name just scanned (from its start), -1 when none. */
  nameColon = -1;
  // The start tag being read (`startTag`, then `nextAttribute` until it returns false).
  tagName = "";
  tagColon = -1;
  /** True when the start tag ended right after its name (`<x>`): no attributes to read. */
  tagEnded = false;
  tagEmpty = false;
  attributeName = "";
  attributeValue = "";
  attributeStart = 0;

  constructor(window: TextWindow, errors: ErrorSink) {
    this.w = window;
    this.errors = errors;
  }

  /** The token at the window's position. */
  scan(): Token {
    const w = this.w;
    const lt = w.pos;
    // Markup right at the position is the common case (after text, after markup): no search.
    if (w.src.charCodeAt(lt) !== 60) {
      const next = w.find("<", lt);
      if (next !== lt) {
        if (next < 0 && lt >= w.src.length) return "eof";
        this.tokenStart = lt;
        this.tokenEnd = next < 0 ? w.src.length : next;
        w.pos = this.tokenEnd;
        return "text";
      }
    }
    this.tokenStart = lt;
    const c = w.charAfter(lt);
    if (c === 47) return "end";
    if (c === 63) {
      this.skipProcessingInstruction(lt);
      return "pi";
    }
    if (c !== 33) return "start";
    if (w.src.startsWith("<![CDATA[", lt)) return "cdata";
    if (w.src.startsWith("<!--", lt)) {
      w.pos = this.commentEnd(lt);
      return "comment";
    }
    return this.failMarkup(lt);
  }

  /** True when an end tag starts at the window's position (then `tokenStart` is its "<"). */
  atEndTag(): boolean {
    const w = this.w;
    if (w.src.charCodeAt(w.pos) !== 60 || w.charAfter(w.pos) !== 47) return false;
    this.tokenStart = w.pos;
    return true;
  }

  /** The text token, decoded. */
  text(): string {
    return textValue(this.w.src, this.tokenStart, this.tokenEnd, this.errors);
  }

  /** The first offset in the text token that is not whitespace, -1 when there is none. */
  firstNonWhitespace(): number {
    const src = this.w.src;
    for (let p = this.tokenStart; p < this.tokenEnd; p++) if (!isWhitespace(src.charCodeAt(p))) return p;
    return -1;
  }

  /** Reads the CDATA section at `tokenStart`; leaves its content in `[tokenStart, tokenEnd)`. */
  cdata(): void {
    const w = this.w;
    const lt = this.tokenStart;
    const end = w.find("]]>", lt + 9);
    if (end < 0) {
      checkCharacters(w.src.slice(lt + 9), lt + 9, this.errors);
      this.errors.failAtEnd("MALFORMED_XML", "CDATA section is not closed", lt);
    }
    // CDATA takes no entities and may hold "]]" and ">", so only line ends and characters matter.
    checkCharacters(w.src.slice(lt + 9, end), lt + 9, this.errors);
    this.tokenStart = lt + 9;
    this.tokenEnd = end;
    w.pos = end + 3;
  }

  /** The content of the CDATA section just read, line ends normalised. */
  cdataText(): string {
    const raw = this.w.src.slice(this.tokenStart, this.tokenEnd);
    return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  }

  /**
   * Index just past the XML name that starts at `from`; fails when no name starts there. Leaves
   * the offset of its colon in `nameColon`, and fails on a name that is not a valid qualified name
   * (`:a`, `a:`, `a:b:c`, `a:1`).
   */
  scanName(from: number): number {
    const w = this.w;
    if (from >= w.src.length) w.more();
    let src = w.src;
    const first = src.charCodeAt(from);
    // Names are read per character, so the ASCII cases are table lookups on a local string.
    const firstLength =
      first < 128 ? (first !== COLON && ((ASCII_NAME_CLASS[first] as number) & NAME_START) !== 0 ? 1 : 0) : nameCharLength(src, from, true);
    if (firstLength === 0) {
      if (Number.isNaN(first)) this.errors.failAtEnd("MALFORMED_XML", "unexpected end of document", from);
      this.errors.failAt("MALFORMED_XML", `a name cannot start with ${quoteValue(src.charAt(from))}`, from);
    }
    let colon = -1;
    let p = from + firstLength;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c < 128) {
        if (((ASCII_NAME_CLASS[c] as number) & NAME_CHAR) === 0) break;
        if (c === COLON) {
          if (colon >= 0) this.errors.failAt("MALFORMED_XML", "a name may contain one colon at most", p);
          colon = p - from;
          const next = src.charCodeAt(p + 1);
          if (next >= 128 || ((ASCII_NAME_CLASS[next] as number) & NAME_START) === 0) {
            this.checkLocalStart(p + 1);
            src = w.src;
          }
        }
        p++;
      } else if (Number.isNaN(c)) {
        if (!w.more()) break;
        src = w.src;
      } else {
        const length = nameCharLength(src, p, false);
        if (length === 0) break;
        p += length;
      }
    }
    if (colon === p - from - 1) this.errors.failAt("MALFORMED_XML", "a name cannot end with a colon", p - 1);
    this.nameColon = colon;
    return p;
  }

  /** Both halves of a qualified name are NCNames: what follows the colon must start a name. */
  private checkLocalStart(at: number): void {
    const w = this.w;
    if (at >= w.src.length) w.more();
    const c = w.src.charCodeAt(at);
    const ends = isWhitespace(c) || c === 62 || c === 47 || c === 61 || Number.isNaN(c);
    if (!ends && c !== COLON && nameCharLength(w.src, at, true) === 0) {
      this.errors.failAt("MALFORMED_XML", `a local name cannot start with ${quoteValue(w.src.charAt(at))}`, at);
    }
  }

  /** Reads the name of the start tag at `tokenStart`; attributes follow with `nextAttribute` unless `tagEnded`. */
  startTag(): void {
    const w = this.w;
    const lt = this.tokenStart;
    const nameEnd = this.scanName(lt + 1);
    this.tagName = w.src.slice(lt + 1, nameEnd);
    this.tagColon = this.nameColon;
    // The usual `<sf:Name>` has no attributes: the reader skips the attribute machinery for it.
    this.tagEnded = w.src.charCodeAt(nameEnd) === 62;
    this.tagEmpty = false;
    w.pos = this.tagEnded ? nameEnd + 1 : nameEnd;
  }

  /**
   * Reads the next attribute of the start tag into `attribute…` (true), or the tag's `>` or `/>`
   * (false, `tagEmpty` telling which).
   */
  nextAttribute(): boolean {
    const w = this.w;
    const qname = this.tagName;
    for (;;) {
      let p = w.pos;
      // Reading on at the window's end only matters for malformed input, to report the right problem.
      if (p + 1 >= w.src.length && w.more()) continue;
      const c = w.src.charCodeAt(p);
      if (c === 62 || (c === 47 && w.src.charCodeAt(p + 1) === 62)) {
        this.tagEmpty = c === 47;
        w.pos = c === 47 ? p + 2 : p + 1;
        return false;
      }
      if (!isWhitespace(c)) {
        if (Number.isNaN(c)) this.errors.failAtEnd("MALFORMED_XML", `start tag <${qname}> is not closed`, this.tokenStart);
        const detail = `expected whitespace, ">" or "/>" in start tag <${qname}>`;
        if (p + 1 >= w.src.length) this.errors.failAtEnd("MALFORMED_XML", detail, p);
        this.errors.failAt("MALFORMED_XML", detail, p);
      }
      p = w.skipWhitespace(p);
      w.pos = p;
      const next = w.src.charCodeAt(p);
      if (next === 62 || next === 47) continue;
      this.attributeStart = p;
      const nameEnd = this.scanName(p);
      const name = w.src.slice(p, nameEnd);
      p = w.skipWhitespace(nameEnd);
      if (w.src.charCodeAt(p) !== 61) this.failTagAt(`attribute ${name} has no value`, p);
      p = w.skipWhitespace(p + 1);
      const quote = w.src.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.failTagAt(`value of ${name} is not quoted`, p);
      const close = w.find(quote === 34 ? '"' : "'", p + 1);
      if (close < 0) {
        decodeCharData(w.src.slice(p + 1), p + 1, true, this.errors);
        this.errors.failAtEnd("MALFORMED_XML", `value of ${name} is not closed`, p);
      }
      const raw = w.src.slice(p + 1, close);
      this.attributeName = name;
      this.attributeValue = ATTRIBUTE_NEEDS_WORK.test(raw) ? decodeCharData(raw, p + 1, true, this.errors) : raw;
      p = close + 1;
      if (p >= w.src.length) w.more();
      const after = w.src.charCodeAt(p);
      if (!isWhitespace(after) && after !== 62 && after !== 47) this.failTagAt(`expected whitespace after the value of ${name}`, p);
      w.pos = p;
      return true;
    }
  }

  /** Fails on a malformed start tag at `p`; at the end of the text, the end is the problem. */
  private failTagAt(detail: string, p: number): never {
    if (p >= this.w.src.length) this.errors.failAtEnd("MALFORMED_XML", detail, p);
    return this.errors.failAt("MALFORMED_XML", detail, p);
  }

  /** Reads the end tag at `tokenStart`, which must close `expected`. */
  endTag(expected: string): void {
    const w = this.w;
    const lt = this.tokenStart;
    let p = lt + 2;
    // slice + === is about twice as fast as startsWith here (V8 11), and this runs per element.
    if (w.src.slice(p, p + expected.length) === expected) {
      p = w.skipWhitespace(p + expected.length);
      if (w.src.charCodeAt(p) === 62) {
        w.pos = p + 1;
        return;
      }
    }
    // A well-formed end tag is never cut at the window's end; read on before calling it malformed.
    if (lt + 2 + expected.length + 1 >= w.src.length && w.more()) return this.endTag(expected);
    let nameEnd = lt + 2;
    // The name as written, for the message: up to whitespace or markup, 80 characters at most.
    while (nameEnd < w.src.length && nameEnd - lt < 82 && !/[\s<>]/.test(w.src.charAt(nameEnd))) nameEnd++;
    const found = w.src.slice(lt + 2, nameEnd);
    // An end tag cut off by the end of the text is a problem of the end.
    const cut = w.skipWhitespace(nameEnd) >= w.src.length && expected.startsWith(found);
    const detail = found === expected ? `malformed end tag </${expected}>` : `expected </${expected}>, found </${found}>`;
    if (cut) this.errors.failAtEnd("MALFORMED_XML", detail, lt);
    this.errors.failAt("MALFORMED_XML", detail, lt);
  }

  /** `<!` markup that is no comment or CDATA section (a DOCTYPE above all) is an error. */
  private failMarkup(lt: number): never {
    const w = this.w;
    while (w.src.length < lt + 9 && w.more());
    const head = w.src.slice(lt, lt + 9);
    if (/^<!DOCTYPE/i.test(head)) {
      this.errors.failAt("DOCTYPE_FORBIDDEN", "DOCTYPE declarations are not accepted (no DTDs, no entity expansion)", lt);
    }
    const detail = `unexpected markup ${quoteValue(head)}`;
    // Markup the end of the text cut short (`<!-`) is a problem of the end.
    const cut = head.length < 9 && ["<!--", "<![CDATA[", "<!DOCTYPE"].some((m) => m.startsWith(head.toUpperCase()));
    if (cut) this.errors.failAtEnd("MALFORMED_XML", detail, lt);
    return this.errors.failAt("MALFORMED_XML", detail, lt);
  }

  private commentEnd(lt: number): number {
    const w = this.w;
    const from = lt + 4;
    const dashes = w.find("--", from);
    // A piece may end right after the "--" (before a "<"): read on before calling it unclosed.
    if (dashes >= 0) w.charAfter(dashes + 1);
    if (dashes < 0 || dashes + 2 >= w.src.length) {
      checkCharacters(w.src.slice(from, dashes < 0 ? w.src.length : dashes), from, this.errors);
      this.errors.failAtEnd("MALFORMED_XML", "comment is not closed", lt);
    }
    checkCharacters(w.src.slice(from, dashes), from, this.errors);
    if (w.src.charCodeAt(dashes + 2) !== 62) this.errors.failAt("MALFORMED_XML", '"--" is not allowed inside a comment', dashes);
    return dashes + 3;
  }

  private skipProcessingInstruction(lt: number): void {
    const w = this.w;
    const targetEnd = this.scanName(lt + 2);
    const target = w.src.slice(lt + 2, targetEnd);
    if (target.toLowerCase() === "xml") {
      this.errors.failAt("MALFORMED_XML", "the XML declaration is only allowed at the very start", lt);
    }
    if (target.includes(":")) this.errors.failAt("MALFORMED_XML", "a processing instruction target cannot contain a colon", lt);
    const end = w.find("?>", targetEnd);
    if (end !== targetEnd && targetEnd < w.src.length && !isWhitespace(w.src.charCodeAt(targetEnd))) {
      this.errors.failAt("MALFORMED_XML", "malformed processing instruction", lt);
    }
    if (end < 0) {
      checkCharacters(w.src.slice(targetEnd), targetEnd, this.errors);
      this.errors.failAtEnd("MALFORMED_XML", "processing instruction is not closed", lt);
    }
    checkCharacters(w.src.slice(targetEnd, end), targetEnd, this.errors);
    w.pos = end + 2;
  }
}
