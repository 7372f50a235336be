import { ElementStack } from "./element-stack.js";
import type { MessageBody } from "./types.js";
import { isWhitespace } from "./xml-chars.js";
import { CDATA, END_OF_TEXT, END_TAG, SKIPPED, START_TAG } from "./xml-scanner.js";

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
 * The layers below, each knowing only those under it: ElementStack (open elements, namespace
 * scopes, attributes, error paths), XmlScanner (markup, names, tags), XmlText (character data,
 * located errors) and TextWindow (string or bytes, positions, lines). This class walks the tree.
 */
export class XmlReader extends ElementStack {
  /** `<x/>`: the current element is open but already known to be empty. */
  private emptyPending = false;

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
    super(input);
  }

  /** Reads the prolog and opens the root element. */
  openRoot(): void {
    while (this.src.length < 6 && this.more());
    if (this.src.startsWith("<?xml") && isWhitespace(this.src.charCodeAt(5))) this.readXmlDeclaration();
    for (;;) {
      this.trim();
      this.pos = this.skipWhitespace(this.pos);
      const at = this.pos;
      if (at >= this.src.length) this.failAtEnd("MALFORMED_XML", "the document has no root element", at);
      if (this.src.charCodeAt(at) !== 60) this.failAt("MALFORMED_XML", "text before the root element", at);
      const markup = this.markupAt(at);
      if (markup === SKIPPED) continue;
      if (markup === CDATA) this.failMarkup(at);
      return this.openElement(at);
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
      const markup = this.markupAt(lt);
      if (markup === END_TAG) {
        this.closeElement(lt);
        return false;
      }
      if (markup === CDATA) {
        const end = this.cdataEnd(lt);
        this.expectWhitespace(lt + 9, end);
        this.pos = end + 3;
      } else if (markup !== SKIPPED) {
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
      const markup = this.markupAt(lt);
      if (markup === END_TAG) {
        this.closeElement(lt);
        return pieces.length === 0 && text === "" ? chunk : text + pieces.join("") + chunk;
      }
      if (pieces.length >= 8192) {
        text += pieces.join("");
        pieces.length = 0;
      }
      pieces.push(chunk);
      if (markup === CDATA) {
        const end = this.cdataEnd(lt);
        pieces.push(this.cdataText(lt + 9, end));
        this.pos = end + 3;
      } else if (markup === END_OF_TEXT) this.failAtEnd("MALFORMED_XML", "unexpected end of document", lt + 1);
      else if (markup === START_TAG) {
        this.failAt("UNEXPECTED_ELEMENT", `<${this.qualifiedName}> has a simple type and cannot contain elements`, lt);
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
      const markup = this.markupAt(lt);
      if (markup === END_TAG) this.closeElement(lt);
      else if (markup === CDATA) {
        const end = this.cdataEnd(lt);
        this.cdataText(lt + 9, end);
        this.pos = end + 3;
      } else if (markup !== SKIPPED) this.openElement(lt);
    }
  }

  /** After the root element closed: only whitespace, comments and PIs may follow. */
  finish(): void {
    for (;;) {
      this.trim();
      this.pos = this.skipWhitespace(this.pos);
      const at = this.pos;
      if (at >= this.src.length) {
        if (this.broken) this.failEncoding();
        return;
      }
      if (this.src.charCodeAt(at) !== 60) this.failAt("MALFORMED_XML", "content after the root element", at);
      const markup = this.markupAt(at);
      if (markup === END_OF_TEXT) this.failAtEnd("MALFORMED_XML", "content after the root element", at);
      if (markup !== SKIPPED) this.failAt("MALFORMED_XML", "content after the root element", at);
    }
  }

  /** True when the element most recently opened is `{namespaceUri}localName`. */
  is(namespaceUri: string, localName: string): boolean {
    return this.localName === localName && this.namespaceUri === namespaceUri;
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
      declared = this.declareNamespaces(count);
    }
    const namespaceUri = this.scope.elementNamespace(qname, colon);
    if (namespaceUri === undefined) this.failAt("MALFORMED_XML", `namespace prefix ${qname.slice(0, colon)} is not declared`, lt);
    // Checked before the element is pushed, so the path ends at the parent like other start-tag errors.
    const attributeCount = count === 0 ? 0 : this.checkAttributes(count, lt);
    const localName = colon < 0 ? qname : qname.slice(colon + 1);
    this.push(qname, localName, lt, declared);
    this.localName = localName;
    this.namespaceUri = namespaceUri;
    this.emptyPending = empty;
    this.pos = p;
    this.attributeCount = attributeCount;
  }

  private closeElement(lt: number): void {
    this.readEndTag(lt, this.qnames[this.depth - 1] as string);
    this.pop();
  }

}
