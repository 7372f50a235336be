import { AttributeList } from "./attribute-list.js";
import type { ErrorSink } from "./char-data.js";
import { ElementStack } from "./element-stack.js";
import { OutboundMessageError, quoteValue, type MessageLocation, type OutboundMessageErrorCode } from "./errors.js";
import { NamespaceScope } from "./namespace-scope.js";
import { TextWindow } from "./text-window.js";
import type { MessageBody } from "./types.js";
import { isWhitespace } from "./xml-chars.js";
import { readXmlDeclaration } from "./xml-declaration.js";
import { XmlScanner } from "./xml-scanner.js";

/** An outbound message is 7 levels deep; anything far beyond that is an attack or a mistake. */
const MAX_DEPTH = 64;

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
 *
 * Its parts know in one direction: this reader (the API, the element stack, the error paths)
 * uses the scanner (tokens), the namespace scope and the text window (input, positions, lines).
 */
export class XmlReader implements ErrorSink {
  private readonly stack = new ElementStack();
  private readonly window: TextWindow;
  private readonly scanner: XmlScanner;
  private readonly scope: NamespaceScope = new NamespaceScope(this);

  /** `<x/>`: the current element is open but already known to be empty. */
  private emptyPending = false;
  private readonly attributes = new AttributeList();

  /** Local name of the element most recently opened. */
  localName = "";
  /** Namespace URI of the element most recently opened ("" when it has none). */
  namespaceUri = "";

  /**
   * A reader over a string, or over bytes (one array, or the chunks a body arrived in), decoded as
   * strict UTF-8 as reading goes. One leading BOM is dropped either way.
   */
  static fromInput(input: MessageBody): XmlReader {
    return new XmlReader(input);
  }

  private constructor(input: MessageBody) {
    this.window = new TextWindow(input, this.stack);
    this.scanner = new XmlScanner(this.window, this);
  }

  /** Reads the prolog and opens the root element. */
  openRoot(): void {
    const w = this.window;
    while (w.src.length < 6 && w.more());
    if (w.src.startsWith("<?xml") && isWhitespace(w.src.charCodeAt(5))) readXmlDeclaration(w, this);
    for (;;) {
      w.trim();
      const token = this.scanner.scan();
      if (token === "text") this.onlyWhitespace("MALFORMED_XML", "text before the root element");
      else if (token === "eof") this.failAtEnd("MALFORMED_XML", "the document has no root element", w.pos);
      else if (token === "cdata") this.failAt("MALFORMED_XML", "CDATA outside the root element", this.scanner.tokenStart);
      else if (token === "start" || token === "end") return this.openElement();
    }
  }

  /**
   * Moves to the next child element of the innermost open element and opens it (true), or
   * consumes that element's end tag (false). Only whitespace, comments and processing
   * instructions may stand between children.
   */
  nextChild(): boolean {
    if (this.emptyPending) return this.closeEmpty();
    for (;;) {
      this.window.trim();
      const token = this.scanner.scan();
      if (token === "start") {
        this.openElement();
        return true;
      }
      if (token === "end") {
        this.closeElement();
        return false;
      }
      if (token === "cdata") this.scanner.cdata();
      if (token === "text" || token === "cdata") this.onlyWhitespace("UNEXPECTED_TEXT", "");
      else if (token === "eof") this.failUnclosed();
    }
  }

