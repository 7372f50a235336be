import type { FieldModel } from "../model/model.js";
import { VALUE_KINDS, type TsTypeRef } from "../model/value-kinds.js";
import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";

function fieldDocs(field: FieldModel): string {
  const facets = [field.nillable ? "nillable" : "not nillable", `minOccurs ${field.minOccurs}`].join(", ");
  const note = VALUE_KINDS[field.valueKind].note;
  return `\`${field.name}\`: ${field.xsdType} (${facets}).${note === undefined ? "" : ` ${note}`}`;
}

/** A value type as the file writes it: runtime types imported, globals marked used. */
function typeIn(file: TsFile, runtime: string, type: TsTypeRef): string {
  if (type.kind === "runtime") return `${file.import(type.name, `${runtime}/${type.module}.js`, { type: true })}`;
  if (type.kind === "global") return `${file.global(type.name)}`;
  return type.name;
}

/** `types.ts`: the sObject interface, the notification, the request and the response. */
export function emitTypes(context: ModuleContext): TsFile {
  const { model, runtime } = context;
  const { sObject, notification, notifications } = model.typeNames;
  const file = messageFile(context, "types.ts");
  const NonEmptyArray = file.import("NonEmptyArray", `${runtime}/types.js`, { type: true });
  const SalesforceId = file.import("SalesforceId", `${runtime}/types.js`, { type: true });
  const SObjectBase = file.import("SObjectBase", `${runtime}/types.js`, { type: true });
  file.reexport(`${runtime}/types.js`, {
    types: ["MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"],
  });

  file.interface({
    name: sObject,
    exported: true,
    extends: [`${SObjectBase}`],
    docs:
      `The ${model.objectName} fields this outbound message sends (WSDL complexType \`${model.objectName}\`).\n\n` +
      "Every field is optional: Salesforce leaves out fields whose value is null, and an element sent " +
      'with `xsi:nil="true"` is `null`. `Id` is always present.',
    properties: model.fields.map((field) => ({
      name: field.name,
      type: `${typeIn(file, runtime, field.value.tsType)} | null`,
      optional: true,
      docs: fieldDocs(field),
    })),
  });

  file.interface({
    name: notification,
    exported: true,
    docs: `One notification of ${model.objectName} (WSDL complexType \`${model.notificationTypeName}\`).`,
    properties: [
      {
        name: "Id",
        type: `${SalesforceId}`,
        docs: "The notification id (`04l…`): the same on every redelivery, so it is the deduplication key.",
      },
      { name: "sObject", type: sObject, docs: "The record with the latest values of the selected fields." },
    ],
  });

  file.interface({
    name: notifications,
    exported: true,
    docs: `The \`notifications\` request: one delivery of 1 to 100 ${model.objectName} notifications.`,
    properties: [
      {
        name: "OrganizationId",
        type: `${SalesforceId}`,
        docs: "The sending org (`00D…`); check it before trusting the message.",
      },
      { name: "ActionId", type: `${SalesforceId}`, docs: "The outbound message definition (`04k…`)." },
      {
        name: "SessionId",
        type: "string | null",
        docs: 'A session of the "user to send as" when the outbound message sends one; `null` otherwise.',
      },
      { name: "EnterpriseUrl", type: "string", docs: "Enterprise API endpoint of the org, for calling back." },
      { name: "PartnerUrl", type: "string", docs: "Partner API endpoint of the org, for calling back." },
      {
        name: "Notification",
        type: `${NonEmptyArray}<${notification}>`,
        docs: "Always an array, with 1 to 100 notifications.",
      },
    ],
  });

  return file;
}
