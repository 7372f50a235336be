// Bytes in, text out: strict UTF-8 decoding of a body given as one array or as the chunks it
// arrived in, a piece at a time, with the position of the first byte that is not UTF-8 kept exact
// whatever the chunking.

import { advanceLines, type LinePosition } from "./xml-chars.js";

/** Bytes decoded per step: small enough that no decoded piece is a large heap object. */
const PIECE_BYTES = 16 * 1024;

/**
 * Bytes in, text out, a piece at a time: each piece ends right before a `<` (or at the end), so a
 * tag is split between pieces at most after its first "<" (when a piece is a lone "<"); readers
 * read on at the end of the window before deciding anything. Decoding a large body into one
 * string would allocate one large object, which costs as much as parsing it; pieces stay small.
 *
 * Bytes that are not UTF-8 end the text where they start: the valid text before them is still
 * delivered and `broken` is set, so the reader finds every error that comes before them in the
 * document, whatever the chunking, and reports the encoding only when it has to read past them.
 */
export class TextFeed {
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

  /**
   * Line and line start of document offset `offset` (in the text after a leading BOM), read again
   * from the start of the body: lines are counted only for errors, not while reading. Reads in
   * pieces like `next`, so the memory it takes does not grow with the body. The text before
   * `offset` is valid UTF-8 (the reader got there), so a lenient decoder reads it alike.
   */
  linePositionAt(offset: number): LinePosition {
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const at: LinePosition = { line: 1, lineStart: 0 };
    let base = 0;
    let first = true;
    // A CR that ends a piece is counted with the next one, where the LF that may follow it is.
    let heldCr = false;
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length && base < offset; i += PIECE_BYTES) {
        let text = decoder.decode(chunk.subarray(i, i + PIECE_BYTES), { stream: true });
        if (first && text !== "") {
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          first = false;
        }
        if (heldCr) text = `\r${text}`;
        heldCr = text.charCodeAt(text.length - 1) === 13;
        const end = heldCr ? text.length - 1 : text.length;
        advanceLines(text, 0, Math.min(end, offset - base), base, at);
        base += end;
      }
    }
    // A CR that ends the body ends a line too.
    if (heldCr && base < offset) {
      at.line++;
      at.lineStart = base + 1;
    }
    return at;
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

/** Length of a UTF-8 sequence by its lead byte (0 for a byte that cannot lead one). */
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
