import { declareAdapters } from "./adapters.js";
import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";

/** `handler.ts`: the runtime's endpoint core and adapters, bound to this message's parser and WSDL. */
export function emitHandler(context: ModuleContext): TsFile {
  const { model, runtime } = context;
  const { handlerOptions } = model.typeNames;
  const file = messageFile(context, "handler.ts");
  const createOutboundHandler = file.import("createOutboundHandler", `${runtime}/handler-core.js`);
  const OutboundHandler = file.import("OutboundHandler", `${runtime}/handler-core.js`, { type: true });
  const HandlerOptions = file.import("HandlerOptions", `${runtime}/handler-options.js`, { type: true });
  const parseNotifications = file.import("parseNotifications", "./parser.js");
  const notifications = file.import(model.typeNames.notifications, "./types.js", { type: true });
  const WSDL = file.import("WSDL", "./wsdl.js");

  file.typeAlias({
    name: handlerOptions,
    exported: true,
    type: `${HandlerOptions}<${notifications}>`,
    docs: `Options of the ${model.objectName} endpoint: who may deliver, what runs per delivery, limits.`,
  });
  file.function({
    name: "createHandler",
    exported: true,
    parameters: [{ name: "options", type: handlerOptions }],
    returns: `${OutboundHandler}`,
    docs: "The framework-neutral endpoint: `handle({ method, url, headers, body })` → `{ status, headers, body }`.",
    body: `return ${createOutboundHandler}(options, { parse: ${parseNotifications}, wsdl: ${WSDL} });`,
  });
  declareAdapters(file, "message", runtime, "createHandler", handlerOptions);
  return file;
}
