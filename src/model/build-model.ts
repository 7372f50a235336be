import { ENTERPRISE_NS, OUTBOUND_NS, XSD_NS } from "../wsdl/namespaces.js";
import { qnameKey, xsdChildren, type WsdlDocument } from "../wsdl/read-wsdl.js";
import { WsdlError, type SourceLocation } from "../wsdl/wsdl-error.js";
import type { QName, XmlElement } from "../wsdl/xml-tree.js";
import { isBaseMember, UNKNOWN_FIELDS_MEMBER } from "./base-members.js";
import type { DateTimeMode, Diagnostic, FieldModel, UnnamedMessageModel, ValueKind } from "./model.js";
import { builtinKind, valueForm } from "./value-kinds.js";

export interface ModelOptions {
  readonly dateTime: DateTimeMode;
  /** How the output names the WSDL: its file name, without the directories it was read from. */
  readonly sourceFile: string;
}

export interface ModelResult {
  readonly model: UnnamedMessageModel;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the WSDL declares the sObject's type, whose name the message gets unless told otherwise. */
  readonly objectLocation: SourceLocation;
}

/** What resolving one field's type needs: the WSDL, the field (for messages) and where warnings go. */
interface FieldContext {
  readonly doc: WsdlDocument;
  readonly field: string;
  readonly diagnostics: Diagnostic[];
  /** The simple types followed so far, to refuse a restriction cycle. */
  readonly visiting: Set<XmlElement>;
}

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
    if (name === UNKNOWN_FIELDS_MEMBER) {
      throw new WsdlError(
        "WSDL_UNSUPPORTED",
        `field "${name}" of "${objectName}" has the name under which records keep the fields a WSDL does not declare`,
        element.location,
      );
    }
    if (!isBaseMember(name)) {
      fields.push(fieldModel({ doc, field: name, diagnostics, visiting: new Set() }, element, options.dateTime));
    }
  }

  return {
    model: {
      sourceFile: options.sourceFile,
      sourceText,
      objectName,
      notificationTypeName: notificationType.attributes.get("name") ?? `${objectName}Notification`,
      fields,
      endpoint: doc.endpoint,
      dateTime: options.dateTime,
    },
    diagnostics,
    objectLocation: objectType.location,
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

function fieldModel(context: FieldContext, element: XmlElement, dateTime: DateTimeMode): FieldModel {
  const name = context.field;
  const maxOccurs = element.attributes.get("maxOccurs") ?? "1";
  if (maxOccurs !== "1") {
    throw new WsdlError("WSDL_UNSUPPORTED", `field "${name}" repeats (maxOccurs="${maxOccurs}"); outbound messages send single values`, element.location);
  }
  const minOccurs = element.attributes.get("minOccurs") ?? "1";
  if (!/^[0-9]+$/.test(minOccurs)) {
    throw new WsdlError("WSDL_UNSUPPORTED", `field "${name}" has minOccurs="${minOccurs}", which is not a whole number`, element.location);
  }
  const { kind, display } = fieldKind(context, element);
  return {
    name,
    xsdType: display,
    valueKind: kind,
    value: valueForm(kind, dateTime),
    nillable: element.attributes.get("nillable") === "true",
    minOccurs: Number(minOccurs),
    location: element.location,
  };
}

/** The value kind of a field and a stable display name for its type. */
function fieldKind(context: FieldContext, element: XmlElement): { kind: ValueKind; display: string } {
  const typeName = element.attributes.get("type");
  if (typeName === undefined) {
    const inline = xsdChildren(element, "simpleType")[0];
    if (inline !== undefined) return { kind: simpleTypeKind(context, inline), display: "(inline simpleType)" };
    return { kind: "string", display: "xsd:anyType" };
  }
  const name = element.resolveQName(typeName);
  if (name === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `the prefix of type "${typeName}" of field "${context.field}" is not declared`, element.location);
  }
  return { kind: kindOf(context, element, name, typeName), display: displayName(name, typeName) };
}

function displayName(name: QName, written: string): string {
  if (name.namespaceUri === XSD_NS) return `xsd:${name.localName}`;
  if (name.namespaceUri === ENTERPRISE_NS) return `ent:${name.localName}`;
  return written;
}

/** The kind of the type `name` (written `written`), referred to at `at`. */
function kindOf(context: FieldContext, at: XmlElement, name: QName, written: string): ValueKind {
  const { doc, field } = context;
  if (name.namespaceUri === XSD_NS) {
    const kind = builtinKind(name.localName);
    if (kind === "unknown") {
      context.diagnostics.push({
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
  if (simpleType !== undefined) return simpleTypeKind(context, simpleType);
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
function simpleTypeKind(context: FieldContext, simpleType: XmlElement): ValueKind {
  if (context.visiting.has(simpleType)) {
    throw new WsdlError("WSDL_UNSUPPORTED", `simple type of field "${context.field}" restricts itself`, simpleType.location);
  }
  context.visiting.add(simpleType);
  const restriction = xsdChildren(simpleType, "restriction")[0];
  const base = restriction?.attributes.get("base");
  if (restriction === undefined || base === undefined) return "string";
  const name = restriction.resolveQName(base);
  if (name === undefined) {
    throw new WsdlError("WSDL_UNRESOLVED_TYPE", `the prefix of base type "${base}" is not declared`, restriction.location);
  }
  return kindOf(context, restriction, name, base);
}
