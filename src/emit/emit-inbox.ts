import { VariableDeclarationKind } from "ts-morph";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { importTypes, importValues, printModule, stringLiteral } from "./ts-module.js";

/**
 * `inbox.ts`: the notification as JSON text and back (`serializeNotification`,
 * `reviveNotification`), keyed by the kinds of this message's fields, and the Postgres inbox
 * bound to them.
 */
export async function emitInbox(context: ModuleContext): Promise<GeneratedFile> {
  const { model, runtime } = context;
  const { notification, notifications } = model.typeNames;
  const module = context.factory.create(`${context.dir}/inbox.ts`);
  const file = module.file;
  importValues(module, `${runtime}/notification-json.js`, ["notificationCodec"]);
  importTypes(module, `${runtime}/notification-json.js`, ["NotificationFields"]);
  importValues(module, `${runtime}/postgres-inbox.js`, ["createPostgresInboxWith"]);
  importTypes(module, `${runtime}/postgres-inbox.js`, ["PostgresInbox", "PostgresInboxOptions"]);
  importTypes(module, `${runtime}/sql-client.js`, ["SqlClient"]);
  importTypes(module, "./types.js", [notification, notifications]);

  const named = (tsType: string): string =>
    `[${model.fields.filter((field) => field.tsType === tsType).map((field) => stringLiteral(field.name)).join(", ")}]`;
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: "NOTIFICATION_FIELDS",
        type: "NotificationFields",
        initializer: `{ name: ${stringLiteral(notification)}, dates: ${named("Date")}, numbers: ${named("number")} }`,
      },
    ],
    docs: [`The ${model.objectName} fields that JSON does not keep as they are: revived as \`Date\` and as \`number\`.`],
  });
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "CODEC", initializer: `notificationCodec<${notification}>(NOTIFICATION_FIELDS)` }],
  });
  file.addFunction({
    name: "serializeNotification",
    isExported: true,
    parameters: [{ name: "notification", type: notification }],
    returnType: "string",
    docs: ["The notification as JSON text (Dates as ISO 8601; NaN, ±Infinity and -0 as strings), for a queue or a column."],
    statements: ["return CODEC.serialize(notification);"],
  });
  file.addFunction({
    name: "reviveNotification",
    isExported: true,
    parameters: [{ name: "text", type: "string" }],
    returnType: notification,
    docs: ["The notification `serializeNotification` wrote: deep-equal to the parsed one (Dates, `null` vs absent, `unknownFields`)."],
    statements: ["return CODEC.revive(text);"],
  });
  file.addFunction({
    name: "createPostgresInbox",
    isExported: true,
    parameters: [
      { name: "db", type: "SqlClient" },
      { name: "options", type: "PostgresInboxOptions", initializer: "{}" },
    ],
    returnType: `PostgresInbox<${notifications}>`,
    docs: [
      `A durable inbox for ${model.objectName} notifications: pass it as the handler's \`inbox\` option (Ack once recorded),\n` +
        "process with `inbox.work(onNotification)`. `db` is a node-postgres Pool or Client, PGlite, or postgres.js `sql`.",
    ],
    statements: [`return createPostgresInboxWith<${notifications}>(db, options, CODEC);`],
  });
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
