import { OutboundMessageError, type MessageLocation, type OutboundMessageErrorCode } from "./errors.js";
import { NamespaceScope } from "./namespace-scope.js";
import { XmlScanner } from "./xml-scanner.js";

/**
 * The open elements, their namespace scopes and attributes, and the paths errors name
 * (`/Envelope/Body/notifications/Notification[2]/sObject`). The reader pushes and pops; the
 * layers below ask it where an offset is through `locate`.
 */
export abstract class ElementStack extends XmlScanner {
  // The stack of open elements, outermost first. Parallel arrays avoid an allocation per element.
  protected depth = 0;
  protected readonly qnames: string[] = [];
  private readonly locals: string[] = [];
  /** Document offsets of the elements' "<" (valid after trimming, unlike window offsets). */
  private readonly starts: number[] = [];
  private readonly indexes: number[] = [];
  private readonly declared: (string[] | null)[] = [];
  protected readonly scope: NamespaceScope = new NamespaceScope();
  /** Attributes of the current element other than namespace declarations (the first ones in `attribute…`). */
  protected attributeCount = 0;

  // The element most recently closed, so that a value found bad after reading can be located.
  private closedLocal = "";
  private closedStart = 0;
  private closedIndex = 0;

  /** Opens element `qname` (local name `localName`) whose "<" is at window offset `lt`. */
  protected push(qname: string, localName: string, lt: number, declared: string[] | null): void {
    const d = this.depth;
    this.qnames[d] = qname;
    this.locals[d] = localName;
    this.starts[d] = this.base + lt;
    this.indexes[d] = 0;
    this.declared[d] = declared;
    this.depth = d + 1;
  }

  /** Closes the innermost element, ending the namespace bindings it declared. */
  protected pop(): void {
    const d = --this.depth;
    this.closedLocal = this.locals[d] as string;
    this.closedStart = this.starts[d] as number;
    this.closedIndex = this.indexes[d] as number;
    const declared = this.declared[d];
    if (declared !== null && declared !== undefined) this.scope.undeclare(declared);
  }

  /** True when the current element has attributes other than namespace declarations. */
  get hasAttributes(): boolean {
    return this.attributeCount > 0;
  }

  /** The value of attribute `{namespaceUri}localName` on the element most recently opened. */
  attribute(namespaceUri: string, localName: string): string | undefined {
    for (let i = 0; i < this.attributeCount; i++) {
      const name = this.attributeNames[i] as string;
      const colon = name.indexOf(":");
      if (colon < 0) {
        if (namespaceUri === "" && name === localName) return this.attributeValues[i];
      } else if (
        name.length - colon - 1 === localName.length &&
        name.endsWith(localName) &&
        this.scope.lookup(name.slice(0, colon)) === namespaceUri
      ) {
        return this.attributeValues[i];
      }
    }
    return undefined;
  }

  /** Resolves a QName-valued attribute (`sf:Account`) in the scope of the current element. */
  resolveQName(value: string): { readonly namespaceUri: string; readonly localName: string } | undefined {
    const qname = value.trim();
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const namespaceUri = this.scope.lookup(prefix);
    if (namespaceUri === undefined) return undefined;
    return { namespaceUri, localName: qname.slice(colon + 1) };
  }

  /** Qualified name of the current element as written, for messages. */
  get qualifiedName(): string {
    return this.qnames[this.depth - 1] ?? "";
  }

  /** Shows `[n]` after the current element in error paths (1-based position of a repeated element). */
  setIndex(index: number): void {
    this.indexes[this.depth - 1] = index;
  }

  /** Fails at the element most recently opened (and still open). */
  fail(code: OutboundMessageErrorCode, detail: string): never {
    throw new OutboundMessageError(code, detail, this.location(this.starts[this.depth - 1] ?? 0, this.depth, ""));
  }

  /** Fails at the element most recently closed (after its text was read or its children walked). */
  failClosed(code: OutboundMessageErrorCode, detail: string): never {
    const last = this.closedIndex > 0 ? `${this.closedLocal}[${this.closedIndex}]` : this.closedLocal;
    throw new OutboundMessageError(code, detail, this.location(this.closedStart, this.depth, last));
  }

  /** The text ended inside the innermost element. */
  protected failUnclosed(): never {
    if (this.broken) this.failEncoding();
    this.fail("MALFORMED_XML", `element <${this.qualifiedName}> is not closed`);
  }

  protected locate(offset: number): MessageLocation {
    return this.location(offset, this.depth, "");
  }

  private location(offset: number, depth: number, last: string): MessageLocation {
    const segments: string[] = [];
    for (let i = Math.max(0, depth - 16); i < depth; i++) {
      const index = this.indexes[i] ?? 0;
      segments.push(index > 0 ? `${this.locals[i]}[${index}]` : (this.locals[i] as string));
    }
    if (last !== "") segments.push(last);
    const path = (depth > 16 ? "/…/" : "/") + segments.join("/");
    // Only errors pay for counting lines.
    const at = this.lineOf(offset);
    return { path, line: at.line, column: offset - at.lineStart + 1 };
  }

  /** Binds the namespaces the start tag just read declares; returns their prefixes (null: none). */
  protected declareNamespaces(count: number): string[] | null {
    let declared: string[] | null = null;
    for (let i = 0; i < count; i++) {
      const name = this.attributeNames[i] as string;
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      const prefix = name === "xmlns" ? "" : name.slice(6);
      this.scope.declare(prefix, this.attributeValues[i] as string);
      (declared ??= []).push(prefix);
    }
    return declared;
  }

  /**
   * Drops the namespace declarations from the attributes of the start tag just read and checks the
   * others: every prefix is bound, and no two have the same expanded name (`p:k` and `q:k` with p
   * and q bound to one URI). Returns how many attributes are kept.
   */
  protected checkAttributes(count: number, lt: number): number {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const name = this.attributeNames[i] as string;
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      if (colon > 0) {
        const uri = this.scope.lookup(name.slice(0, colon));
        if (uri === undefined) this.failAt("MALFORMED_XML", `namespace prefix ${name.slice(0, colon)} is not declared`, lt);
        const local = name.slice(colon + 1);
        for (let j = 0; j < kept; j++) {
          const other = this.attributeNames[j] as string;
          const otherColon = other.indexOf(":");
          if (otherColon > 0 && other.slice(otherColon + 1) === local && this.scope.lookup(other.slice(0, otherColon)) === uri) {
            this.failAt("MALFORMED_XML", `attributes ${other} and ${name} are both {${uri}}${local}`, lt);
          }
        }
      }
      this.attributeNames[kept] = name;
      this.attributeValues[kept] = this.attributeValues[i] as string;
      kept++;
    }
    return kept;
  }
}
