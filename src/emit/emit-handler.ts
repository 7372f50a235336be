import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { importTypes, importValues, printModule } from "./ts-module.js";

/** `handler.ts`: the runtime's endpoint core and adapters, bound to this message's parser and WSDL. */
export async function emitHandler(context: ModuleContext): Promise<GeneratedFile> {
  const { model, runtime } = context;
  const { notifications, sObject } = model.typeNames;
  const optionsType = `${sObject}HandlerOptions`;
  const module = context.factory.create(`${context.dir}/handler.ts`);
  const file = module.file;
  importValues(module, `${runtime}/fetch-adapter.js`, ["toFetchHandler"]);
  importTypes(module, `${runtime}/fetch-adapter.js`, ["FetchHandler"]);
  importValues(module, `${runtime}/handler-core.js`, ["createOutboundHandler"]);
  importTypes(module, `${runtime}/handler-core.js`, ["OutboundHandler"]);
  importTypes(module, `${runtime}/handler-options.js`, ["HandlerOptions"]);
  importValues(module, `${runtime}/lambda-adapter.js`, ["toLambdaHandler"]);
  importTypes(module, `${runtime}/lambda-events.js`, ["LambdaHandler"]);
  importValues(module, `${runtime}/node-adapter.js`, ["toNodeHandler"]);
  importTypes(module, `${runtime}/node-adapter.js`, ["NodeHandler"]);
  importValues(module, "./parser.js", ["parseNotifications"]);
  importTypes(module, "./types.js", [notifications]);
  importValues(module, "./wsdl.js", ["WSDL"]);

  file.addTypeAlias({
    name: optionsType,
    isExported: true,
    type: `HandlerOptions<${notifications}>`,
    docs: [`Options of the ${model.objectName} endpoint: who may deliver, what runs per delivery, limits.`],
  });
  file.addFunction({
    name: "createHandler",
    isExported: true,
    parameters: [{ name: "options", type: optionsType }],
    returnType: "OutboundHandler",
    docs: ["The framework-neutral endpoint: `handle({ method, url, headers, body })` → `{ status, headers, body }`."],
    statements: ["return createOutboundHandler(options, { parse: parseNotifications, wsdl: WSDL });"],
  });
  file.addFunction({
    name: "createNodeHandler",
    isExported: true,
    parameters: [{ name: "options", type: optionsType }],
    returnType: "NodeHandler",
    docs: [
      "A node:http request listener (also an Express/Connect route when no body parser ran first).\n" +
        "Acknowledges only after the user code resolved; every other outcome is a SOAP Fault.",
    ],
    statements: ["return toNodeHandler(createHandler(options));"],
  });
  file.addFunction({
    name: "createFetchHandler",
    isExported: true,
    parameters: [{ name: "options", type: optionsType }],
    returnType: "FetchHandler",
    docs: ["A Fetch API handler `(request: Request) => Promise<Response>` (Hono, Next.js, Bun, Deno, Workers)."],
    statements: ["return toFetchHandler(createHandler(options));"],
  });
  file.addFunction({
    name: "createLambdaHandler",
    isExported: true,
    parameters: [{ name: "options", type: optionsType }],
    returnType: "LambdaHandler",
    docs: ["An AWS Lambda handler `(event, context) => Promise<result>` for API Gateway (REST, HTTP API), Function URLs and ALBs."],
    statements: ["return toLambdaHandler(createHandler(options));"],
  });
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
