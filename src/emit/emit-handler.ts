import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";

/** `handler.ts`: the runtime's endpoint core and adapters, bound to this message's parser and WSDL. */
export function emitHandler(context: ModuleContext): TsFile {
  const { model, runtime } = context;
  const { handlerOptions } = model.typeNames;
  const file = messageFile(context, "handler.ts");
  const toFetchHandler = file.import("toFetchHandler", `${runtime}/fetch-adapter.js`);
  const FetchHandler = file.import("FetchHandler", `${runtime}/fetch-adapter.js`, { type: true });
  const createOutboundHandler = file.import("createOutboundHandler", `${runtime}/handler-core.js`);
  const OutboundHandler = file.import("OutboundHandler", `${runtime}/handler-core.js`, { type: true });
  const HandlerOptions = file.import("HandlerOptions", `${runtime}/handler-options.js`, { type: true });
  const toNodeHandler = file.import("toNodeHandler", `${runtime}/node-adapter.js`);
  const toLambdaHandler = file.import("toLambdaHandler", `${runtime}/lambda-adapter.js`);
  const LambdaHandler = file.import("LambdaHandler", `${runtime}/lambda-events.js`, { type: true });
  const NodeHandler = file.import("NodeHandler", `${runtime}/node-adapter.js`, { type: true });
  const parseNotifications = file.import("parseNotifications", "./parser.js");
  const notifications = file.import(model.typeNames.notifications, "./types.js", { type: true });
  const WSDL = file.import("WSDL", "./wsdl.js");
  const parameters = [{ name: "options", type: handlerOptions }];

  file.typeAlias({
    name: handlerOptions,
    exported: true,
    type: `${HandlerOptions}<${notifications}>`,
    docs: `Options of the ${model.objectName} endpoint: who may deliver, what runs per delivery, limits.`,
  });
  file.function({
    name: "createHandler",
    exported: true,
    parameters,
    returns: `${OutboundHandler}`,
    docs: "The framework-neutral endpoint: `handle({ method, url, headers, body })` → `{ status, headers, body }`.",
    body: `return ${createOutboundHandler}(options, { parse: ${parseNotifications}, wsdl: ${WSDL} });`,
  });
  file.function({
    name: "createNodeHandler",
    exported: true,
    parameters,
    returns: `${NodeHandler}`,
    docs:
      "A node:http request listener (also an Express/Connect route when no body parser ran first).\n" +
      "Acknowledges only after the user code resolved; every other outcome is a SOAP Fault.",
    body: `return ${toNodeHandler}(createHandler(options));`,
  });
  file.function({
    name: "createFetchHandler",
    exported: true,
    parameters,
    returns: `${FetchHandler}`,
    docs: "A Fetch API handler `(request: Request) => Promise<Response>` (Hono, Next.js, Bun, Deno, Workers).",
    body: `return ${toFetchHandler}(createHandler(options));`,
  });
  file.function({
    name: "createLambdaHandler",
    exported: true,
    parameters,
    returns: `${LambdaHandler}`,
    docs: "An AWS Lambda handler `(event, context) => Promise<result>` for API Gateway (REST, HTTP API), Function URLs and ALBs.",
    body: `return ${toLambdaHandler}(createHandler(options));`,
  });
  return file;
}
