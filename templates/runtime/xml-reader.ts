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

// ASCII name characters (bit 1: may start a name, bit 2: may continue one); the rest of the
// XML 1.0 (fifth edition) Name production is in isNameStartCode and isNameCode.
const NAME_START = 1;
const NAME_CHAR = 2;
const COLON = 58;
const ASCII_NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII_NAME_CLASS[c] = NAME_START | NAME_CHAR;
  else if (/[0-9.-]/.test(ch)) ASCII_NAME_CLASS[c] = NAME_CHAR;
}

/** NameStartChar above U+007F for one UTF-16 unit (XML 1.0 [4]); surrogate pairs are handled by the caller. */
function isNameStartCode(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** NameChar above U+007F for one UTF-16 unit (XML 1.0 [4a]). */
function isNameCode(c: number): boolean {
  return isNameStartCode(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** Code units of the name character at `at` (a surrogate pair for U+10000–U+EFFFF counts 2), 0 when none. */
function nameCharLength(src: string, at: number, start: boolean): number {
  const c = src.charCodeAt(at);
  if (c < 128) return ((ASCII_NAME_CLASS[c] ?? 0) & (start ? NAME_START : NAME_CHAR)) !== 0 ? 1 : 0;
  if (start ? isNameStartCode(c) : isNameCode(c)) return 1;
  return c >= 0xd800 && c <= 0xdb7f && (src.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 0;
}

/** Attribute values additionally need whitespace normalisation and must not contain `<`. */
const ATTRIBUTE_NEEDS_WORK = /[&<\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/**
 * A UTF-16 unit that is not (part of) an XML Char (XML 1.0 [2]): C0 controls but TAB, LF and CR,
 * U+FFFE, U+FFFF, and surrogates that are not in a pair.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
 *
 * Bytes that are not UTF-8 end the text where they start: the valid text before them is still
 * delivered and `broken` is set, so the reader finds every error that comes before them in the
 * document, whatever the chunking, and reports the encoding only when it has to read past them.
 */
class TextFeed {
  private readonly chunks: readonly Uint8Array[];
  private index = 0;
  private offset = 0;
  private carry = "";
  private flushed = false;
  /** The bytes of an incomplete sequence at the end of what was decoded (held by the decoder). */
  private pending: readonly number[] = [];
  /** True once bytes that are not UTF-8 ended the text. */
  broken = false;
  // The BOM is kept here and dropped by the reader, so that strings and bytes lose exactly one.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(chunks: readonly Uint8Array[]) {
    this.chunks = chunks;
  }

  /** The next piece, or undefined at the end (of the document, or of its valid UTF-8). */
  next(): string | undefined {
    for (;;) {
      if (this.flushed) {
        const rest = this.carry;
        this.carry = "";
        return rest === "" ? undefined : rest;
      }
      const bytes = this.take();
      const text = this.decode(bytes);
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

  /** Decodes the next bytes (undefined: the end); on bytes that are not UTF-8, the text before them. */
  private decode(bytes: Uint8Array | undefined): string {
    try {
      if (bytes === undefined) return this.decoder.decode();
      const text = this.decoder.decode(bytes, { stream: true });
      this.pending = incompleteTail(this.pending, bytes);
      return text;
    } catch {
      const all = new Uint8Array(this.pending.length + (bytes?.length ?? 0));
      all.set(this.pending);
      if (bytes !== undefined) all.set(bytes, this.pending.length);
      this.broken = true;
      this.flushed = true;
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(all.subarray(0, validUtf8Length(all)));
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

/** Length of a UTF-8 sequence by its lead byte, and the range of its second byte (0 for an invalid lead). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * After `pending` and then `bytes` were decoded without error (so they are valid UTF-8 so far),
 * the bytes of the sequence they end inside of, if any (at most 3).
 */
function incompleteTail(pending: readonly number[], bytes: Uint8Array): readonly number[] {
  const tail = bytes.length >= 3 ? Array.from(bytes.subarray(bytes.length - 3)) : [...pending, ...bytes].slice(-3);
  for (let i = tail.length - 1; i >= 0; i--) {
    const b = tail[i] as number;
    if (b >= 0x80 && b < 0xc0) continue; // a continuation byte
    return sequenceLength(b) > tail.length - i ? tail.slice(i) : [];
  }
  return [];
}

/** Length of the longest valid UTF-8 prefix of `bytes` that ends between two characters. */
function validUtf8Length(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points beyond U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return i;
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

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 48 && c <= 57) || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)));
}

/** A line number and the document offset where that line starts. */
interface LinePosition {
  line: number;
  lineStart: number;
}

/**
 * Moves `at` over the line breaks in `text[from, to)`, whose index 0 is document offset `base`.
 * Lines end at LF, CRLF or a lone CR, as XML counts them; a CR right before `to` is looked at
 * together with `text[to]`.
 */
function advanceLines(text: string, from: number, to: number, base: number, at: LinePosition): void {
  const cr = text.indexOf("\r", from);
  if (cr < 0 || cr >= to) {
    for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) {
      at.line++;
      at.lineStart = base + i + 1;
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      at.line++;
      at.lineStart = base + i + 1;
    }
  }
}

/** Shows a reference name in an error message, shortened when it is long. */
function shownReference(name: string): string {
  return `&${name.length > 40 ? `${name.slice(0, 40)}…` : name};`;
}

/**
 * A strict, namespace-aware pull reader over one XML document, written for SOAP messages that
 * arrive from the internet: no DTD (a DOCTYPE is an error, so entities are never expanded),
 * only the five predefined entities and character references, bounded nesting.
 *
 * The caller walks the tree: `openRoot()`, then per open element either `nextChild()` in a loop
 * (until it returns false, which closes the element), `readText()` (simple content) or
 * `skipElement()`. Every path checks well-formedness, so a document is never half-validated.
 *
 * Errors are found in document order, and the first one wins: a check that needs the rest of a
 * construct (an unclosed comment, a document cut short) first checks what there is of it. Bytes
 * read exactly like the same text given as a string, whatever the chunking.
 */
export class XmlReader {
  /**
   * The window of the document being read. For a string it is the whole string; for bytes it is
   * the decoded text from `base` on, extended piece by piece and trimmed at safe points, so that
   * it holds the construct being read and little more.
   */
  private src: string;
  private pos = 0;
  private readonly feed: TextFeed | undefined;
  /** Document offset of `src[0]`. */
  private base = 0;
  /** Line number and line start of document offset `base`. */
  private lineAtBase = 1;
  private lineStartAtBase = 0;
  // Line positions of the element starts that were trimmed away while an error could still name
  // them (the open elements and the one closed last): a handful of numbers, not one per line.
  private anchorOffsets: number[] = [];
  private anchorLines: number[] = [];
  private anchorLineStarts: number[] = [];

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
    this.src = text;
    if (feed !== undefined) this.more();
    if (this.src.charCodeAt(0) === 0xfeff) this.src = this.src.slice(1);
  }

  /** Appends the next piece of a byte input to the window; false at the end of the (valid) text. */
  private more(): boolean {
    const piece = this.feed?.next();
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
      const piece = this.feed?.next();
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
   * window but `pos` is held (the top of every reading loop), so nothing shifts under a caller, and
   * often enough that the window never holds more than the construct being read and a piece.
   */
  private trim(): void {
    if (this.feed === undefined || this.pos < TRIM_AT) return;
    const src = this.src;
    // A CR stays with the LF that may follow it, so that the pair counts as one line break.
    const cut = src.charCodeAt(this.pos - 1) === 13 ? this.pos - 1 : this.pos;
    const base = this.base;
    const end = base + cut;
    const live = this.starts.slice(0, this.depth);
    live.push(this.closedStart);
    const offsets: number[] = [];
    const lines: number[] = [];
    const lineStarts: number[] = [];
    for (let k = 0; k < this.anchorOffsets.length; k++) {
      if (!live.includes(this.anchorOffsets[k] as number)) continue;
      offsets.push(this.anchorOffsets[k] as number);
      lines.push(this.anchorLines[k] as number);
      lineStarts.push(this.anchorLineStarts[k] as number);
    }
    const at: LinePosition = { line: this.lineAtBase, lineStart: this.lineStartAtBase };
    let from = 0;
    for (const offset of live.filter((o) => o >= base && o < end).sort((x, y) => x - y)) {
      if (offsets.includes(offset)) continue;
      advanceLines(src, from, offset - base, base, at);
      from = offset - base;
      offsets.push(offset);
      lines.push(at.line);
      lineStarts.push(at.lineStart);
    }
    advanceLines(src, from, cut, base, at);
    this.anchorOffsets = offsets;
    this.anchorLines = lines;
    this.anchorLineStarts = lineStarts;
    this.lineAtBase = at.line;
    this.lineStartAtBase = at.lineStart;
    this.src = src.slice(cut);
    this.base = end;
    this.pos -= cut;
  }

  /**
   * The character after the "<" at `lt`. A piece may end right after a "<" (when the next one
   * starts with another), so this reads on rather than take the end of the window for the end.
   */
  private charAfter(lt: number): number {
    if (lt + 1 >= this.src.length) this.more();
    return this.src.charCodeAt(lt + 1);
  }

  /** Reads the prolog and opens the root element. */
  openRoot(): void {
    while (this.src.length < 6 && this.more());
    if (this.src.startsWith("<?xml") && isWhitespace(this.src.charCodeAt(5))) this.readXmlDeclaration();
    for (;;) {
      this.trim();
      this.pos = this.skipWhitespace(this.pos);
      const src = this.src;
      if (this.pos >= src.length) this.failAtEnd("MALFORMED_XML", "the document has no root element", this.pos);
      if (src.charCodeAt(this.pos) !== 60) this.failAt("MALFORMED_XML", "text before the root element", this.pos);
      const c = this.charAfter(this.pos);
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
    for (;;) {
      this.trim();
      const lt = this.find("<", this.pos);
      if (lt < 0) {
        this.expectWhitespace(this.pos, this.src.length);
        this.failUnclosed();
      }
      if (lt > this.pos) this.expectWhitespace(this.pos, lt);
      const c = this.charAfter(lt);
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
    // Text split by comments, PIs or CDATA is joined in batches: appending piece by piece would
    // hold a rope node per piece, far more than the text itself.
    let text = "";
    const pieces: string[] = [];
    for (;;) {
      this.trim();
      const lt = this.find("<", this.pos);
      if (lt < 0) {
        this.textChunk(this.pos, this.src.length);
        this.failUnclosed();
      }
      const chunk = lt > this.pos ? this.textChunk(this.pos, lt) : "";
      const c = this.charAfter(lt);
      if (c === 47) {
        this.closeElement(lt);
        return pieces.length === 0 && text === "" ? chunk : text + pieces.join("") + chunk;
      }
      if (pieces.length >= 8192) {
        text += pieces.join("");
        pieces.length = 0;
      }
      pieces.push(chunk);
      if (c === 33 && this.src.startsWith("<![CDATA[", lt)) {
        const end = this.cdataEnd(lt);
        pieces.push(this.cdataText(lt + 9, end));
        this.pos = end + 3;
      } else if (c === 33) this.skipComment(lt);
      else if (c === 63) this.skipProcessingInstruction(lt);
      else if (Number.isNaN(c)) this.failAtEnd("MALFORMED_XML", "unexpected end of document", lt + 1);
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
      if (lt < 0) {
        this.textChunk(this.pos, this.src.length);
        this.failUnclosed();
      }
      if (lt > this.pos) this.textChunk(this.pos, lt);
      const c = this.charAfter(lt);
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
      const src = this.src;
      if (this.pos >= src.length) {
        if (this.feed?.broken === true) this.failEncoding();
        return;
      }
      if (src.charCodeAt(this.pos) !== 60) this.failAt("MALFORMED_XML", "content after the root element", this.pos);
      const c = this.charAfter(this.pos);
      if (c === 33 && !this.src.startsWith("<![CDATA[", this.pos)) this.skipComment(this.pos);
      else if (c === 63) this.skipProcessingInstruction(this.pos);
      else if (Number.isNaN(c)) this.failAtEnd("MALFORMED_XML", "content after the root element", this.pos);
      else this.failAt("MALFORMED_XML", "content after the root element", this.pos);
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

  /**
   * Fails at `offset` on a problem found at the end of the text: when the text ended at bytes that
   * are not UTF-8, those are the first problem in the document.
   */
  private failAtEnd(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    if (this.feed?.broken === true) this.failEncoding();
    this.failAt(code, detail, offset);
  }

  /** Encoding errors are about the body as a whole, so they name no element. */
  private failEncoding(): never {
    throw new OutboundMessageError("INVALID_ENCODING", "the body is not valid UTF-8", { path: "/", line: 1, column: 1 });
  }

  private failUnclosed(): never {
    if (this.feed?.broken === true) this.failEncoding();
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
    // Only errors pay for counting lines; the starts of elements trimmed away were resolved then.
    const at: LinePosition = { line: this.lineAtBase, lineStart: this.lineStartAtBase };
    const anchor = offset < this.base ? this.anchorOffsets.indexOf(offset) : -1;
    if (anchor >= 0) {
      at.line = this.anchorLines[anchor] as number;
      at.lineStart = this.anchorLineStarts[anchor] as number;
    } else if (offset > this.base) {
      advanceLines(this.src, 0, Math.min(offset - this.base, this.src.length), this.base, at);
    }
    return { path, line: at.line, column: offset - at.lineStart + 1 };
  }

  private lookup(prefix: string): string | undefined {
    const uris = this.bindings.get(prefix);
    if (uris === undefined || uris.length === 0) return prefix === "" ? "" : undefined;
    return uris[uris.length - 1];
  }

  private readXmlDeclaration(): void {
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
   * name that is not a valid qualified name (`:a`, `a:`, `a:b:c`, `a:1`).
   */
  private scanName(from: number): number {
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
          // Both halves of a qualified name are NCNames: what follows the colon must start a name.
          if (p + 1 >= this.src.length) this.more();
          const local = this.src.charCodeAt(p + 1);
          const ends = isWhitespace(local) || local === 62 || local === 47 || local === 61 || Number.isNaN(local);
          if (!ends && local !== COLON && nameCharLength(this.src, p + 1, true) === 0) {
            this.failAt("MALFORMED_XML", `a local name cannot start with ${quoteValue(this.src.charAt(p + 1))}`, p + 1);
          }
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

  /** Fails on a malformed start tag at `p`; at the end of the text, the end is the problem. */
  private failTagAt(detail: string, p: number): never {
    if (p >= this.src.length) this.failAtEnd("MALFORMED_XML", detail, p);
    this.failAt("MALFORMED_XML", detail, p);
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
    const nameEnd = this.scanLooseName(lt + 2);
    const found = this.src.slice(lt + 2, nameEnd);
    // An end tag cut off by the end of the text is a problem of the end.
    const cut = this.skipWhitespace(nameEnd) >= this.src.length;
    const fail = cut && expected.startsWith(found) ? this.failAtEnd : this.failAt;
    if (found === expected) fail.call(this, "MALFORMED_XML", `malformed end tag </${expected}>`, lt);
    fail.call(this, "MALFORMED_XML", `expected </${expected}>, found </${found}>`, lt);
  }

  /** End of the name in an end tag, for messages: up to whitespace or markup, 80 characters at most. */
  private scanLooseName(from: number): number {
    let p = from;
    while (p < this.src.length && p - from < 80 && !/[\s<>]/.test(this.src.charAt(p))) p++;
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
    if (end < 0) {
      this.checkCharacters(lt + 9, this.src.length);
      this.failAtEnd("MALFORMED_XML", "CDATA section is not closed", lt);
    }
    return end;
  }

  private cdataText(from: number, to: number): string {
    // CDATA takes no entities and may hold "]]" and ">", so only line ends and characters matter.
    this.checkCharacters(from, to);
    const raw = this.src.slice(from, to);
    return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  }

  /** Skips `<!--…-->`; any other `<!` markup reaching here (DOCTYPE above all) is an error. */
  private skipComment(lt: number): void {
    if (this.src.startsWith("<!--", lt)) this.pos = this.commentEnd(lt);
    else this.failMarkup(lt);
  }

  private failMarkup(lt: number): never {
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
  private decode(raw: string, offset: number, attribute: boolean): string {
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
      } else if (c < 32) {
        if (c !== 9 && c !== 10) this.failAt("MALFORMED_XML", "character not allowed in XML", offset + i);
      } else if (c >= 0xd800) {
        if (c <= 0xdbff && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
        else if (c <= 0xdfff || c >= 0xfffe) this.failAt("MALFORMED_XML", "character not allowed in XML", offset + i);
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
