import type { OutboundMessageModel } from "../model/model.js";
import { reexportRuntime } from "./emit-index.js";
import { sourcesOf } from "./emit-router.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import { printModule, reexport, type ModuleFactory } from "./ts-module.js";

/** `src/index.ts` of a package of several outbound messages: one namespace per message, the router, the runtime. */
export async function emitPackageIndex(models: readonly OutboundMessageModel[], factory: ModuleFactory): Promise<GeneratedFile> {
  const module = factory.create("src/index.ts");
  for (const model of models) {
    const name = model.typeNames.sObject;
    module.file.addExportDeclaration({ namespaceExport: name, moduleSpecifier: `./${name}/index.js` });
  }
  reexport(module, "./router.js", ["createRouter", "createRouterFetchHandler", "createRouterLambdaHandler", "createRouterNodeHandler"], ["Messages", "PackageRouterOptions"]);
  reexport(module, "./runtime/types.js", [], ["MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"]);
  reexport(module, "./runtime/soap.js", ["ACK_FALSE", "ACK_TRUE", "ackResponse", "faultResponse"], ["FaultCode"]);
  reexportRuntime(module, "./runtime");
  return { path: module.path, content: await printModule(module, generatedHeader(sourcesOf(models))) };
}
