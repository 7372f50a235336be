import { VariableDeclarationKind } from "./ts-morph.js";
import type { FieldModel, OutboundMessageModel, ValueKind } from "../model/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { exportConst, importTypes, importValues, printModule, propertyAccess, stringLiteral } from "./ts-module.js";

/** The runtime reader of each value kind (see templates/runtime/values.ts). */
function readerOf(kind: ValueKind, dateTime: "date" | "string"): string {
  switch (kind) {
    case "double":
      return "readDouble";
    case "int":
      return "readInt";
    case "long":
      return "readLong";
    case "boolean":
      return "readBoolean";
    case "date":
      return "readDate";
    case "dateTime":
      return dateTime === "date" ? "readDateTime" : "readDateTimeString";
    case "time":
      return "readTime";
    default:
      return "readString";
  }
}

/** Element names by case number: 0 and 1 are the base sObject members, fields follow in WSDL order. */
function fieldNames(fields: readonly FieldModel[]): string {
  return `[${["Id", "fieldsToNull", ...fields.map((field) => field.name)].map(stringLiteral).join(", ")}]`;
}

/** The statements of `decodeSObject`: a switch over the element's case number, one typed reader per field. */
function decoderBody(model: OutboundMessageModel): string {
  const cases = model.fields.map((field, i) => {
    const target = propertyAccess("record", field.name);
    return `case ${i + 2}: ${target} = ${readerOf(field.valueKind, model.dateTime)}(r, ${target}); break;`;
  });
  return [
    `const record = newRecord<${model.typeNames.sObject}>();`,
    "let expected = 0; // the case number the next field most likely has",
    "while (r.nextChild()) {",
    "const field = isFieldElement(r) ? fieldIndex(NAMES, FIELDS, expected, r.localName) : undefined;",
    "if (field !== undefined) expected = field + 1;",
    "switch (field) {",
    "case 0: readRecordId(r, record); break;",
    "case 1: readFieldsToNull(r, record); break;",
    ...cases,
    "default: readUnknownField(r, record);",
    "}",
    "}",
    "return completeRecord(r, record);",
  ].join("\n");
}

/**
 * `parser.ts`: a decoder specialised to this object's fields (a switch over the element name,
 * one typed reader per case) on top of the runtime's envelope reader.
 */
export async function emitParser(context: ModuleContext): Promise<GeneratedFile> {
  const { model, runtime } = context;
  const { sObject, notifications } = model.typeNames;
  const module = context.factory.create(`${context.dir}/parser.ts`);
  const readers = [...new Set(model.fields.map((field) => readerOf(field.valueKind, model.dateTime)))];

  importValues(module, `${runtime}/envelope.js`, ["expectObject", "parseNotificationsMessage"]);
  importTypes(module, `${runtime}/envelope.js`, ["SObjectDecoder"]);
  const recordHelpers = [
    "completeRecord",
    "fieldIndex",
    "isFieldElement",
    "newRecord",
    "readFieldsToNull",
    "readRecordId",
    "readUnknownField",
  ];
  importValues(module, `${runtime}/sobject.js`, recordHelpers);
  if (readers.length > 0) importValues(module, `${runtime}/values.js`, readers);
  importTypes(module, `${runtime}/types.js`, ["MessageBody"]);
  importTypes(module, `${runtime}/xml-reader.js`, ["XmlReader"]);
  importTypes(module, "./types.js", [sObject, notifications]);

  module.file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "NAMES", type: "readonly string[]", initializer: fieldNames(model.fields) }],
    docs: [`The elements of one ${model.objectName} sObject, in the order Salesforce sends them; the index is the case number.`],
  });
  module.file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "FIELDS", type: "ReadonlyMap<string, number>", initializer: "new Map(NAMES.map((name, i) => [name, i]))" }],
    docs: ["Case number by element name; anything else is an unknown field."],
  });

  module.file.addFunction({
    name: "decodeSObject",
    parameters: [{ name: "r", type: "XmlReader" }],
    returnType: sObject,
    docs: [`Reads the children of one ${model.objectName} \`sObject\` element.`],
    // One text rather than writer calls per line: ts-morph's writer rescans what it holds on every
    // write, which made a 1,000-field object take seconds. Prettier lays the text out afterwards.
    statements: [decoderBody(model)],
  });

  exportConst(
    module,
    "sObjectDecoder",
    `SObjectDecoder<${sObject}>`,
    `{ objectName: ${stringLiteral(model.objectName)}, decode: decodeSObject }`,
    `Decodes ${model.objectName} sObjects; routers of several outbound messages dispatch to it.`,
  );

  module.file.addFunction({
    name: "parseNotifications",
    isExported: true,
    parameters: [{ name: "xml", type: "MessageBody" }],
    returnType: notifications,
    docs: [
      `Parses one delivery of this outbound message: a SOAP envelope with 1 to 100 ${model.objectName} notifications.\n` +
        "Values are typed, absent fields stay absent, `xsi:nil` becomes null, `Notification` is always an array.\n" +
        "The body may be text, bytes or the chunks it arrived in; bytes are decoded as strict UTF-8.\n\n" +
        "@throws {OutboundMessageError} with a stable `code`, the element path and the line of the problem.",
    ],
    statements: ["return parseNotificationsMessage(xml, expectObject(sObjectDecoder));"],
  });

  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
