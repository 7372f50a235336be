import { ENTERPRISE_NS, OUTBOUND_NS, XSD_NS } from "../wsdl/namespaces.js";
import { qnameKey, xsdChildren, type WsdlDocument } from "../wsdl/read-wsdl.js";
import { WsdlError } from "../wsdl/wsdl-error.js";
import type { QName, XmlElement } from "../wsdl/xml-tree.js";
import type { DateTimeMode, Diagnostic, FieldModel, OutboundMessageModel, ValueKind } from "./model.js";
import { typeNameFor, typeNamesFor } from "./names.js";
import { builtinKind, tsTypeOf } from "./xsd-types.js";

export interface ModelOptions {
  readonly dateTime: DateTimeMode;
  /** How the output names the WSDL: its file name, without the directories it was read from. */
  readonly sourceFile: string;
}

export interface ModelResult {
  readonly model: OutboundMessageModel;
  readonly diagnostics: readonly Diagnostic[];
}

/** Members of the base `sObject` type; every record has them, so they are not listed as fields. */
const BASE_MEMBERS = new Set(["Id", "fieldsToNull"]);

/**
 * Derives the outbound message from a WSDL, following the types the way Salesforce links them:
 * `notifications/Notification/@type` → «X»Notification → `sObject/@type` → the object complexType.
 */
export function buildModel(doc: WsdlDocument, sourceText: string, options: ModelOptions): ModelResult {
  const diagnostics: Diagnostic[] = [];
  const notifications = doc.schemas.elements.get(qnameKey({ namespaceUri: OUTBOUND_NS, localName: "notifications" }));
  if (notifications === undefined) {
    throw new WsdlError(
      "WSDL_NO_NOTIFICATIONS",
      `no element "notifications" in namespace ${OUTBOUND_NS}: this is not a Salesforce outbound-message WSDL`,
      doc.root.location,
    );
  }
  const notificationElement = findSequenceElement(doc, notifications, "Notification");
  const notificationType = resolveComplexType(doc, notificationElement);
  const sObjectElement = findSequenceElement(doc, notificationType, "sObject");
  const objectType = resolveComplexType(doc, sObjectElement);
  const objectName = objectType.attributes.get("name") as string;

  const seen = new Map<string, XmlElement>();
  const fields: FieldModel[] = [];
  for (const element of objectElements(doc, objectType, new Set())) {
    const name = element.attributes.get("name");
    if (name === undefined) {
      throw new WsdlError("WSDL_UNSUPPORTED", `an element of "${objectName}" has no name (element references are not supported)`, element.location);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new WsdlError(
        "WSDL_DUPLICATE_FIELD",
        `field "${name}" of "${objectName}" is declared twice (first at line ${first.location.line})`,
        element.location,
      );
    }
    seen.set(name, element);
    if (!BASE_MEMBERS.has(name)) fields.push(fieldModel(doc, element, name, options.dateTime, diagnostics));
  }

  return {
    model: {
      kind: "outboundMessage",
      sourceFile: options.sourceFile,
      sourceText,
      objectName,
      notificationTypeName: notificationType.attributes.get("name") ?? `${objectName}Notification`,
      // The object's name; generate() renames when a package holds several of one object or --name asks.
      typeNames: typeNamesFor(typeNameFor(objectName)),
      fields,
      endpoint: doc.endpoint,
      dateTime: options.dateTime,
    },
    diagnostics,
  };
}

/** The element `name` in the (inline or referenced) complex type of `owner`. */
function findSequenceElement(doc: WsdlDocument, owner: XmlElement, name: string): XmlElement {
  const type = owner.localName === "complexType" ? owner : (xsdChildren(owner, "complexType")[0] ?? resolveComplexType(doc, owner));
  const found = particles(type).find((element) => element.attributes.get("name") === name);
  if (found === undefined) {
    const what = owner.attributes.get("name") ?? owner.localName;
    throw new WsdlError("WSDL_UNSUPPORTED", `"${what}" has no element "${name}", unlike every outbound-message WSDL`, owner.location);
  }
  return found;
}

/** The complexType named by `element/@type`. */
function resolveComplexType(doc: WsdlDocument, element: XmlElement): XmlElement {
  const typeName = element.attributes.get("type");
  const what = element.attributes.get("name") ?? element.localName;
  if (typeName === undefined) {
    throw new WsdlError("WSDL_UNSUPPORTED", `element "${what}" has no type attribute`, element.location);
  }
  const type = lookup(doc, element, typeName, "complexTypes");
  if (type === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `type "${typeName}" of element "${what}" is not defined in the WSDL`, element.location);
  }
  return type;
}

function lookup(
  doc: WsdlDocument,
  scope: XmlElement,
  value: string,
  table: "complexTypes" | "simpleTypes",
): XmlElement | undefined {
  const name = scope.resolveQName(value);
  return name === undefined ? undefined : doc.schemas[table].get(qnameKey(name));
}

/** Element declarations of a model group, nested sequences included; wildcards (`any`) skipped. */
function particles(group: XmlElement): XmlElement[] {
  return group.children.flatMap((child): XmlElement[] => {
    if (child.namespaceUri !== XSD_NS) return [];
    if (child.localName === "element") return [child];
    if (child.localName === "sequence" || child.localName === "all") return particles(child);
    return [];
  });
}

