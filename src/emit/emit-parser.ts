import { BASE_MEMBERS } from "../model/base-members.js";
import type { FieldModel, OutboundMessageModel } from "../model/model.js";
import { recordsWithoutPrototype } from "../model/names.js";
import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { CodeSymbol, TsFile } from "./ts-file.js";
import { propertyAccess, stringLiteral } from "./ts-syntax.js";

/** Element names by case number: the base sObject members first, then the fields in WSDL order. */
function fieldNames(fields: readonly FieldModel[]): string {
  const names = [...BASE_MEMBERS.map((member) => member.name), ...fields.map((field) => field.name)];
  return `[${names.map(stringLiteral).join(", ")}]`;
}

/** The runtime helpers every decoder calls. */
function recordHelpers(file: TsFile, runtime: string) {
  const from = `${runtime}/sobject.js`;
  return {
    completeRecord: file.import("completeRecord", from),
    fieldIndex: file.import("fieldIndex", from),
    isFieldElement: file.import("isFieldElement", from),
    newRecord: file.import("newRecord", from),
    newNullPrototypeRecord: file.import("newNullPrototypeRecord", from),
    readUnknownField: file.import("readUnknownField", from),
  };
}

/** The statements of `decodeSObject`: a switch over the element's case number, one typed reader per field. */
function decoderBody(file: TsFile, context: ModuleContext, sObject: CodeSymbol | string): string {
  const { model, runtime } = context;
  const helpers = recordHelpers(file, runtime);
  const baseCases = BASE_MEMBERS.map(
    (member, i) => `case ${i}: ${file.import(member.reader, `${runtime}/sobject.js`)}(r, record); break;`,
  );
  const cases = model.fields.map((field, i) => {
    const target = propertyAccess("record", field.name);
    const reader = file.import(field.value.reader, `${runtime}/values.js`);
    return `case ${BASE_MEMBERS.length + i}: ${target} = ${reader}(r, ${target}); break;`;
  });
  const newRecord = recordsWithoutPrototype(model.fields)
    ? helpers.newNullPrototypeRecord
    : helpers.newRecord;
  return [
    `const record = ${newRecord}<${sObject}>();`,
    "let expected = 0; // the case number the next field most likely has",
    "while (r.nextChild()) {",
    `const field = ${helpers.isFieldElement}(r) ? ${helpers.fieldIndex}(NAMES, FIELDS, expected, r.localName) : undefined;`,
    "if (field !== undefined) expected = field + 1;",
    "switch (field) {",
    ...baseCases,
    ...cases,
    `default: ${helpers.readUnknownField}(r, record);`,
    "}",
    "}",
    `return ${helpers.completeRecord}(r, record);`,
  ].join("\n");
}

function parseDocs(model: OutboundMessageModel): string {
  return (
    `Parses one delivery of this outbound message: a SOAP envelope with 1 to 100 ${model.objectName} notifications.\n` +
    "Values are typed, absent fields stay absent, `xsi:nil` becomes null, `Notification` is always an array.\n" +
    "The body may be text, bytes or the chunks it arrived in; bytes are decoded as strict UTF-8.\n\n" +
    "@throws {OutboundMessageError} with a stable `code`, the element path and the line of the problem."
  );
}

/**
 * `parser.ts`: a decoder specialised to this object's fields (a switch over the element name,
 * one typed reader per case) on top of the runtime's envelope reader.
 */
export function emitParser(context: ModuleContext): TsFile {
  const { model, runtime } = context;
  const file = messageFile(context, "parser.ts");
  const expectObject = file.import("expectObject", `${runtime}/envelope.js`);
  const parseNotificationsMessage = file.import("parseNotificationsMessage", `${runtime}/envelope.js`);
  const SObjectDecoder = file.import("SObjectDecoder", `${runtime}/envelope.js`, { type: true });
  const MessageBody = file.import("MessageBody", `${runtime}/types.js`, { type: true });
  const XmlReader = file.import("XmlReader", `${runtime}/xml-reader.js`, { type: true });
  const sObject = file.import(model.typeNames.sObject, "./types.js", { type: true });
  const notifications = file.import(model.typeNames.notifications, "./types.js", { type: true });

  file.const({
    name: "NAMES",
    type: "readonly string[]",
    value: fieldNames(model.fields),
    docs: `The elements of one ${model.objectName} sObject, in the order Salesforce sends them; the index is the case number.`,
  });
  file.const({
    name: "FIELDS",
    type: `${file.global("ReadonlyMap")}<string, number>`,
    value: `new ${file.global("Map")}(NAMES.map((name, i) => [name, i]))`,
    docs: "Case number by element name; anything else is an unknown field.",
  });
  file.function({
    name: "decodeSObject",
    parameters: [{ name: "r", type: `${XmlReader}` }],
    returns: `${sObject}`,
    docs: `Reads the children of one ${model.objectName} \`sObject\` element.`,
    body: decoderBody(file, context, sObject),
  });
  file.const({
    name: "sObjectDecoder",
    exported: true,
    type: `${SObjectDecoder}<${sObject}>`,
    value: `{ objectName: ${stringLiteral(model.objectName)}, decode: decodeSObject }`,
    docs: `Decodes ${model.objectName} sObjects; routers of several outbound messages dispatch to it.`,
  });
  file.function({
    name: "parseNotifications",
    exported: true,
    parameters: [{ name: "xml", type: `${MessageBody}` }],
    returns: `${notifications}`,
    docs: parseDocs(model),
    body: `return ${parseNotificationsMessage}(xml, ${expectObject}(sObjectDecoder));`,
  });
  return file;
}
