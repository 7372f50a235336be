import type { ErrorSink } from "./char-data.js";
import { quoteValue } from "./errors.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS } from "./namespaces.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const KNOWN_NAMESPACES: ReadonlyMap<string, string> = new Map(
  [OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS].map((uri) => [uri, uri]),
);

/** The prefixes in scope (Namespaces in XML 1.0): what the open elements declared, innermost last. */
export class NamespaceScope {
  private readonly errors: ErrorSink;
  /** Prefix ("" is the default namespace) → stack of bound URIs, innermost last. */
  private readonly bindings = new Map<string, string[]>([["xml", [XML_NS]]]);
  // The last resolved element prefix; valid while no binding changed (a version counter tracks that).
  private version = 0;
  private cacheVersion = -1;
  private cachedPrefix = "";
  private cachedUri = "";

  constructor(errors: ErrorSink) {
    this.errors = errors;
  }

  /** Binds `prefix` to `uri` for the element being opened; `offset` locates the declaration. */
  declare(prefix: string, uri: string, offset: number): void {
    if (prefix !== "" && uri === "") this.errors.failAt("MALFORMED_XML", `prefix ${prefix} is bound to ""`, offset);
    if (prefix === "xmlns" || (prefix === "xml") !== (uri === XML_NS) || uri === XMLNS_NS) {
      this.errors.failAt("MALFORMED_XML", `prefix ${prefix || "(default)"} cannot be bound to ${quoteValue(uri)}`, offset);
    }
    // The well-known URIs are bound as the constants themselves, so that the decoders'
    // per-element `namespaceUri === SOBJECT_NS` is a pointer comparison, not a string one.
    const known = KNOWN_NAMESPACES.get(uri) ?? uri;
    const uris = this.bindings.get(prefix);
    if (uris === undefined) this.bindings.set(prefix, [known]);
    else uris.push(known);
    this.version++;
  }

  /** Ends the bindings an element declared, when it closes. */
  undeclare(prefixes: readonly string[]): void {
    for (const prefix of prefixes) this.bindings.get(prefix)?.pop();
    this.version++;
  }

  /** The URI bound to `prefix` ("" for no default namespace), undefined when it is not declared. */
  lookup(prefix: string): string | undefined {
    const uris = this.bindings.get(prefix);
    if (uris === undefined || uris.length === 0) return prefix === "" ? "" : undefined;
    return uris[uris.length - 1];
  }

  /** The namespace of element `qname` (colon at `colon`, -1 when none); fails at `lt` on an undeclared prefix. */
  elementNamespace(qname: string, colon: number, lt: number): string {
    if (colon < 0) return this.lookup("") as string;
    if (colon === this.cachedPrefix.length && this.cacheVersion === this.version && this.isCachedPrefix(qname, colon)) {
      return this.cachedUri;
    }
    const prefix = qname.slice(0, colon);
    const uri = this.lookup(prefix);
    if (uri === undefined) return this.errors.failAt("MALFORMED_XML", `namespace prefix ${prefix} is not declared`, lt);
    this.cachedPrefix = prefix;
    this.cachedUri = uri;
    this.cacheVersion = this.version;
    return uri;
  }

  /** `qname.startsWith(cachedPrefix)` without its call cost: prefixes are a few characters. */
  private isCachedPrefix(qname: string, length: number): boolean {
    const prefix = this.cachedPrefix;
    for (let i = 0; i < length; i++) if (qname.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
    return true;
  }
}
