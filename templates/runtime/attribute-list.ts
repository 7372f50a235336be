import type { ErrorSink } from "./char-data.js";
import type { NamespaceScope } from "./namespace-scope.js";

/** The SOAP envelope carries 3 namespace declarations; proxies may add some, never hundreds. */
const MAX_ATTRIBUTES = 64;

/** The attributes of the element opened last, as written, without its namespace declarations. */
export class AttributeList {
  count = 0;
  private readonly names: string[] = [];
  private readonly values: string[] = [];

  /** Starts the list of a new start tag. */
  clear(): void {
    this.count = 0;
  }

  /** Adds an attribute of start tag `<qname>`; fails on a repeated name or too many. */
  add(name: string, value: string, offset: number, qname: string, errors: ErrorSink): void {
    const count = this.count;
    if (count === MAX_ATTRIBUTES) errors.failAt("NESTING_TOO_DEEP", `<${qname}> has more than ${MAX_ATTRIBUTES} attributes`, offset);
    for (let i = 0; i < count; i++) {
      if (this.names[i] === name) errors.failAt("MALFORMED_XML", `attribute ${name} appears twice`, offset);
    }
    this.names[count] = name;
    this.values[count] = value;
    this.count = count + 1;
  }

  /**
   * Drops the namespace declarations once the tag is read, and checks the other attributes: every
   * prefix is bound, and no two have the same expanded name (`p:k` and `q:k` with p and q bound
   * to one URI). Problems are located at `lt`, the start tag.
   */
  resolve(scope: NamespaceScope, lt: number, errors: ErrorSink): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const name = this.names[i] as string;
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      if (colon > 0) {
        const uri = scope.lookup(name.slice(0, colon));
        if (uri === undefined) errors.failAt("MALFORMED_XML", `namespace prefix ${name.slice(0, colon)} is not declared`, lt);
        const local = name.slice(colon + 1);
        for (let j = 0; j < kept; j++) {
          const other = this.names[j] as string;
          const otherColon = other.indexOf(":");
          if (otherColon > 0 && other.slice(otherColon + 1) === local && scope.lookup(other.slice(0, otherColon)) === uri) {
            errors.failAt("MALFORMED_XML", `attributes ${other} and ${name} are both {${uri}}${local}`, lt);
          }
        }
      }
      this.names[kept] = name;
      this.values[kept] = this.values[i] as string;
      kept++;
    }
    this.count = kept;
  }

  /** The value of attribute `{namespaceUri}localName`, undefined when absent. */
  get(namespaceUri: string, localName: string, scope: NamespaceScope): string | undefined {
    for (let i = 0; i < this.count; i++) {
      const name = this.names[i] as string;
      const colon = name.indexOf(":");
      if (colon < 0) {
        if (namespaceUri === "" && name === localName) return this.values[i];
      } else if (name.length - colon - 1 === localName.length && name.endsWith(localName) && scope.lookup(name.slice(0, colon)) === namespaceUri) {
        return this.values[i];
      }
    }
    return undefined;
  }
}
