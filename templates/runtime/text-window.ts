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
  /** Line number and line start of document offset `base`. */
  private lineAtBase = 1;
  private lineStartAtBase = 0;
  // Line positions of the offsets `live` named when the text around them was dropped: a handful
  // of numbers, not one per line break.
  private anchorOffsets: number[] = [];
  private anchorLines: number[] = [];
  private anchorLineStarts: number[] = [];

  /** A window over a string, or over bytes decoded as strict UTF-8 as reading goes; one leading BOM is dropped. */
  protected constructor(input: MessageBody) {
    this.feed = typeof input === "string" ? undefined : new TextFeed(input instanceof Uint8Array ? [input] : input);
    this.src = typeof input === "string" ? input : "";
    if (this.feed !== undefined) this.more();
    if (this.src.charCodeAt(0) === 0xfeff) this.src = this.src.slice(1);
  }

  /** The document offsets an error may still name, kept with their lines when the text around them is dropped. */
  protected abstract liveOffsets(): number[];

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
    const src = this.src;
    // A CR stays with the LF that may follow it, so that the pair counts as one line break.
    const cut = src.charCodeAt(this.pos - 1) === 13 ? this.pos - 1 : this.pos;
    const base = this.base;
    const end = base + cut;
    const live = this.liveOffsets();
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

  /** Line and line start of document offset `offset` (in the window, or one `live` named when it was dropped). */
  protected lineOf(offset: number): LinePosition {
    const at: LinePosition = { line: this.lineAtBase, lineStart: this.lineStartAtBase };
    const anchor = offset < this.base ? this.anchorOffsets.indexOf(offset) : -1;
    if (anchor >= 0) {
      at.line = this.anchorLines[anchor] as number;
      at.lineStart = this.anchorLineStarts[anchor] as number;
    } else if (offset > this.base) {
      advanceLines(this.src, 0, Math.min(offset - this.base, this.src.length), this.base, at);
    }
    return at;
  }
}