  /** Reads the simple content of the innermost open element and closes it. */
  readText(): string {
    if (this.emptyPending) {
      this.closeEmpty();
      return "";
    }
    // Text split by comments, PIs or CDATA is joined in batches: appending piece by piece would
    // hold a rope node per piece, far more than the text itself.
    let text = "";
    let pieces: string[] | null = null;
    const s = this.scanner;
    for (;;) {
      this.window.trim();
      const token = s.scan();
      let piece: string;
      if (token === "text") {
        piece = s.text();
        // Text then the end tag is what nearly every field holds: close it without another loop.
        if (pieces === null && text === "" && s.atEndTag()) {
          this.closeElement();
          return piece;
        }
      } else if (token === "cdata") {
        s.cdata();
        piece = s.cdataText();
      } else if (token === "end") {
        this.closeElement();
        return pieces === null ? text : text + pieces.join("");
      } else if (token === "start") {
        if (Number.isNaN(this.window.src.charCodeAt(s.tokenStart + 1))) {
          this.failAtEnd("MALFORMED_XML", "unexpected end of document", s.tokenStart + 1);
        }
        const detail = `<${this.stack.topName}> has a simple type and cannot contain elements`;
        return this.failAt("UNEXPECTED_ELEMENT", detail, s.tokenStart);
      } else if (token === "eof") return this.failUnclosed();
      else continue;
      if (pieces === null) {
        if (text === "") {
          text = piece;
          continue;
        }
        pieces = [];
      }
      pieces.push(piece);
      if (pieces.length >= 8192) {
        text += pieces.join("");
        pieces.length = 0;
      }
    }
  }

  /** Skips the innermost open element with everything in it, still checking well-formedness. */
  skipElement(): void {
    const outer = this.stack.depth - 1;
    const s = this.scanner;
    for (;;) {
      if (this.emptyPending) this.closeEmpty();
      if (this.stack.depth === outer) return;
      this.window.trim();
      const token = s.scan();
      if (token === "text") s.text();
      else if (token === "start") this.openElement();
      else if (token === "end") this.closeElement();
      else if (token === "cdata") s.cdata();
      else if (token === "eof") this.failUnclosed();
    }
  }

  /** After the root element closed: only whitespace, comments and PIs may follow. */
  finish(): void {
    const w = this.window;
    const detail = "content after the root element";
    for (;;) {
      w.trim();
      const token = this.scanner.scan();
      if (token === "text") this.onlyWhitespace("MALFORMED_XML", detail);
      else if (token === "eof") {
        if (w.broken) this.failEncoding();
        return;
      } else if (token === "start" && Number.isNaN(w.src.charCodeAt(this.scanner.tokenStart + 1))) {
        this.failAtEnd("MALFORMED_XML", detail, this.scanner.tokenStart);
      } else if (token !== "comment" && token !== "pi") this.failAt("MALFORMED_XML", detail, this.scanner.tokenStart);
    }
  }

  /** True when the element most recently opened is `{namespaceUri}localName`. */
  is(namespaceUri: string, localName: string): boolean {
    return this.localName === localName && this.namespaceUri === namespaceUri;
  }

  /** True when the current element has attributes other than namespace declarations. */
  get hasAttributes(): boolean {
    return this.attributes.count > 0;
  }

  /** The value of attribute `{namespaceUri}localName` on the element most recently opened. */
  attribute(namespaceUri: string, localName: string): string | undefined {
    return this.attributes.get(namespaceUri, localName, this.scope);
  }

  /** Resolves a QName-valued attribute (`sf:Account`) in the scope of the current element. */
  resolveQName(value: string): { readonly namespaceUri: string; readonly localName: string } | undefined {
    const qname = value.trim();
    const colon = qname.indexOf(":");
    const namespaceUri = this.scope.lookup(colon < 0 ? "" : qname.slice(0, colon));
    if (namespaceUri === undefined) return undefined;
    return { namespaceUri, localName: qname.slice(colon + 1) };
  }

  /** Qualified name of the current element as written, for messages. */
  get qualifiedName(): string {
    return this.stack.topName;
  }

  /** Shows `[n]` after the current element in error paths (1-based position of a repeated element). */
  setIndex(index: number): void {
    this.stack.setIndex(index);
  }

  /** Fails at the element most recently opened (and still open). */
  fail(code: OutboundMessageErrorCode, detail: string): never {
    throw new OutboundMessageError(code, detail, this.location(this.stack.topStart, ""));
  }

