import type { FieldModel } from "../model/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { importTypes, printModule, propertyKey, reexport } from "./ts-module.js";

function fieldDocs(field: FieldModel): string {
  const facets = [field.nillable ? "nillable" : "not nillable", `minOccurs ${field.minOccurs}`].join(", ");
  const kept =
    field.valueKind === "date"
      ? " Kept as `YYYY-MM-DD`: a Date would shift it by the reader's time zone."
      : field.valueKind === "unknown"
        ? " This XSD type is not one outbound messages use, so the text is kept as it is."
        : "";
  return `\`${field.name}\`: ${field.xsdType} (${facets}).${kept}`;
}

/** `types.ts`: the sObject interface, the notification, the request and the response. */
export async function emitTypes(context: ModuleContext): Promise<GeneratedFile> {
  const { model, runtime } = context;
  const { sObject, notification, notifications } = model.typeNames;
  const module = context.factory.create(`${context.dir}/types.ts`);
  const file = module.file;
  importTypes(module, `${runtime}/types.js`, ["NonEmptyArray", "SalesforceId", "SObjectBase"]);
  reexport(module, `${runtime}/types.js`, [], ["MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"]);

  file.addInterface({
    name: sObject,
    isExported: true,
    extends: ["SObjectBase"],
    docs: [
      `The ${model.objectName} fields this outbound message sends (WSDL complexType \`${model.objectName}\`).\n\n` +
        "Every field is optional: Salesforce leaves out fields whose value is null, and an element sent " +
        "with `xsi:nil=\"true\"` is `null`. `Id` is always present.",
    ],
    properties: model.fields.map((field) => ({
      name: propertyKey(field.name),
      type: `${field.tsType} | null`,
      hasQuestionToken: true,
      docs: [fieldDocs(field)],
    })),
  });

  file.addInterface({
    name: notification,
    isExported: true,
    docs: [`One notification of ${model.objectName} (WSDL complexType \`${model.notificationTypeName}\`).`],
    properties: [
      {
        name: "Id",
        type: "SalesforceId",
        docs: ["The notification id (`04l…`): the same on every redelivery, so it is the deduplication key."],
      },
      { name: "sObject", type: sObject, docs: ["The record with the latest values of the selected fields."] },
    ],
  });

  file.addInterface({
    name: notifications,
    isExported: true,
    docs: [`The \`notifications\` request: one delivery of 1 to 100 ${model.objectName} notifications.`],
    properties: [
      { name: "OrganizationId", type: "SalesforceId", docs: ["The sending org (`00D…`); check it before trusting the message."] },
      { name: "ActionId", type: "SalesforceId", docs: ["The outbound message definition (`04k…`)."] },
      {
        name: "SessionId",
        type: "string | null",
        docs: ["A session of the \"user to send as\" when the outbound message sends one; `null` otherwise."],
      },
      { name: "EnterpriseUrl", type: "string", docs: ["Enterprise API endpoint of the org, for calling back."] },
      { name: "PartnerUrl", type: "string", docs: ["Partner API endpoint of the org, for calling back."] },
      {
        name: "Notification",
        type: `NonEmptyArray<${notification}>`,
        docs: ["Always an array, with 1 to 100 notifications."],
      },
    ],
  });

  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
