import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { printModule, reexport, type TsModule } from "./ts-module.js";

/** The runtime's public names, exported once per package. */
export function reexportRuntime(module: TsModule, runtime: string): void {
  reexport(module, `${runtime}/errors.js`, ["OutboundMessageError"], ["MessageLocation", "OutboundMessageErrorCode"]);
  reexport(module, `${runtime}/dedupe.js`, ["MemoryDedupeStore"], ["ClaimResult", "DedupeStore", "DedupeTimingOptions", "MemoryDedupeOptions"]);
  reexport(module, `${runtime}/redis-dedupe.js`, ["createRedisDedupeStore"], ["IoRedisLike", "NodeRedisLike", "RedisClientLike", "RedisDedupeOptions", "RedisDedupeStore"]);
  reexport(module, `${runtime}/postgres-dedupe.js`, ["createPostgresDedupeStore"], ["PostgresDedupeOptions", "PostgresDedupeStore"]);
  reexport(module, `${runtime}/postgres-inbox.js`, [], ["DeadLetter", "InboxStats", "PostgresInbox", "PostgresInboxOptions"]);
  reexport(module, `${runtime}/inbox-worker.js`, [], ["InboxContext", "InboxItemHandler", "InboxWorker", "WorkOptions"]);
  reexport(module, `${runtime}/inbox.js`, [], ["NotificationInbox"]);
  reexport(module, `${runtime}/notification-json.js`, [], ["NotificationFields"]);
  reexport(module, `${runtime}/sql-client.js`, [], ["PostgresJsLike", "SqlClient", "SqlQueryable"]);
  reexport(module, `${runtime}/handler-options.js`, ["DeliveryError"], ["DeliveryContext", "DeliveryErrorCode", "HandlerOptions"]);
  reexport(module, `${runtime}/handler-core.js`, [], ["OutboundHandler", "OutboundRequest", "OutboundResponse"]);
  reexport(module, `${runtime}/node-adapter.js`, [], ["NodeHandler", "NodeRequestLike", "NodeResponseLike"]);
  reexport(module, `${runtime}/fetch-adapter.js`, [], ["FetchHandler"]);
}

/** `index.ts` of one outbound message: its types, parser, responses, handlers and WSDL. */
export async function emitModuleIndex(context: ModuleContext, withRuntime: boolean): Promise<GeneratedFile> {
  const { model } = context;
  const { sObject, notification, notifications } = model.typeNames;
  const module = context.factory.create(`${context.dir}/index.ts`);
  reexport(module, "./types.js", [], [sObject, notification, notifications, "MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"]);
  reexport(module, "./parser.js", ["parseNotifications", "sObjectDecoder"]);
  reexport(module, "./response.js", ["ACK_FALSE", "ACK_TRUE", "ackResponse", "faultResponse"], ["FaultCode"]);
  reexport(module, "./handler.js", ["createFetchHandler", "createHandler", "createNodeHandler"], [`${sObject}HandlerOptions`]);
  reexport(module, "./wsdl.js", ["WSDL", "WSDL_FILE"]);
  reexport(module, "./inbox.js", ["NOTIFICATION_FIELDS", "createPostgresInbox", "reviveNotification", "serializeNotification"]);
  if (withRuntime) reexportRuntime(module, context.runtime);
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
