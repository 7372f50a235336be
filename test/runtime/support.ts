import assert from "node:assert/strict";
import { OutboundMessageError } from "../../templates/runtime/errors.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";
import { thrownBy } from "../support/expect-throws.js";

// Helpers shared by the runtime unit tests.

/** Asserts that the element just opened is `{namespaceUri}localName` (and says what it is when not). */
export function assertElement(r: XmlReader, namespaceUri: string, localName: string): void {
  assert.equal(`{${r.namespaceUri}}${r.localName}`, `{${namespaceUri}}${localName}`);
}

/** Runs `action` and returns the OutboundMessageError it must throw (anything else fails the test). */
export function errorOf(action: () => unknown): OutboundMessageError {
  return thrownBy(OutboundMessageError, action);
}

/**
 * Reads a whole document without interpreting it: opens the root, skips it (which checks
 * everything inside) and checks what follows it.
 */
export function checkDocument(input: string | Uint8Array): void {
  const r = XmlReader.fromInput(input);
  r.openRoot();
  r.skipElement();
  r.finish();
}

/** The text of a document whose root element has simple content. */
export function rootText(input: string | Uint8Array): string {
  const r = XmlReader.fromInput(input);
  r.openRoot();
  const text = r.readText();
  r.finish();
  return text;
}

/**
 * The elements of an element-only document, depth first, as `{namespace}local` indented by two
 * spaces per level. Walks with nextChild only, so any text fails.
 */
export function elementTree(input: string | Uint8Array): string[] {
  const r = XmlReader.fromInput(input);
  const lines: string[] = [];
  const walk = (depth: number): void => {
    lines.push(`${"  ".repeat(depth)}{${r.namespaceUri}}${r.localName}`);
    while (r.nextChild()) walk(depth + 1);
  };
  r.openRoot();
  walk(0);
  r.finish();
  return lines;
}
