import { WSDL_NS, WSDL_SOAP_NS, XSD_NS } from "./namespaces.js";
import { WsdlError } from "./wsdl-error.js";
import { parseXml, type QName, type XmlElement } from "./xml-tree.js";

/** Global schema components of a WSDL, keyed by `{namespace}name`. */
export interface SchemaIndex {
  readonly elements: ReadonlyMap<string, XmlElement>;
  readonly complexTypes: ReadonlyMap<string, XmlElement>;
  readonly simpleTypes: ReadonlyMap<string, XmlElement>;
}

/** A parsed WSDL: its root, the schema components in `<types>`, and the endpoint it names. */
export interface WsdlDocument {
  readonly file: string;
  readonly root: XmlElement;
  readonly schemas: SchemaIndex;
  /** `soap:address/@location` of the service port, when present. */
  readonly endpoint: string | undefined;
}

/** The map key of a qualified name. */
export function qnameKey(name: QName): string {
  return `{${name.namespaceUri}}${name.localName}`;
}

/** XSD children of an element, e.g. `xsdChildren(schema, "complexType")`. */
export function xsdChildren(element: XmlElement, localName: string): XmlElement[] {
  return element.children.filter((child) => child.namespaceUri === XSD_NS && child.localName === localName);
}

/** Reads a WSDL 1.1 document and indexes the schemas it embeds. */
export function readWsdl(file: string, text: string): WsdlDocument {
  const root = parseXml(file, text);
  if (root.namespaceUri !== WSDL_NS || root.localName !== "definitions") {
    throw new WsdlError(
      "WSDL_NOT_A_WSDL",
      `not a WSDL: the root element is <${root.qualifiedName}> in ${root.namespaceUri === "" ? "no namespace" : `namespace ${root.namespaceUri}`}, expected <definitions> in namespace ${WSDL_NS}`,
      root.location,
    );
  }
  return { file, root, schemas: indexSchemas(root), endpoint: findEndpoint(root) };
}

function indexSchemas(root: XmlElement): SchemaIndex {
  const elements = new Map<string, XmlElement>();
  const complexTypes = new Map<string, XmlElement>();
  const simpleTypes = new Map<string, XmlElement>();
  const byKind: Record<string, Map<string, XmlElement>> = {
    element: elements,
    complexType: complexTypes,
    simpleType: simpleTypes,
  };
  const types = root.children.filter((child) => child.namespaceUri === WSDL_NS && child.localName === "types");
  for (const schema of types.flatMap((t) => xsdChildren(t, "schema"))) {
    const targetNamespace = schema.attributes.get("targetNamespace") ?? "";
    for (const component of schema.children) {
      const index = component.namespaceUri === XSD_NS ? byKind[component.localName] : undefined;
      const name = component.attributes.get("name");
      if (index === undefined || name === undefined) continue;
      const key = qnameKey({ namespaceUri: targetNamespace, localName: name });
      if (index.has(key)) {
        throw new WsdlError("WSDL_DUPLICATE_DEFINITION", `${component.localName} "${name}" is defined twice in ${targetNamespace}`, component.location);
      }
      index.set(key, component);
    }
  }
  return { elements, complexTypes, simpleTypes };
}

function findEndpoint(root: XmlElement): string | undefined {
  for (const service of root.children.filter((c) => c.namespaceUri === WSDL_NS && c.localName === "service")) {
    for (const port of service.children.filter((c) => c.namespaceUri === WSDL_NS && c.localName === "port")) {
      const address = port.children.find((c) => c.namespaceUri === WSDL_SOAP_NS && c.localName === "address");
      const location = address?.attributes.get("location");
      if (location !== undefined) return location;
    }
  }
  return undefined;
}
