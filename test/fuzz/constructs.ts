import { XmlReader } from "../../templates/runtime/xml-reader.js";

// Hostile bodies, one construct repeated to any size: the table behind the scaling check
// (scaling.ts) and the memory bound test (test/runtime/memory.test.ts). Bodies are built as
// bytes, outside the JavaScript heap, so that a heap bound measures the reader alone.

export type ReadMode = "skip" | "text" | "children";

export interface Construct {
  readonly head: string;
  readonly unit: string;
  readonly tail: string;
  readonly read: ReadMode;
  /** True when one token grows with the body (a long text or name), so memory may grow too. */
  readonly oneToken?: boolean;
}

export const CONSTRUCTS: Readonly<Record<string, Construct>> = {
  "elements on LF lines": { head: "<r>", unit: "<e/>\n", tail: "</r>", read: "children" },
  "elements on CRLF lines": { head: "<r>", unit: "<e/>\r\n", tail: "</r>", read: "children" },
  "elements on CR lines": { head: "<r>", unit: "<e/>\r", tail: "</r>", read: "skip" },
  "comments on lines": { head: "<r>", unit: "<!-- c -->\r\n", tail: "</r>", read: "children" },
  "CDATA on lines": { head: "<r>", unit: "<![CDATA[ ]]>\n", tail: "</r>", read: "children" },
  "processing instructions on lines": { head: "<r>", unit: "<?p x?>\n", tail: "</r>", read: "text", oneToken: true },
  "comments in a field": { head: "<r>", unit: "x<!---->", tail: "</r>", read: "text", oneToken: true },
  "CDATA in a field": { head: "<r>", unit: "<![CDATA[x<]]>", tail: "</r>", read: "text", oneToken: true },
  "CRLF in a field": { head: "<r>", unit: "\r\n", tail: "</r>", read: "text", oneToken: true },
  "references in a field": { head: "<r>", unit: "&amp;&#65;", tail: "</r>", read: "text", oneToken: true },
  "long text": { head: "<r>", unit: "text ", tail: "</r>", read: "text", oneToken: true },
  "long comment": { head: "<r><!--", unit: "a<b ", tail: "--></r>", read: "skip", oneToken: true },
  "long attribute value": { head: '<r a="', unit: "v&lt;\n", tail: '"/>', read: "skip", oneToken: true },
  "long name": { head: "<r", unit: "n", tail: "/>", read: "skip", oneToken: true },
};

/** The construct's body of about `bytes` bytes. */
export function hostileBody(construct: Construct, bytes: number): Uint8Array {
  const encoder = new TextEncoder();
  const head = encoder.encode(construct.head);
  const unit = encoder.encode(construct.unit);
  const tail = encoder.encode(construct.tail);
  const count = Math.max(1, Math.floor(bytes / unit.length));
  const body = new Uint8Array(head.length + count * unit.length + tail.length);
  body.set(head);
  for (let i = 0, at = head.length; i < count; i++, at += unit.length) body.set(unit, at);
  body.set(tail, body.length - tail.length);
  return body;
}

/** Reads a body the way the construct asks for, checking everything. */
export function readBody(construct: Construct, input: string | Uint8Array | Uint8Array[]): void {
  const reader = XmlReader.fromInput(input);
  reader.openRoot();
  if (construct.read === "text") reader.readText();
  else if (construct.read === "skip") reader.skipElement();
  else while (reader.nextChild()) reader.skipElement();
  reader.finish();
}

/** `bytes` as chunks of `size` bytes. */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}
