import { quoteValue } from "./errors.js";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS } from "./namespaces.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const KNOWN_NAMESPACES: ReadonlyMap<string, string> = new Map(
  [OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS].map((uri) => [uri, uri]),
);

/** Why `prefix` (`""`: the default namespace) cannot be bound to `uri` (Namespaces in XML 1.0, 3), undefined when it can. */
export function bindingError(prefix: string, uri: string): string | undefined {
  if (prefix !== "" && uri === "") return `prefix ${prefix} is bound to ""`;
  if (prefix === "xmlns" || (prefix === "xml") !== (uri === XML_NS) || uri === XMLNS_NS) {
    return `prefix ${prefix || "(default)"} cannot be bound to ${quoteValue(uri)}`;
  }
  return undefined;
}

/** The prefixes in scope: what the open elements declared, innermost last. */
export class NamespaceScope {
  /** Prefix ("" is the default namespace) → stack of bound URIs, innermost last. */
  private readonly bindings = new Map<string, string[]>([["xml", [XML_NS]]]);
  // The last resolved element prefix; valid while no binding changed (a version counter tracks that).
  private version = 0;
  private cacheVersion = -1;
  private cachedPrefix = "";
  private cachedUri = "";

  /** Binds `prefix` to `uri` (checked with `bindingError` first) for the element being opened. */
  declare(prefix: string, uri: string): void {
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

  /**
   * The namespace of element `qname` (its colon at `colon`, -1 when none), undefined when its
   * prefix is not declared. Elements of a message share a few prefixes: the last one is cached.
   */
  elementNamespace(qname: string, colon: number): string | undefined {
    if (colon < 0) return this.lookup("");
    if (colon === this.cachedPrefix.length && this.cacheVersion === this.version && this.isCachedPrefix(qname, colon)) {
      return this.cachedUri;
    }
    const prefix = qname.slice(0, colon);
    const uri = this.lookup(prefix);
    if (uri === undefined) return undefined;
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
