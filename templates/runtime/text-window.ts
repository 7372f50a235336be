import type { MessageBody } from "./types.js";
import { TextFeed } from "./utf8-feed.js";
import { advanceLines, isWhitespace, type LinePosition } from "./xml-chars.js";

/** Consumed text dropped from the window once this much of it piled up (byte input only). */
const TRIM_AT = 16 * 1024;

/**
 * The text of a document being read, with positions and lines. For a string it is the whole
 * string; for bytes it is the decoded text from `base` on, extended piece by piece and trimmed at
 * safe points, so that it holds the construct being read and little more. Offsets into `src` are
 * window offsets; `base + offset` is the document offset.
 *
 * The reader's layers (character data, scanner, reader) extend this class rather than hold it:
 * the per-character loops then read `this.src` and `this.pos` of one object, as fast as when the
 * reader was one class.
 */
export abstract class TextWindow {
  protected src: string;
  protected pos = 0;
  /** Document offset of `src[0]`. */
  protected base = 0;
  private readonly feed: TextFeed | undefined;

  /** A window over a string, or over bytes decoded as strict UTF-8 as reading goes; one leading BOM is dropped. */
  protected constructor(input: MessageBody) {
    this.feed = typeof input === "string" ? undefined : new TextFeed(input instanceof Uint8Array ? [input] : input);
    this.src = typeof input === "string" ? input : "";
    if (this.feed !== undefined) this.more();
    if (this.src.charCodeAt(0) === 0xfeff) this.src = this.src.slice(1);
  }

  /** True when the text ended at bytes that are not UTF-8 (and the reader got there). */
  protected get broken(): boolean {
    return this.feed?.broken === true;
  }

  /** Appends the next piece of a byte input; false at the end of the (valid) text. */
  protected more(): boolean {
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
  protected find(needle: string, from: number): number {
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
   * The character after the one at `at`. A piece may end right after a "<" (when the next one
   * starts with another), so this reads on rather than take the end of the window for the end.
   */
  protected charAfter(at: number): number {
    if (at + 1 >= this.src.length) this.more();
    return this.src.charCodeAt(at + 1);
  }

  /** The first offset from `from` on that is not whitespace, reading on as needed. */
  protected skipWhitespace(from: number): number {
    let p = from;
    for (;;) {
      if (isWhitespace(this.src.charCodeAt(p))) p++;
      else if (p < this.src.length || !this.more()) return p;
    }
  }

  /**
   * Drops the consumed text of a byte input. Called only where no offset into the window but
   * `pos` is held (the top of every reading loop), so nothing shifts under a caller, and often
   * enough that the window never holds more than the construct being read and a piece.
   */
  protected trim(): void {
    // Kept this small so that it inlines into every reading loop; dropping is the rare case.
    if (this.feed !== undefined && this.pos >= TRIM_AT) this.dropConsumed();
  }

  private dropConsumed(): void {
    this.src = this.src.slice(this.pos);
    this.base += this.pos;
    this.pos = 0;
  }

  /**
   * Line and line start of document offset `offset`. Only errors ask, so lines are not counted
   * while reading: once text was dropped from the window, the feed reads the body again up to
   * `offset` (linear, once per error, in pieces).
   */
  protected lineOf(offset: number): LinePosition {
    if (this.base > 0 && this.feed !== undefined) return this.feed.linePositionAt(offset);
    const at: LinePosition = { line: 1, lineStart: 0 };
    advanceLines(this.src, 0, Math.min(offset, this.src.length), 0, at);
    return at;
  }
}
