import type { Random } from "../../bench/random.js";
import { LONE_SURROGATE } from "./oracle.js";

// Mutations: text-level ones (tokens of XML syntax and characters at the edges of its rules,
// inserted, replaced, deleted, duplicated, truncated) and byte-level ones (bytes that are not
// UTF-8, flipped bytes). A mutant is one to three of them on one seed.

const TOKENS = [
  "<", ">", "&", ";", '"', "'", "=", "/", ":", "</", "/>", "<!--", "-->", "--", "<![CDATA[", "]]>", "]]", "<?", "?>",
  "<?pi x?>", "<?xml ?>", "<!DOCTYPE r>", "<!doctype", "<!ENTITY", "&amp;", "&lt;", "&#65;", "&#x41;", "&#0000065;",
  "&#x0000000041;", "&#0;", "&#xD800;", "&#x10FFFF;", "&#x110000;", "&bogus;", "&#X41;", "\r", "\n", "\r\n", "\t", " ",
  "\u00a0", "\u00d7", "\u00b7", "\u0300", "\u037e", "\u2028", "\u200c", "\u3000", "\uFFFE", "\uFFFF", "\uFFFD", "\uD800",
  "\uDC00", "\u{1F600}", "\u{EFFFF}", "\u{F0000}", "é", "日", "xmlns:p=\"urn:x\"", " a=\"1\"", " xmlns=\"urn:y\"",
  ' xmlns:p=""', ' xmlns:xml="urn:z"', ' xsi:nil="true"', ' xsi:type="sf:Account"', "<x>", "</x>", "<x/>", "<p:x>",
  "\u0001", "\u0000", "\u007f", "\u0085", '<?xml version="1.0"?>', 'encoding="ISO-8859-1"', "-", ".", "1", "\uFEFF",
];

const BAD_BYTES: readonly (readonly number[])[] = [
  [0xff], [0x80], [0xc3], [0xe6, 0x97], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe9], [0xef, 0xbf, 0xbe],
];

export interface Mutant {
  /** The mutant as a string (may hold lone surrogates), or undefined when its bytes are not UTF-8. */
  readonly text: string | undefined;
  /** Its UTF-8 bytes, or undefined when the string has lone surrogates (no UTF-8 form). */
  readonly bytes: Uint8Array | undefined;
  readonly description: string;
}

function mutateText(text: string, random: Random, log: string[]): string {
  const at = random.int(0, text.length);
  const span = random.int(1, 24);
  switch (random.int(0, 6)) {
    case 0:
    case 1: {
      const token = random.pick(TOKENS);
      log.push(`insert ${JSON.stringify(token)} at ${at}`);
      return text.slice(0, at) + token + text.slice(at);
    }
    case 2: {
      const token = random.pick(TOKENS);
      log.push(`replace ${span} at ${at} by ${JSON.stringify(token)}`);
      return text.slice(0, at) + token + text.slice(at + span);
    }
    case 3:
      log.push(`delete ${span} at ${at}`);
      return text.slice(0, at) + text.slice(at + span);
    case 4: {
      const from = random.int(0, text.length);
      log.push(`copy ${span * 4} from ${from} to ${at}`);
      return text.slice(0, at) + text.slice(from, from + span * 4) + text.slice(at);
    }
    case 5:
      log.push(`truncate at ${at}`);
      return text.slice(0, at);
    default: {
      const c = text.charAt(at);
      const other = /[a-z]/.test(c) ? c.toUpperCase() : random.pick(["a", "Z", "_", "-", "0", ":", "\u00e9"]);
      log.push(`change char ${at} to ${JSON.stringify(other)}`);
      return text.slice(0, at) + other + text.slice(at + 1);
    }
  }
}

function mutateBytes(bytes: Uint8Array, random: Random, log: string[]): Uint8Array {
  const at = random.int(0, bytes.length);
  if (random.chance(0.5)) {
    const bad = random.pick(BAD_BYTES);
    log.push(`insert bytes ${bad.map((b) => b.toString(16)).join(" ")} at ${at}`);
    return new Uint8Array([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]);
  }
  const out = new Uint8Array(bytes);
  const value = random.int(0, 255);
  log.push(`set byte ${at} to ${value.toString(16)}`);
  if (at < out.length) out[at] = value;
  return out;
}

const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function mutate(seed: string, random: Random): Mutant {
  const log: string[] = [];
  let text = seed;
  const count = random.int(1, 3);
  for (let i = 0; i < count; i++) text = mutateText(text, random, log);
  const hasLoneSurrogate = LONE_SURROGATE.test(text);
  if (hasLoneSurrogate || !random.chance(0.25)) {
    return { text, bytes: hasLoneSurrogate ? undefined : encoder.encode(text), description: log.join("; ") };
  }
  const bytes = mutateBytes(encoder.encode(text), random, log);
  let decoded: string | undefined;
  try {
    decoded = strict.decode(bytes);
  } catch {
    decoded = undefined;
  }
  return { text: decoded, bytes, description: log.join("; ") };
}

/** `bytes` cut at random places (inside UTF-8 sequences too), into pieces of 1 to `largest` bytes. */
export function randomChunks(bytes: Uint8Array, random: Random, largest: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = random.int(1, largest);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