/** The object's elements, inherited ones (from `complexContent/extension/@base`) first. */
function objectElements(doc: WsdlDocument, type: XmlElement, visiting: Set<XmlElement>): XmlElement[] {
  if (visiting.has(type)) {
    throw new WsdlError("WSDL_UNSUPPORTED", `type "${type.attributes.get("name")}" extends itself`, type.location);
  }
  visiting.add(type);
  const extension = xsdChildren(type, "complexContent").flatMap((content) => xsdChildren(content, "extension"))[0];
  if (extension === undefined) return particles(type);
  const baseName = extension.attributes.get("base") ?? "";
  const base = lookup(doc, extension, baseName, "complexTypes");
  if (base === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `base type "${baseName}" is not defined in the WSDL`, extension.location);
  }
  return [...objectElements(doc, base, visiting), ...particles(extension)];
}

function fieldModel(
  doc: WsdlDocument,
  element: XmlElement,
  name: string,
  dateTime: DateTimeMode,
  diagnostics: Diagnostic[],
): FieldModel {
  const maxOccurs = element.attributes.get("maxOccurs") ?? "1";
  if (maxOccurs !== "1") {
    throw new WsdlError("WSDL_UNSUPPORTED", `field "${name}" repeats (maxOccurs="${maxOccurs}"); outbound messages send single values`, element.location);
  }
  const minOccurs = element.attributes.get("minOccurs") ?? "1";
  if (!/^[0-9]+$/.test(minOccurs)) {
    throw new WsdlError("WSDL_UNSUPPORTED", `field "${name}" has minOccurs="${minOccurs}", which is not a whole number`, element.location);
  }
  const { kind, display } = fieldKind(doc, element, name, diagnostics);
  return {
    kind: "field",
    name,
    xsdType: display,
    valueKind: kind,
    tsType: tsTypeOf(kind, dateTime),
    nillable: element.attributes.get("nillable") === "true",
    minOccurs: Number(minOccurs),
    location: element.location,
  };
}

/** The value kind of a field and a stable display name for its type. */
function fieldKind(
  doc: WsdlDocument,
  element: XmlElement,
  field: string,
  diagnostics: Diagnostic[],
): { kind: ValueKind; display: string } {
  const typeName = element.attributes.get("type");
  if (typeName === undefined) {
    const inline = xsdChildren(element, "simpleType")[0];
    if (inline !== undefined) return { kind: simpleTypeKind(doc, inline, field, diagnostics, new Set()), display: "(inline simpleType)" };
    return { kind: "string", display: "xsd:anyType" };
  }
  const name = element.resolveQName(typeName);
  if (name === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `the prefix of type "${typeName}" of field "${field}" is not declared`, element.location);
  }
  return { kind: kindOf(doc, element, name, typeName, field, diagnostics, new Set()), display: displayName(name, typeName) };
}

function displayName(name: QName, written: string): string {
  if (name.namespaceUri === XSD_NS) return `xsd:${name.localName}`;
  if (name.namespaceUri === ENTERPRISE_NS) return `ent:${name.localName}`;
  return written;
}

function kindOf(
  doc: WsdlDocument,
  at: XmlElement,
  name: QName,
  written: string,
  field: string,
  diagnostics: Diagnostic[],
  visiting: Set<XmlElement>,
): ValueKind {
  if (name.namespaceUri === XSD_NS) {
    const kind = builtinKind(name.localName);
    if (kind === "unknown") {
      diagnostics.push({
        severity: "warning",
        code: "WSDL_UNKNOWN_TYPE",
        message: `field "${field}" has type xsd:${name.localName}, which outbound messages do not use; it is kept as a string`,
        location: at.location,
      });
    }
    return kind;
  }
  // ent:ID is the only simple type Salesforce defines; any restriction of it is an id as well.
  if (name.namespaceUri === ENTERPRISE_NS && name.localName === "ID") return "id";
  const simpleType = doc.schemas.simpleTypes.get(qnameKey(name));
  if (simpleType !== undefined) return simpleTypeKind(doc, simpleType, field, diagnostics, visiting);
  if (doc.schemas.complexTypes.has(qnameKey(name))) {
    throw new WsdlError(
      "WSDL_UNSUPPORTED",
      `field "${field}" has the complex type "${written}"; outbound messages only carry simple fields`,
      at.location,
    );
  }
  throw new WsdlError("WSDL_UNRESOLVED_TYPE", `type "${written}" of field "${field}" is not defined in the WSDL`, at.location);
}

/** Follows `restriction/@base` down to a built-in type. */
function simpleTypeKind(
  doc: WsdlDocument,
  simpleType: XmlElement,
  field: string,
  diagnostics: Diagnostic[],
  visiting: Set<XmlElement>,
): ValueKind {
  if (visiting.has(simpleType)) {
    throw new WsdlError("WSDL_UNSUPPORTED", `simple type of field "${field}" restricts itself`, simpleType.location);
  }
  visiting.add(simpleType);
  const restriction = xsdChildren(simpleType, "restriction")[0];
  const base = restriction?.attributes.get("base");
  if (restriction === undefined || base === undefined) return "string";
  const name = restriction.resolveQName(base);
  if (name === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `the prefix of base type "${base}" is not declared`, restriction.location);
  }
  return kindOf(doc, restriction, name, base, field, diagnostics, visiting);
}
