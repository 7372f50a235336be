import { XmlReader } from "../../templates/runtime/xml-reader.js";

// Run by memory.test.ts in a child process with a small heap: reads a large body built as bytes
// (outside the JavaScript heap) and exits 0 when the reader got through it.
// Usage: memory-probe.ts <construct> <megabytes>; the body is read as one array, then as 64 kB chunks.

/** Per construct: the document's start, the unit repeated to fill it, its end, and how it is read. */
export const CONSTRUCTS: Readonly<Record<string, readonly [string, string, string, "skip" | "text" | "children"]>> = {
  "elements on LF lines": ["<r>", "<e/>\n", "</r>", "children"],
  "elements on CRLF lines": ["<r>", "<e/>\r\n", "</r>", "children"],
  "elements on CR lines": ["<r>", "<e/>\r", "</r>", "skip"],
  "comments on lines": ["<r>", "<!-- c -->\r\n", "</r>", "children"],
  "CDATA on lines": ["<r>", "<![CDATA[ ]]>\n", "</r>", "children"],
  "processing instructions on lines": ["<r>", "<?p x?>\n", "</r>", "text"],
  "comments in a field": ["<r>", "x<!---->", "</r>", "skip"],
  "CRLF in a field": ["<r>", "\r\n", "</r>", "text"],
};

function body(construct: string, megabytes: number): Uint8Array {
  const [head, unit, tail] = CONSTRUCTS[construct] ?? [];
  if (head === undefined || unit === undefined || tail === undefined) throw new Error(`unknown construct ${construct}`);
  const encoder = new TextEncoder();
  const unitBytes = encoder.encode(unit);
  const count = Math.floor((megabytes * 1024 * 1024) / unitBytes.length);
  const headBytes = encoder.encode(head);
  const bytes = new Uint8Array(headBytes.length + count * unitBytes.length + tail.length);
  bytes.set(headBytes);
  for (let i = 0, at = headBytes.length; i < count; i++, at += unitBytes.length) bytes.set(unitBytes, at);
  bytes.set(encoder.encode(tail), bytes.length - tail.length);
  return bytes;
}

function read(construct: string, input: Uint8Array | Uint8Array[]): void {
  const reader = XmlReader.fromInput(input);
  reader.openRoot();
  const how = (CONSTRUCTS[construct] as readonly string[])[3];
  if (how === "text") reader.readText();
  else if (how === "skip") reader.skipElement();
  else while (reader.nextChild()) reader.skipElement();
  reader.finish();
}

const [construct = "", megabytes = "16"] = process.argv.slice(2);
const bytes = body(construct, Number(megabytes));
read(construct, bytes);
const chunks: Uint8Array[] = [];
for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
read(construct, chunks);
