// The character rules of XML 1.0 (fifth edition), each stated once: what a Char is, what may
// start and continue a Name, what is whitespace, and where lines end. The reader's hot loops use
// cheaper pre-checks (which characters may need work), and defer to these rules when one is hit.

/** S (XML 1.0 [3]). */
export function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Char (XML 1.0 [2]): the code point ranges an XML document may hold, the only statement of the rule. */
const XML_CHAR_RANGES: readonly (readonly [number, number])[] = [
  [0x9, 0xa],
  [0xd, 0xd],
  [0x20, 0xd7ff],
  [0xe000, 0xfffd],
  [0x10000, 0x10ffff],
];

/** Char (XML 1.0 [2]) for a code point. */
export function isXmlChar(cp: number): boolean {
  for (const [low, high] of XML_CHAR_RANGES) if (cp >= low && cp <= high) return true;
  return false;
}

function regExpCodePoint(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/**
 * The first character of a string that is not a Char, lone surrogates included (with the `u`
 * flag a lone surrogate is a code point of its own, and none of the ranges holds one).
 */
export const NOT_XML_CHAR: RegExp = new RegExp(
  `[^${XML_CHAR_RANGES.map(([low, high]) => `${regExpCodePoint(low)}-${regExpCodePoint(high)}`).join("")}]`,
  "u",
);

/**
 * UTF-16 units of the character at `text[i]` whose unit `c` is a control or ≥ U+D800 (the rest
 * of the BMP is a Char): 2 for a surrogate pair, 1 for another Char, 0 when it is not one.
 */
export function xmlCharUnits(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return 2;
  return isXmlChar(c) ? 1 : 0;
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

/** Whether all of `name` is an XML Name (XML 1.0 [5]; the colon rules of namespaces are not checked here). */
export function isXmlName(name: string): boolean {
  if (name === "") return false;
  for (let i = 0; i < name.length; ) {
    const units = nameCharLength(name, i, i === 0);
    if (units === 0) return false;
    i += units;
  }
  return true;
}

/**
 * True when a line ends at `text[i]`: at LF, and at a CR that no LF follows (a CRLF pair ends
 * its line at the LF), as XML counts them (2.11). The WSDL side counts lines by this rule too.
 */
export function endsLine(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/** A line number and the document offset where that line starts. */
export interface LinePosition {
  line: number;
  lineStart: number;
}

/**
 * Moves `at` over the line breaks in `text[from, to)`, whose index 0 is document offset `base`
 * (a CR right before `to` is looked at together with `text[to]`). Without a CR every line ends
 * at an LF, which `indexOf` finds faster than a loop.
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
    if (endsLine(text, i)) {
      at.line++;
      at.lineStart = base + i + 1;
    }
  }
}
