import type { OutboundMessageModel } from "../model/model.js";
import { declareAdapters } from "./adapters.js";
import { generatedHeader, sourcesOf } from "./header.js";
import { TsFile } from "./ts-file.js";

/** `src/router.ts` of a package of several outbound messages: one endpoint that routes each delivery. */
export function emitRouter(models: readonly OutboundMessageModel[]): TsFile {
  const file = new TsFile("src/router.ts", generatedHeader(sourcesOf(models)));
  const OutboundHandler = file.import("OutboundHandler", "./runtime/handler-core.js", { type: true });
  const createRouterHandler = file.import("createRouterHandler", "./runtime/router.js");
  const Route = file.import("Route", "./runtime/router.js", { type: true });
  const RouterOptions = file.import("RouterOptions", "./runtime/router.js", { type: true });
  const messages = models.map((model) => ({
    model,
    module: file.importNamespace(model.typeNames.sObject, `./${model.typeNames.sObject}/index.js`),
  }));

  file.interface({
    name: "Messages",
    exported: true,
    docs: "The outbound messages of this package: the request type of each, by name.",
    properties: messages.map(({ model, module }) => ({
      name: model.typeNames.sObject,
      type: `${module}.${model.typeNames.notifications}`,
      docs: `${model.objectName} notifications, from \`${model.sourceFile}\`.`,
    })),
  });
  const routes = messages.map(
    ({ model, module }) => `${model.typeNames.sObject}: { decoder: ${module}.sObjectDecoder, wsdl: ${module}.WSDL }`,
  );
  file.const({
    name: "ROUTES",
    type: `{ readonly [K in keyof Messages]: ${Route} }`,
    value: `{ ${routes.join(", ")} }`,
    docs: "Decoder and WSDL of each outbound message.",
  });
  file.typeAlias({
    name: "PackageRouterOptions",
    exported: true,
    type: `${RouterOptions}<Messages>`,
    docs: "Options of the package's endpoint: the shared options plus `messages` (the code of each) and `actionIds`.",
  });
  file.function({
    name: "createRouter",
    exported: true,
    parameters: [{ name: "options", type: "PackageRouterOptions" }],
    returns: `${OutboundHandler}`,
    docs: "The framework-neutral endpoint for every outbound message of the package.",
    body: `return ${createRouterHandler}(options, ROUTES);`,
  });
  declareAdapters(file, "router", "./runtime", "createRouter", "PackageRouterOptions");
  return file;
}
