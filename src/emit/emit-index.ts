import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { printModule, reexport, type TsModule } from "./ts-module.js";

/** The runtime's public names, exported once per package. */
export function reexportRuntime(module: TsModule, runtime: string): void {
  reexport(module, `${runtime}/errors.js`, ["OutboundMessageError"], ["MessageLocation", "OutboundMessageErrorCode"]);
  reexport(module, `${runtime}/dedupe.js`, ["MemoryDedupeStore"], ["ClaimResult", "DedupeStore", "MemoryDedupeOptions"]);
  reexport(module, `${runtime}/handler-options.js`, ["DeliveryError"], ["DeliveryContext", "DeliveryErrorCode", "HandlerOptions"]);
  reexport(module, `${runtime}/handler-core.js`, [], ["BodyReading", "OutboundHandler", "OutboundRequest", "OutboundResponse"]);
  reexport(module, `${runtime}/delivery-event.js`, [], ["DeliveryDurations", "DeliveryEvent", "DeliveryOutcomeKind", "NotificationCounts"]);
  reexport(module, `${runtime}/delivery-log.js`, [], ["Logger"]);
  reexport(module, `${runtime}/node-adapter.js`, [], ["NodeHandler", "NodeRequestLike", "NodeResponseLike"]);
  reexport(module, `${runtime}/node-server.js`, ["createNodeServer"], ["NodeHttpLike", "NodeServerLike", "NodeServerOptions"]);
  reexport(module, `${runtime}/fetch-adapter.js`, [], ["FetchHandler"]);
  reexport(module, `${runtime}/lambda-events.js`, [], [
    "AlbEvent",
    "ApiGatewayRestEvent",
    "HttpApiEvent",
    "LambdaContext",
    "LambdaHandler",
    "LambdaHttpEvent",
    "LambdaHttpResult",
  ]);
}

/** `index.ts` of one outbound message: its types, parser, responses, handlers and WSDL. */
export async function emitModuleIndex(context: ModuleContext, withRuntime: boolean): Promise<GeneratedFile> {
  const { model } = context;
  const { sObject, notification, notifications } = model.typeNames;
  const module = context.factory.create(`${context.dir}/index.ts`);
  reexport(module, "./types.js", [], [sObject, notification, notifications, "MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"]);
  reexport(module, "./parser.js", ["parseNotifications", "sObjectDecoder"]);
  reexport(module, "./response.js", ["ACK_FALSE", "ACK_TRUE", "ackResponse", "faultResponse"], ["FaultCode"]);
  reexport(module, "./handler.js", ["createFetchHandler", "createHandler", "createLambdaHandler", "createNodeHandler"], [`${sObject}HandlerOptions`]);
  reexport(module, "./wsdl.js", ["WSDL", "WSDL_FILE"]);
  if (withRuntime) reexportRuntime(module, context.runtime);
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
