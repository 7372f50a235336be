import { recordsWithoutPrototype } from "../model/names.js";
import { messageFile, type ModuleContext } from "./module-context.js";
import type { TsFile } from "./ts-file.js";
import { stringLiteral } from "./ts-syntax.js";

/**
 * `inbox.ts`: the notification as JSON text and back (`serializeNotification`,
 * `reviveNotification`), keyed by the kinds of this message's fields, and the Postgres inbox
 * bound to them.
 */
export function emitInbox(context: ModuleContext): TsFile {
  const { model, runtime } = context;
  const file = messageFile(context, "inbox.ts");
  const notificationCodec = file.import("notificationCodec", `${runtime}/notification-json.js`);
  const NotificationCodec = file.import("NotificationCodec", `${runtime}/notification-json.js`, { type: true });
  const NotificationFields = file.import("NotificationFields", `${runtime}/notification-json.js`, { type: true });
  const createPostgresInboxWith = file.import("createPostgresInboxWith", `${runtime}/postgres-inbox.js`);
  const PostgresInbox = file.import("PostgresInbox", `${runtime}/postgres-inbox.js`, { type: true });
  const PostgresInboxOptions = file.import("PostgresInboxOptions", `${runtime}/postgres-inbox.js`, { type: true });
  const SqlClient = file.import("SqlClient", `${runtime}/sql-client.js`, { type: true });
  const notification = file.import(model.typeNames.notification, "./types.js", { type: true });
  const notifications = file.import(model.typeNames.notifications, "./types.js", { type: true });

  // JSON keeps strings, booleans and null as they are; only these TypeScript types need reviving.
  const named = (tsType: "Date" | "number"): string =>
    `[${model.fields
      .filter((field) => field.value.tsType.name === tsType)
      .map((field) => stringLiteral(field.name))
      .join(", ")}]`;
  file.const({
    name: "NOTIFICATION_FIELDS",
    exported: true,
    type: `${NotificationFields}`,
    value: `{ name: ${stringLiteral(model.typeNames.notification)}, dates: ${named("Date")}, numbers: ${named("number")}${
      recordsWithoutPrototype(model.fields) ? ", withoutPrototype: true" : ""
    } }`,
    docs: `The ${model.objectName} fields that JSON does not keep as they are: revived as \`Date\` and as \`number\`.`,
  });
  file.const({
    name: "CODEC",
    type: `${NotificationCodec}<${notification}>`,
    value: `${notificationCodec}<${notification}>(NOTIFICATION_FIELDS)`,
  });
  file.function({
    name: "serializeNotification",
    exported: true,
    parameters: [{ name: "notification", type: `${notification}` }],
    returns: "string",
    docs: "The notification as JSON text (Dates as ISO 8601; NaN, ±Infinity and -0 as strings), for a queue or a column.",
    body: "return CODEC.serialize(notification);",
  });
  file.function({
    name: "reviveNotification",
    exported: true,
    parameters: [{ name: "text", type: "string" }],
    returns: `${notification}`,
    docs: "The notification `serializeNotification` wrote: deep-equal to the parsed one (Dates, `null` vs absent, `unknownFields`).",
    body: "return CODEC.revive(text);",
  });
  file.function({
    name: "createPostgresInbox",
    exported: true,
    parameters: [
      { name: "db", type: `${SqlClient}` },
      { name: "options", type: `${PostgresInboxOptions}`, initializer: "{}" },
    ],
    returns: `${PostgresInbox}<${notifications}>`,
    docs:
      `A durable inbox for ${model.objectName} notifications: pass it as the handler's \`inbox\` option (Ack once recorded),\n` +
      "process with `inbox.work(onNotification)`. `db` is a node-postgres Pool or Client, PGlite, or postgres.js `sql`.",
    body: `return ${createPostgresInboxWith}<${notifications}>(db, options, CODEC);`,
  });
  return file;
}
