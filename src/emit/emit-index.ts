import { adapterFunctions } from "./adapters.js";
import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";

/** The runtime's public names, exported once per package. */
export function reexportRuntime(file: TsFile, runtime: string): void {
  file.reexport(`${runtime}/errors.js`, {
    values: ["OutboundMessageError"],
    types: ["MessageLocation", "OutboundMessageErrorCode"],
  });
  file.reexport(`${runtime}/dedupe.js`, {
    values: ["MemoryDedupeStore"],
    types: ["ClaimResult", "DedupeStore", "DedupeTimingOptions", "MemoryDedupeOptions"],
  });
  file.reexport(`${runtime}/redis-dedupe.js`, {
    values: ["createRedisDedupeStore"],
    types: ["IoRedisLike", "NodeRedisLike", "RedisClientLike", "RedisDedupeOptions", "RedisDedupeStore"],
  });
  file.reexport(`${runtime}/postgres-dedupe.js`, {
    values: ["createPostgresDedupeStore"],
    types: ["PostgresDedupeOptions", "PostgresDedupeStore"],
  });
  file.reexport(`${runtime}/postgres-inbox.js`, {
    types: ["DeadLetter", "InboxStats", "PostgresInbox", "PostgresInboxOptions"],
  });
  file.reexport(`${runtime}/inbox-worker.js`, { types: ["InboxContext", "InboxItemHandler", "InboxWorker", "WorkOptions"] });
  file.reexport(`${runtime}/inbox.js`, { types: ["NotificationInbox"] });
  file.reexport(`${runtime}/notification-json.js`, { types: ["NotificationFields"] });
  file.reexport(`${runtime}/sql-client.js`, { types: ["PostgresJsLike", "SqlClient", "SqlQueryable"] });
  file.reexport(`${runtime}/handler-options.js`, {
    values: ["DeliveryError"],
    types: ["DeliveryContext", "DeliveryErrorCode", "HandlerOptions"],
  });
  file.reexport(`${runtime}/handler-core.js`, {
    types: ["BodyReading", "OutboundHandler", "OutboundRequest", "OutboundResponse"],
  });
  file.reexport(`${runtime}/delivery-event.js`, {
    types: ["DeliveryDurations", "DeliveryEvent", "DeliveryOutcomeKind", "NotificationCounts"],
  });
  file.reexport(`${runtime}/delivery-log.js`, { types: ["Logger"] });
  file.reexport(`${runtime}/node-adapter.js`, { types: ["NodeHandler", "NodeRequestLike", "NodeResponseLike"] });
  file.reexport(`${runtime}/node-server.js`, {
    values: ["createNodeServer"],
    types: ["NodeHttpLike", "NodeServerLike", "NodeServerOptions"],
  });
  file.reexport(`${runtime}/fetch-adapter.js`, { types: ["FetchHandler"] });
  file.reexport(`${runtime}/lambda-events.js`, {
    types: [
      "AlbEvent",
      "ApiGatewayRestEvent",
      "HttpApiEvent",
      "LambdaContext",
      "LambdaHandler",
      "LambdaHttpEvent",
      "LambdaHttpResult",
    ],
  });
}

/** `index.ts` of one outbound message: its types, parser, responses, handlers and WSDL. */
export function emitModuleIndex(context: ModuleContext, withRuntime: boolean): TsFile {
  const { sObject, notification, notifications, handlerOptions } = context.model.typeNames;
  const file = messageFile(context, "index.ts");
  file.reexport("./types.js", {
    types: [
      sObject,
      notification,
      notifications,
      "MessageBody",
      "NotificationsResponse",
      "SalesforceId",
      "UnknownFields",
    ],
  });
  file.reexport("./parser.js", { values: ["parseNotifications", "sObjectDecoder"] });
  file.reexport("./response.js", {
    values: ["ACK_FALSE", "ACK_TRUE", "ackResponse", "faultResponse"],
    types: ["FaultCode"],
  });
  file.reexport("./handler.js", {
    values: ["createHandler", ...adapterFunctions("message")],
    types: [handlerOptions],
  });
  file.reexport("./wsdl.js", { values: ["WSDL", "WSDL_FILE"] });
  file.reexport("./inbox.js", {
    values: ["NOTIFICATION_FIELDS", "createPostgresInbox", "reviveNotification", "serializeNotification"],
  });
  if (withRuntime) reexportRuntime(file, context.runtime);
  return file;
}
