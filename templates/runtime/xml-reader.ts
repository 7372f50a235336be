import {
  OutboundMessageError,
  quoteValue,
  type MessageLocation,
  type OutboundMessageErrorCode,
} from "./errors.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS } from "./namespaces.js";
import type { MessageBody } from "./types.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const KNOWN_NAMESPACES: ReadonlyMap<string, string> = new Map(
  [OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS].map((uri) => [uri, uri]),
);
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/** An outbound message is 7 levels deep; anything far beyond that is an attack or a mistake. */
const MAX_DEPTH = 64;
/** The SOAP envelope carries 3 namespace declarations; proxies may add some, never hundreds. */
const MAX_ATTRIBUTES = 64;

// ASCII name characters (bit 1: may start a name, bit 2: may continue one). Characters above
// U+007F are accepted as name characters: the XML Name production allows almost all of them.
const NAME_START = 1;
const NAME_CHAR = 2;
const COLON = 58;
const ASCII_NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII_NAME_CLASS[c] = NAME_START | NAME_CHAR;
  else if (/[0-9.-]/.test(ch)) ASCII_NAME_CLASS[c] = NAME_CHAR;
}

/** Attribute values additionally need whitespace normalisation and must not contain `<`. */
const ATTRIBUTE_NEEDS_WORK = /[&<\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Characters XML forbids, looked for in comments and processing instructions. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** What follows `<?xml`: version, then optional encoding and standalone, in that order (XML 1.0 [23]). */
const XML_DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

/** Bytes decoded per step: small enough that no decoded piece is a large heap object. */
const PIECE_BYTES = 16 * 1024;
/** Consumed text dropped from the window once this much of it piled up (chunked input only). */
const TRIM_AT = 16 * 1024;

/**
 * Bytes in, text out, a piece at a time: each piece ends right before a `<` (or at the end), so no
 * tag is ever split between pieces. Decoding a large body into one string would allocate one large
 * object, which costs as much as parsing it; pieces stay small.
 */
class TextFeed {
  private readonly chunks: readonly Uint8Array[];
  private index = 0;
  private offset = 0;
  private carry = "";
  private flushed = false;
  // The BOM is kept here and dropped by the reader, so that strings and bytes lose exactly one.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(chunks: readonly Uint8Array[]) {
    this.chunks = chunks;
  }

  /** The next piece, or undefined at the end. Throws a TypeError on bytes that are not UTF-8. */
  next(): string | undefined {
    for (;;) {
      if (this.flushed) {
        const rest = this.carry;
        this.carry = "";
        return rest === "" ? undefined : rest;
      }
      const bytes = this.take();
      const text = bytes === undefined ? this.decoder.decode() : this.decoder.decode(bytes, { stream: true });
      if (bytes === undefined) this.flushed = true;
      // Only the new text is searched: rescanning the carry would be quadratic in a body with
      // few "<" (a long text or attribute value), which a client could send on purpose.
      const inText = this.flushed ? -1 : text.lastIndexOf("<");
      const cut = inText < 0 ? -1 : this.carry.length + inText;
      if (cut <= 0) {
        this.carry += text;
        continue;
      }
      const all = this.carry + text;
      this.carry = all.slice(cut);
      return all.slice(0, cut);
    }
  }

  private take(): Uint8Array | undefined {
    for (; this.index < this.chunks.length; this.index++, this.offset = 0) {
      const chunk = this.chunks[this.index] as Uint8Array;
      if (this.offset < chunk.length) {
        const end = Math.min(chunk.length, this.offset + PIECE_BYTES);
        const bytes = chunk.subarray(this.offset, end);
        this.offset = end;
        return bytes;
      }
    }
    return undefined;
  }
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * A strict, namespace-aware pull reader over one XML document, written for SOAP messages that
 * arrive from the internet: no DTD (a DOCTYPE is an error, so entities are never expanded),
 * only the five predefined entities and character references, bounded nesting.
 *
 * The caller walks the tree: `openRoot()`, then per open element either `nextChild()` in a loop
 * (until it returns false, which closes the element), `readText()` (simple content) or
 * `skipElement()`. Every path checks well-formedness, so a document is never half-validated.
 */
export class XmlReader {
  /**
   * The window of the document being read. For a string it is the whole string; for bytes it is
   * the decoded text from `base` on, extended piece by piece and trimmed at safe points.
   */
  private src: string;
  private readonly bytesInput: boolean;
  private pos = 0;
  private readonly feed: TextFeed | undefined;
  /** Document offset of `src[0]`. */
  private base = 0;
  /** Document offsets of the line breaks in text already trimmed away, for error locations. */
  private readonly breaks: number[] = [];

  // The stack of open elements, outermost first. Parallel arrays avoid an allocation per element.
  private depth = 0;
  private readonly qnames: string[] = [];
  private readonly locals: string[] = [];
  private readonly starts: number[] = [];
  private readonly indexes: number[] = [];
  private readonly declared: (string[] | null)[] = [];

  /** Prefix ("" is the default namespace) → stack of bound URIs, innermost last. */
  private readonly bindings = new Map<string, string[]>([["xml", [XML_NS]]]);

  // The last resolved element prefix; valid while no binding changed (a version counter tracks that).
  private bindingVersion = 0;
  private cacheVersion = -1;
  private cachedPrefix = "";
  private cachedUri = "";
  /** Set by scanName: offset of the colon in the name just scanned, -1 when none. */
  private nameColon = -1;
  // Set by readAttributes for the start tag just read.
  private tagEmpty = false;
  private tagAttributeCount = 0;
  private tagDeclared: string[] | null = null;

  /** `<x/>`: the current element is open but already known to be empty. */
  private emptyPending = false;
  private attributeCount = 0;
  private readonly attributeNames: string[] = [];
  private readonly attributeValues: string[] = [];

  // The element most recently closed, so that a value found bad after reading can be located.
  // Start offsets (here and in `starts`) are document offsets, valid after trimming.
  private closedLocal = "";
  private closedStart = 0;
  private closedIndex = 0;

  /** Local name of the element most recently opened. */
  localName = "";
  /** Namespace URI of the element most recently opened ("" when it has none). */
  namespaceUri = "";

  /**
   * A reader over a string, or over bytes (one array, or the chunks a body arrived in), decoded as
   * strict UTF-8 as reading goes. One leading BOM is dropped either way.
   */
  static fromInput(input: MessageBody): XmlReader {
    if (typeof input === "string") return new XmlReader(input, undefined);
    return new XmlReader("", new TextFeed(input instanceof Uint8Array ? [input] : input));
  }

  private constructor(text: string, feed: TextFeed | undefined) {
    this.feed = feed;
    this.bytesInput = feed !== undefined;
    this.src = text;
    if (feed !== undefined) this.more();
    if (this.src.charCodeAt(0) === 0xfeff) this.src = this.src.slice(1);
  }

  /** The next piece of a byte input, or undefined at the end of the document. */
  private nextPiece(): string | undefined {
    if (this.feed === undefined) return undefined;
    try {
      return this.feed.next();
    } catch {
      return this.failAt("INVALID_ENCODING", "the body is not valid UTF-8", this.src.length);
    }
  }

  /** Appends the next piece of a byte input to the window; false at the end of the document. */
  private more(): boolean {
    const piece = this.nextPiece();
    if (piece === undefined) return false;
    this.src += piece;
    return true;
  }

  /**
   * `src.indexOf(needle, from)`, reading on while it is not found; -1 at the end of the document.
   * Reading on searches only what arrives (with the overlap a needle may span) and joins the
   * pieces to the window once: appending them one by one would copy the window each time, which
   * is quadratic in a long comment or CDATA section full of "<".
   */
  private find(needle: string, from: number): number {
    const at = this.src.indexOf(needle, from);
    // Kept this small so that it inlines into the per-element paths; reading on is the rare case.
    return at >= 0 || this.feed === undefined ? at : this.findFurther(needle, from);
  }

  private findFurther(needle: string, from: number): number {
    const overlap = needle.length - 1;
    const pieces: string[] = [];
    let searched = this.src.length;
    let tail = overlap > 0 ? this.src.slice(Math.max(from, searched - overlap)) : "";
    for (;;) {
      const piece = this.nextPiece();
      if (piece === undefined) {
        this.src += pieces.join("");
        return -1;
      }
      pieces.push(piece);
      const hit = (tail + piece).indexOf(needle);
      if (hit >= 0) {
        this.src += pieces.join("");
        return searched - tail.length + hit;
      }
      searched += piece.length;
      tail = overlap > 0 ? (tail + piece).slice(-overlap) : "";
    }
  }

  /**
   * Drops the consumed text from the window of a byte input. Called only where no offset into the
   * window is held (the start of nextChild, readText, skipElement and finish), so nothing shifts
   * under a caller.
   */
  private trim(): void {
    if (this.feed === undefined || this.pos < TRIM_AT) return;
    const src = this.src;
    const pos = this.pos;
    // Breaks are recorded in document order, so the list stays sorted without sorting it.
    const cr = src.indexOf("\r");
    if (cr < 0 || cr >= pos) {
      for (let i = src.indexOf("\n"); i >= 0 && i < pos; i = src.indexOf("\n", i + 1)) this.breaks.push(this.base + i);
    } else {
      for (let i = 0; i < pos; i++) {
        const c = src.charCodeAt(i);
        if (c === 10 || (c === 13 && src.charCodeAt(i + 1) !== 10)) this.breaks.push(this.base + i);
      }
    }
    this.src = src.slice(pos);
    this.base += pos;
    this.pos = 0;
  }

  /** Reads the prolog and opens the root element. */
  openRoot(): void {
    if (this.src.startsWith("<?xml") && isWhitespace(this.src.charCodeAt(5))) this.readXmlDeclaration();
    for (;;) {
      this.pos = this.skipWhitespace(this.pos);
      if (this.pos >= this.src.length && this.more()) continue;
      const src = this.src;
      if (this.pos >= src.length) this.failAt("MALFORMED_XML", "the document has no root element", this.pos);
      if (src.charCodeAt(this.pos) !== 60) this.failAt("MALFORMED_XML", "text before the root element", this.pos);
      const c = src.charCodeAt(this.pos + 1);
      if (c === 33) this.skipComment(this.pos);
      else if (c === 63) this.skipProcessingInstruction(this.pos);
      else return this.openElement(this.pos);
    }
  }

  /**
   * Moves to the next child element of the innermost open element and opens it (true), or
   * consumes that element's end tag (false). Only whitespace, comments and processing
   * instructions may stand between children.
   */
  nextChild(): boolean {
    if (this.emptyPending) {
      this.emptyPending = false;
      this.pop();
      return false;
    }
    this.trim();
    for (;;) {
      const lt = this.find("<", this.pos);
      if (lt < 0) this.failUnclosed();
      if (lt > this.pos) this.expectWhitespace(this.pos, lt);
      const c = this.src.charCodeAt(lt + 1);
      if (c === 47) {
        this.closeElement(lt);
        return false;
      }
      if (c === 33) {
        if (this.src.startsWith("<![CDATA[", lt)) {
          const end = this.cdataEnd(lt);
          this.expectWhitespace(lt + 9, end);
          this.pos = end + 3;
        } else this.skipComment(lt);
      } else if (c === 63) this.skipProcessingInstruction(lt);
      else {
        this.openElement(lt);
        return true;
      }
    }
  }

  /** Reads the simple content of the innermost open element and closes it. */
  readText(): string {
    if (this.emptyPending) {
      this.emptyPending = false;
      this.pop();
      return "";
    }
    this.trim();
    let text = "";
    for (;;) {
      const lt = this.find("<", this.pos);
      if (lt < 0) this.failUnclosed();
      const chunk = lt > this.pos ? this.textChunk(this.pos, lt) : "";
      const c = this.src.charCodeAt(lt + 1);
      if (c === 47) {
        this.closeElement(lt);
        return text === "" ? chunk : text + chunk;
      }
      text += chunk;
      if (c === 33 && this.src.startsWith("<![CDATA[", lt)) {
        const end = this.cdataEnd(lt);
        text += this.cdataText(lt + 9, end);
        this.pos = end + 3;
      } else if (c === 33) this.skipComment(lt);
      else if (c === 63) this.skipProcessingInstruction(lt);
      else {
        this.failAt(
          "UNEXPECTED_ELEMENT",
          `<${this.qnames[this.depth - 1]}> has a simple type and cannot contain elements`,
          lt,
        );
      }
    }
  }

  /** Skips the innermost open element with everything in it, still checking well-formedness. */
  skipElement(): void {
    const outer = this.depth - 1;
    for (;;) {
      if (this.emptyPending) {
        this.emptyPending = false;
        this.pop();
      }
      if (this.depth === outer) return;
      this.trim();
      const lt = this.find("<", this.pos);
      if (lt < 0) this.failUnclosed();
      if (lt > this.pos) this.textChunk(this.pos, lt);
      const c = this.src.charCodeAt(lt + 1);
      if (c === 47) this.closeElement(lt);
      else if (c === 33 && this.src.startsWith("<![CDATA[", lt)) {
        const end = this.cdataEnd(lt);
        this.cdataText(lt + 9, end);
        this.pos = end + 3;
      } else if (c === 33) this.skipComment(lt);
      else if (c === 63) this.skipProcessingInstruction(lt);
      else this.openElement(lt);
    }
  }

  /** After the root element closed: only whitespace, comments and PIs may follow. */
  finish(): void {
    for (;;) {
      this.trim();
      this.pos = this.skipWhitespace(this.pos);
      if (this.pos >= this.src.length && !this.more()) return;
      if (this.pos >= this.src.length) continue;
      const src = this.src;
      const c = src.charCodeAt(this.pos + 1);
      if (src.charCodeAt(this.pos) === 60 && c === 33 && !src.startsWith("<![CDATA[", this.pos)) {
        this.skipComment(this.pos);
      } else if (src.charCodeAt(this.pos) === 60 && c === 63) {
        this.skipProcessingInstruction(this.pos);
      } else this.failAt("MALFORMED_XML", "content after the root element", this.pos);
    }
  }

  /** True when the element most recently opened is `{namespaceUri}localName`. */
  is(namespaceUri: string, localName: string): boolean {
    return this.localName === localName && this.namespaceUri === namespaceUri;
  }

  /** True when the current element has attributes other than namespace declarations. */
  get hasAttributes(): boolean {
    return this.attributeCount > 0;
  }

  /** The value of attribute `{namespaceUri}localName` on the element most recently opened. */
  attribute(namespaceUri: string, localName: string): string | undefined {
    for (let i = 0; i < this.attributeCount; i++) {
      const name = this.attributeNames[i] as string;
      const colon = name.indexOf(":");
      if (colon < 0) {
        if (namespaceUri === "" && name === localName) return this.attributeValues[i];
      } else if (
        name.length - colon - 1 === localName.length &&
        name.endsWith(localName) &&
        this.lookup(name.slice(0, colon)) === namespaceUri
      ) {
        return this.attributeValues[i];
      }
    }
    return undefined;
  }

  /** Resolves a QName-valued attribute (`sf:Account`) in the scope of the current element. */
  resolveQName(value: string): { readonly namespaceUri: string; readonly localName: string } | undefined {
    const qname = value.trim();
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const namespaceUri = this.lookup(prefix);
    if (namespaceUri === undefined) return undefined;
    return { namespaceUri, localName: qname.slice(colon + 1) };
  }

  /** Qualified name of the current element as written, for messages. */
  get qualifiedName(): string {
    return this.qnames[this.depth - 1] ?? "";
  }

  /** Shows `[n]` after the current element in error paths (1-based position of a repeated element). */
  setIndex(index: number): void {
    this.indexes[this.depth - 1] = index;
  }

  /** Fails at the element most recently opened (and still open). */
  fail(code: OutboundMessageErrorCode, detail: string): never {
    const top = this.depth - 1;
    throw new OutboundMessageError(code, detail, this.location(this.starts[top] ?? 0, this.depth, ""));
  }

  /** Fails at the element most recently closed (after its text was read or its children walked). */
  failClosed(code: OutboundMessageErrorCode, detail: string): never {
    const last = this.closedIndex > 0 ? `${this.closedLocal}[${this.closedIndex}]` : this.closedLocal;
    throw new OutboundMessageError(code, detail, this.location(this.closedStart, this.depth, last));
  }

  /** Fails at `offset` in the window. */
  private failAt(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    throw new OutboundMessageError(code, detail, this.location(this.base + offset, this.depth, ""));
  }

  private failUnclosed(): never {
    const top = this.depth - 1;
    throw new OutboundMessageError(
      "MALFORMED_XML",
      `element <${this.qnames[top]}> is not closed`,
      this.location(this.starts[top] ?? 0, this.depth, ""),
    );
  }

  private location(offset: number, depth: number, last: string): MessageLocation {
    const segments: string[] = [];
    for (let i = Math.max(0, depth - 16); i < depth; i++) {
      const index = this.indexes[i] ?? 0;
      segments.push(index > 0 ? `${this.locals[i]}[${index}]` : (this.locals[i] as string));
    }
    if (last !== "") segments.push(last);
    const path = (depth > 16 ? "/…/" : "/") + segments.join("/");
    // Lines end at LF, CRLF or a lone CR, as XML counts them. Only errors pay for this scan; the
    // breaks of text trimmed away were recorded when it was dropped.
    let line = 1;
    let lineStart = 0;
    for (const at of this.breaks) {
      if (at >= offset) break;
      line++;
      lineStart = at + 1;
    }
    const src = this.src;
    for (let i = Math.max(0, lineStart - this.base); i < offset - this.base && i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 10 || (c === 13 && src.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = this.base + i + 1;
      }
    }
    return { path, line, column: offset - lineStart + 1 };
  }

  private lookup(prefix: string): string | undefined {
    const uris = this.bindings.get(prefix);
    if (uris === undefined || uris.length === 0) return prefix === "" ? "" : undefined;
    return uris[uris.length - 1];
  }

  private readXmlDeclaration(): void {
    const end = this.find("?>", 0);
    if (end < 0) this.failAt("MALFORMED_XML", "the XML declaration is not closed", 0);
    const declaration = this.src.slice(5, end);
    if (!/^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1/.test(declaration)) {
      this.failAt("MALFORMED_XML", "the XML declaration has no valid version", 0);
    }
    const parts = XML_DECLARATION.exec(declaration);
    if (parts === null) this.failAt("MALFORMED_XML", "the XML declaration is malformed", 0);
    const encoding = parts[1] ?? parts[2];
    // Bytes were decoded as UTF-8; a declaration claiming another encoding would be misread.
    if (this.bytesInput && encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
      this.failAt("INVALID_ENCODING", `encoding ${quoteValue(encoding)} is not supported; send UTF-8`, 0);
    }
    this.pos = end + 2;
  }

  private skipWhitespace(from: number): number {
    let p = from;
    for (;;) {
      if (isWhitespace(this.src.charCodeAt(p))) p++;
      else if (p < this.src.length || !this.more()) return p;
    }
  }

  private expectWhitespace(from: number, to: number): void {
    const src = this.src;
    for (let p = from; p < to; p++) {
      if (!isWhitespace(src.charCodeAt(p))) {
        const text = src.slice(p, to).trim();
        this.failAt("UNEXPECTED_TEXT", `unexpected text ${quoteValue(text)}`, p);
      }
    }
  }

  /**
   * Index just past the XML name that starts at `from`; fails when no name starts there. Leaves
   * the offset of its colon (relative to `from`, -1 when none) in `nameColon`, and fails on a
   * name that is not a valid qualified name (`:a`, `a:`, `a:b:c`).
   */
  private scanName(from: number): number {
    if (from >= this.src.length) this.more();
    const src = this.src;
    const first = src.charCodeAt(from);
    if (first === COLON || !(first >= 128 || ((ASCII_NAME_CLASS[first] ?? 0) & NAME_START) !== 0)) {
      if (Number.isNaN(first)) this.failAt("MALFORMED_XML", "unexpected end of document", from);
      this.failAt("MALFORMED_XML", `a name cannot start with ${quoteValue(src.charAt(from))}`, from);
    }
    let colon = -1;
    let p = from + 1;
    for (;;) {
      const c = this.src.charCodeAt(p);
      if (Number.isNaN(c) && this.more()) continue;
      if (c < 128 ? ((ASCII_NAME_CLASS[c] ?? 0) & NAME_CHAR) === 0 : Number.isNaN(c)) break;
      if (c === COLON) {
        if (colon >= 0) this.failAt("MALFORMED_XML", "a name may contain one colon at most", p);
        colon = p - from;
      }
      p++;
    }
    if (colon === p - from - 1) this.failAt("MALFORMED_XML", "a name cannot end with a colon", p - 1);
    this.nameColon = colon;
    return p;
  }

  private openElement(lt: number): void {
    if (this.depth >= MAX_DEPTH) {
      this.failAt("NESTING_TOO_DEEP", `elements are nested more than ${MAX_DEPTH} levels deep`, lt);
    }
    const nameEnd = this.scanName(lt + 1);
    const src = this.src; // after scanName, which may have read on
    const colon = this.nameColon;
    const qname = src.slice(lt + 1, nameEnd);
    let declared: string[] | null = null;
    let count = 0;
    let empty = false;
    let p = nameEnd + 1;
    // The usual `<sf:Name>` has no attributes: skip the attribute machinery for it.
    if (src.charCodeAt(nameEnd) !== 62) {
      p = this.readAttributes(qname, lt, nameEnd);
      empty = this.tagEmpty;
      count = this.tagAttributeCount;
      declared = this.tagDeclared;
    }

    let namespaceUri: string | undefined;
    if (colon < 0) namespaceUri = this.lookup("");
    else if (colon === this.cachedPrefix.length && this.cacheVersion === this.bindingVersion && this.isCachedPrefix(qname, colon)) {
      namespaceUri = this.cachedUri;
    } else {
      const prefix = qname.slice(0, colon);
      namespaceUri = this.lookup(prefix);
      if (namespaceUri === undefined) this.failAt("MALFORMED_XML", `namespace prefix ${prefix} is not declared`, lt);
      this.cachedPrefix = prefix;
      this.cachedUri = namespaceUri;
      this.cacheVersion = this.bindingVersion;
    }
    // Checked before the element is pushed, so the path ends at the parent like other start-tag errors.
    const attributeCount = count === 0 ? 0 : this.checkAttributes(count, lt);
    const d = this.depth;
    const localName = colon < 0 ? qname : qname.slice(colon + 1);
    this.qnames[d] = qname;
    this.locals[d] = localName;
    this.starts[d] = this.base + lt;
    this.indexes[d] = 0;
    this.declared[d] = declared;
    this.depth = d + 1;
    this.localName = localName;
    this.namespaceUri = namespaceUri as string;
    this.emptyPending = empty;
    this.pos = p;
    this.attributeCount = attributeCount;
  }

  /** `qname.startsWith(cachedPrefix)` without its call cost: prefixes are a few characters. */
  private isCachedPrefix(qname: string, length: number): boolean {
    const prefix = this.cachedPrefix;
    for (let i = 0; i < length; i++) if (qname.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Reads the attributes of a start tag from `from` up to its `>` or `/>` and binds the namespaces
   * it declares. Returns the index after the tag; leaves the rest in the `tag…` fields.
   */
  private readAttributes(qname: string, lt: number, from: number): number {
    let p = from;
    let count = 0;
    let declared: string[] | null = null;
    for (;;) {
      // Pieces of a byte input end before a "<", so a well-formed tag is never cut; reading on at
      // the window's end only matters for malformed input, to report the right problem.
      if (p + 1 >= this.src.length && this.more()) continue;
      const src = this.src;
      const c = src.charCodeAt(p);
      if (c === 62 || (c === 47 && src.charCodeAt(p + 1) === 62)) {
        this.tagEmpty = c === 47;
        this.tagAttributeCount = count;
        this.tagDeclared = declared;
        return c === 47 ? p + 2 : p + 1;
      }
      if (!isWhitespace(c)) {
        if (Number.isNaN(c)) this.failAt("MALFORMED_XML", `start tag <${qname}> is not closed`, lt);
        this.failAt("MALFORMED_XML", `expected whitespace, ">" or "/>" in start tag <${qname}>`, p);
      }
      p = this.skipWhitespace(p);
      const next = this.src.charCodeAt(p);
      if (next === 62 || next === 47) continue;
      const attributeStart = p;
      const attributeEnd = this.scanName(p);
      const name = this.src.slice(p, attributeEnd);
      p = this.skipWhitespace(attributeEnd);
      if (this.src.charCodeAt(p) !== 61) this.failAt("MALFORMED_XML", `attribute ${name} has no value`, p);
      p = this.skipWhitespace(p + 1);
      const quote = this.src.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.failAt("MALFORMED_XML", `value of ${name} is not quoted`, p);
      const close = this.find(quote === 34 ? '"' : "'", p + 1);
      if (close < 0) this.failAt("MALFORMED_XML", `value of ${name} is not closed`, p);
      const raw = this.src.slice(p + 1, close);
      const value = ATTRIBUTE_NEEDS_WORK.test(raw) ? this.decode(raw, p + 1, true) : raw;
      p = close + 1;
      if (p >= this.src.length) this.more();
      const after = this.src.charCodeAt(p);
      if (!isWhitespace(after) && after !== 62 && after !== 47) {
        this.failAt("MALFORMED_XML", `expected whitespace after the value of ${name}`, p);
      }
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
        const prefix = name === "xmlns" ? "" : name.slice(6);
        this.checkBinding(prefix, value, attributeStart);
        (declared ??= []).push(prefix);
        // The well-known URIs are bound as the constants themselves, so that the decoders'
        // per-element `namespaceUri === SOBJECT_NS` is a pointer comparison, not a string one.
        const uri = KNOWN_NAMESPACES.get(value) ?? value;
        const uris = this.bindings.get(prefix);
        if (uris === undefined) this.bindings.set(prefix, [uri]);
        else uris.push(uri);
        this.bindingVersion++;
      }
    }
  }

  /**
   * Drops the namespace declarations from the attributes of the start tag just read and checks the
   * others: every prefix is bound, and no two have the same expanded name (`p:k` and `q:k` with p
   * and q bound to one URI). Returns how many attributes are kept.
   */
  private checkAttributes(count: number, lt: number): number {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const name = this.attributeNames[i] as string;
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      if (colon > 0) {
        const uri = this.lookup(name.slice(0, colon));
        if (uri === undefined) this.failAt("MALFORMED_XML", `namespace prefix ${name.slice(0, colon)} is not declared`, lt);
        const local = name.slice(colon + 1);
        for (let j = 0; j < kept; j++) {
          const other = this.attributeNames[j] as string;
          const otherColon = other.indexOf(":");
          if (otherColon > 0 && other.slice(otherColon + 1) === local && this.lookup(other.slice(0, otherColon)) === uri) {
            this.failAt("MALFORMED_XML", `attributes ${other} and ${name} are both {${uri}}${local}`, lt);
          }
        }
      }
      this.attributeNames[kept] = name;
      this.attributeValues[kept] = this.attributeValues[i] as string;
      kept++;
    }
    return kept;
  }

  private checkBinding(prefix: string, uri: string, offset: number): void {
    if (prefix !== "" && uri === "") this.failAt("MALFORMED_XML", `prefix ${prefix} is bound to ""`, offset);
    if (prefix === "xmlns" || (prefix === "xml") !== (uri === XML_NS) || uri === XMLNS_NS) {
      this.failAt("MALFORMED_XML", `prefix ${prefix || "(default)"} cannot be bound to ${quoteValue(uri)}`, offset);
    }
  }

  private closeElement(lt: number): void {
    const expected = this.qnames[this.depth - 1] as string;
    let p = lt + 2;
    // slice + === is about twice as fast as startsWith here (V8 11), and this runs per element.
    if (this.src.slice(p, p + expected.length) === expected) {
      p = this.skipWhitespace(p + expected.length);
      if (this.src.charCodeAt(p) === 62) {
        this.pos = p + 1;
        this.pop();
        return;
      }
    }
    // A well-formed end tag is never cut at the window's end; read on before calling it malformed.
    if (lt + 2 + expected.length + 1 >= this.src.length && this.more()) return this.closeElement(lt);
    const found = this.src.slice(lt + 2, Math.max(lt + 2, this.scanLooseName(lt + 2)));
    if (found === expected) this.failAt("MALFORMED_XML", `malformed end tag </${expected}>`, lt);
    this.failAt("MALFORMED_XML", `expected </${expected}>, found </${found}>`, lt);
  }

  private scanLooseName(from: number): number {
    let p = from;
    while (p < this.src.length && p - from < 80 && !/[\s>]/.test(this.src.charAt(p))) p++;
    return p;
  }

  private pop(): void {
    const d = --this.depth;
    this.closedLocal = this.locals[d] as string;
    this.closedStart = this.starts[d] as number;
    this.closedIndex = this.indexes[d] as number;
    const declared = this.declared[d];
    if (declared !== null && declared !== undefined) {
      for (const prefix of declared) this.bindings.get(prefix)?.pop();
      this.bindingVersion++;
    }
  }

  private cdataEnd(lt: number): number {
    const end = this.find("]]>", lt + 9);
    if (end < 0) this.failAt("MALFORMED_XML", "CDATA section is not closed", lt);
    return end;
  }

  private cdataText(from: number, to: number): string {
    const raw = this.src.slice(from, to);
    // CDATA takes no entities and may hold "]]" and ">", so only line ends and characters matter.
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 0xfffe || c === 0xffff) {
        this.failAt("MALFORMED_XML", "character not allowed in XML", from + i);
      }
    }
    return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  }

  /** Skips `<!--…-->`; any other `<!` markup reaching here (DOCTYPE above all) is an error. */
  private skipComment(lt: number): void {
    if (this.src.startsWith("<!--", lt)) this.pos = this.commentEnd(lt);
    else this.failMarkup(lt);
  }

  private failMarkup(lt: number): never {
    if (/^<!DOCTYPE/i.test(this.src.slice(lt, lt + 9))) {
      this.failAt("DOCTYPE_FORBIDDEN", "DOCTYPE declarations are not accepted (no DTDs, no entity expansion)", lt);
    }
    if (this.src.startsWith("<![CDATA[", lt)) this.failAt("MALFORMED_XML", "CDATA outside the root element", lt);
    this.failAt("MALFORMED_XML", `unexpected markup ${quoteValue(this.src.slice(lt, lt + 9))}`, lt);
  }

  private commentEnd(lt: number): number {
    const end = this.find("-->", lt + 4);
    if (end < 0) this.failAt("MALFORMED_XML", "comment is not closed", lt);
    const doubleHyphen = this.src.indexOf("--", lt + 4);
    if (doubleHyphen !== end) this.failAt("MALFORMED_XML", '"--" is not allowed inside a comment', doubleHyphen);
    this.checkCharacters(lt + 4, end);
    return end + 3;
  }

  private skipProcessingInstruction(lt: number): void {
    const targetEnd = this.scanName(lt + 2);
    const target = this.src.slice(lt + 2, targetEnd);
    if (target.toLowerCase() === "xml") {
      this.failAt("MALFORMED_XML", "the XML declaration is only allowed at the very start", lt);
    }
    const end = this.find("?>", targetEnd);
    if (end < 0) this.failAt("MALFORMED_XML", "processing instruction is not closed", lt);
    if (end !== targetEnd && !isWhitespace(this.src.charCodeAt(targetEnd))) {
      this.failAt("MALFORMED_XML", "malformed processing instruction", lt);
    }
    this.checkCharacters(targetEnd, end);
    this.pos = end + 2;
  }

  /** Fails on a character XML forbids between `from` and `to` (in a comment or processing instruction). */
  private checkCharacters(from: number, to: number): void {
    const bad = NOT_XML_CHAR.exec(this.src.slice(from, to));
    if (bad !== null) this.failAt("MALFORMED_XML", "character not allowed in XML", from + bad.index);
  }

  /** Character data between `from` and `to`, with line ends normalised and references decoded. */
  private textChunk(from: number, to: number): string {
    const src = this.src;
    // A plain loop beats a regular expression on the short values fields hold.
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c < 32 ? c !== 9 && c !== 10 : c === 38 || c === 62 || c >= 0xfffe) {
        return this.decode(src.slice(from, to), from, false);
      }
    }
    return src.slice(from, to);
  }

  /**
   * One pass over raw character data: CRLF/CR become LF (or a space in attribute values, where
   * TAB and LF do too), references are decoded, and what XML forbids is rejected. Line ends are
   * normalised before references are expanded, so `&#13;` stays a CR as the spec demands.
   */
  private decode(raw: string, offset: number, attribute: boolean): string {
    let out = "";
    let last = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 38) {
        const semicolon = raw.indexOf(";", i + 1);
        if (semicolon < 0 || semicolon - i > 12) this.failAt("MALFORMED_XML", "unterminated entity reference", offset + i);
        out += raw.slice(last, i) + this.entity(raw.slice(i + 1, semicolon), offset + i);
        i = semicolon;
        last = i + 1;
      } else if (c === 13 || (attribute && (c === 10 || c === 9))) {
        out += raw.slice(last, i) + (attribute ? " " : "\n");
        if (c === 13 && raw.charCodeAt(i + 1) === 10) i++;
        last = i + 1;
      } else if (c === 60 && attribute) {
        this.failAt("MALFORMED_XML", '"<" is not allowed in an attribute value', offset + i);
      } else if (c === 62 && !attribute && raw.charCodeAt(i - 1) === 93 && raw.charCodeAt(i - 2) === 93) {
        this.failAt("MALFORMED_XML", '"]]>" is not allowed in text', offset + i - 2);
      } else if (c < 32 ? c !== 9 && c !== 10 : c === 0xfffe || c === 0xffff) {
        this.failAt("MALFORMED_XML", "character not allowed in XML", offset + i);
      }
    }
    return last === 0 ? raw : out + raw.slice(last);
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
    const hex = /^#x([0-9A-Fa-f]{1,6})$/.exec(name)?.[1];
    const decimal = /^#([0-9]{1,7})$/.exec(name)?.[1];
    const codePoint = hex !== undefined ? parseInt(hex, 16) : decimal !== undefined ? Number(decimal) : -1;
    if (codePoint < 0) {
      this.failAt("MALFORMED_XML", `unknown entity &${name}; (only the five XML entities are defined)`, offset);
    }
    if (!isXmlChar(codePoint)) this.failAt("MALFORMED_XML", `&${name}; is not a legal XML character`, offset);
    return String.fromCodePoint(codePoint);
  }
}