  /** Fails at the element most recently closed (after its text was read or its children walked). */
  failClosed(code: OutboundMessageErrorCode, detail: string): never {
    throw new OutboundMessageError(code, detail, this.location(this.stack.closedStart, this.stack.closedSegment));
  }

  /** Fails at window offset `offset` (the parts report here). */
  failAt(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    throw new OutboundMessageError(code, detail, this.location(this.window.base + offset, ""));
  }

  /**
   * Fails at `offset` on a problem found at the end of the text: when the text ended at bytes that
   * are not UTF-8, those are the first problem in the document.
   */
  failAtEnd(code: OutboundMessageErrorCode, detail: string, offset: number): never {
    if (this.window.broken) this.failEncoding();
    return this.failAt(code, detail, offset);
  }

  /** Encoding errors are about the body as a whole, so they name no element. */
  private failEncoding(): never {
    throw new OutboundMessageError("INVALID_ENCODING", "the body is not valid UTF-8", { path: "/", line: 1, column: 1 });
  }

  private failUnclosed(): never {
    if (this.window.broken) this.failEncoding();
    const detail = `element <${this.stack.topName}> is not closed`;
    throw new OutboundMessageError("MALFORMED_XML", detail, this.location(this.stack.topStart, ""));
  }

  /** Fails on the first non-whitespace character of the text token (`UNEXPECTED_TEXT` names it). */
  private onlyWhitespace(code: OutboundMessageErrorCode, detail: string): void {
    const s = this.scanner;
    const at = s.firstNonWhitespace();
    if (at < 0) return;
    const text = this.window.src.slice(at, s.tokenEnd).trim();
    this.failAt(code, code === "UNEXPECTED_TEXT" ? `unexpected text ${quoteValue(text)}` : detail, at);
  }

  private location(offset: number, last: string): MessageLocation {
    // Only errors pay for counting lines; the starts of elements trimmed away were resolved then.
    const at = this.window.lineOf(offset);
    return { path: this.stack.path(last), line: at.line, column: offset - at.lineStart + 1 };
  }

  /** Opens the element whose start tag the scanner found (binding the namespaces it declares). */
  private openElement(): void {
    const s = this.scanner;
    const lt = s.tokenStart;
    if (this.stack.depth >= MAX_DEPTH) {
      this.failAt("NESTING_TOO_DEEP", `elements are nested more than ${MAX_DEPTH} levels deep`, lt);
    }
    s.startTag();
    const qname = s.tagName;
    const attributes = this.attributes;
    attributes.clear();
    let declared: string[] | null = null;
    if (!s.tagEnded) {
      while (s.nextAttribute()) {
        const name = s.attributeName;
        attributes.add(name, s.attributeValue, s.attributeStart, qname, this);
        if (name === "xmlns" || name.startsWith("xmlns:")) {
          const prefix = name === "xmlns" ? "" : name.slice(6);
          this.scope.declare(prefix, s.attributeValue, s.attributeStart);
          (declared ??= []).push(prefix);
        }
      }
    }
    const namespaceUri = this.scope.elementNamespace(qname, s.tagColon, lt);
    // Checked before the element is pushed, so the path ends at the parent like other start-tag errors.
    if (attributes.count > 0) attributes.resolve(this.scope, lt, this);
    const localName = s.tagColon < 0 ? qname : qname.slice(s.tagColon + 1);
    this.stack.push(qname, localName, this.window.base + lt, declared);
    this.localName = localName;
    this.namespaceUri = namespaceUri;
    this.emptyPending = s.tagEmpty;
  }

  private closeElement(): void {
    this.scanner.endTag(this.stack.topName);
    this.pop();
  }

  private closeEmpty(): false {
    this.emptyPending = false;
    this.pop();
    return false;
  }

  private pop(): void {
    const declared = this.stack.pop();
    if (declared !== null) this.scope.undeclare(declared);
  }
}
