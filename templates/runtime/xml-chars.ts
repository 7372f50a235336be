// The character rules of XML 1.0 (fifth edition), each stated once: what a Char is, what may
// start and continue a Name, what is whitespace, and where lines end.

/** S (XML 1.0 [3]). */
export function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Char (XML 1.0 [2]) for a code point. */
export function isXmlChar(cp: number): boolean {
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
 * A UTF-16 unit that is not (part of) a Char: C0 controls but TAB, LF and CR, U+FFFE, U+FFFF,
 * and surrogates that are not in a pair.
 */
export const NOT_XML_CHAR: RegExp =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when the unit at `text[i]` (not TAB, LF or CR) is not part of a Char; `isPairStart` tells
 * the caller to step over the low surrogate that follows. Kept to comparisons: it runs per unit.
 */
export function isNotXmlUnit(text: string, i: number, c: number): boolean {
  if (c < 32) return c !== 9 && c !== 10 && c !== 13;
  if (c < 0xd800) return false;
  if (c <= 0xdbff) return (text.charCodeAt(i + 1) & 0xfc00) !== 0xdc00;
  return c <= 0xdfff || c >= 0xfffe;
}

/** A high surrogate followed by a low one: two units, one character. */
export function isPairStart(text: string, i: number, c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

export function isDigit(c: number, hex: boolean): boolean {
  return (c >= 48 && c <= 57) || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)));
}

// ASCII name characters (bit 1: may start a name, bit 2: may continue one); the rest of the
// Name production is in isNameStartCode and isNameCode.
export const NAME_START = 1;
export const NAME_CHAR = 2;
export const COLON = 58;
/** Per ASCII unit: NAME_START when it may start a name, NAME_CHAR when it may continue one. */
export const ASCII_NAME_CLASS: Uint8Array = new Uint8Array(128);
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
export function nameCharLength(src: string, at: number, start: boolean): number {
  const c = src.charCodeAt(at);
  if (c < 128) return ((ASCII_NAME_CLASS[c] ?? 0) & (start ? NAME_START : NAME_CHAR)) !== 0 ? 1 : 0;
  if (start ? isNameStartCode(c) : isNameCode(c)) return 1;
  return c >= 0xd800 && c <= 0xdb7f && (src.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 0;
}

/** A line number and the document offset where that line starts. */
export interface LinePosition {
  line: number;
  lineStart: number;
}

/**
 * Moves `at` over the line breaks in `text[from, to)`, whose index 0 is document offset `base`.
 * Lines end at LF, CRLF or a lone CR, as XML counts them (2.11); a CR right before `to` is looked
 * at together with `text[to]`.
 */
export function advanceLines(text: string, from: number, to: number, base: number, at: LinePosition): void {
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
