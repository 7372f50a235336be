import { VariableDeclarationKind } from "./ts-morph.js";
import type { OutboundMessageModel } from "../model/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import { importTypes, importValues, printModule, type ModuleFactory } from "./ts-module.js";

/** Which WSDLs a package-level module was generated from, for its header. */
export function sourcesOf(models: readonly OutboundMessageModel[]): string {
  return models.map((model) => model.sourceFile).join(", ");
}

/** `src/router.ts` of a package of several outbound messages: one endpoint that routes each delivery. */
export async function emitRouter(models: readonly OutboundMessageModel[], factory: ModuleFactory): Promise<GeneratedFile> {
  const module = factory.create("src/router.ts");
  const file = module.file;
  importValues(module, "./runtime/fetch-adapter.js", ["toFetchHandler"]);
  importTypes(module, "./runtime/fetch-adapter.js", ["FetchHandler"]);
  importTypes(module, "./runtime/handler-core.js", ["OutboundHandler"]);
  importValues(module, "./runtime/lambda-adapter.js", ["toLambdaHandler"]);
  importTypes(module, "./runtime/lambda-events.js", ["LambdaHandler"]);
  importValues(module, "./runtime/node-adapter.js", ["toNodeHandler"]);
  importTypes(module, "./runtime/node-adapter.js", ["NodeHandler"]);
  importValues(module, "./runtime/router.js", ["createRouterHandler"]);
  importTypes(module, "./runtime/router.js", ["Route", "RouterOptions"]);
  for (const model of models) {
    const name = model.typeNames.sObject;
    file.addImportDeclaration({ moduleSpecifier: `./${name}/index.js`, namespaceImport: name });
  }

  file.addInterface({
    name: "Messages",
    isExported: true,
    docs: ["The outbound messages of this package: the request type of each, by name."],
    properties: models.map((model) => ({
      name: model.typeNames.sObject,
      type: `${model.typeNames.sObject}.${model.typeNames.notifications}`,
      docs: [`${model.objectName} notifications, from \`${model.sourceFile}\`.`],
    })),
  });
  const routes = models.map((model) => {
    const name = model.typeNames.sObject;
    return `${name}: { decoder: ${name}.sObjectDecoder, wsdl: ${name}.WSDL }`;
  });
  module.file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "ROUTES", type: "{ readonly [K in keyof Messages]: Route }", initializer: `{ ${routes.join(", ")} }` }],
    docs: ["Decoder and WSDL of each outbound message."],
  });
  file.addTypeAlias({
    name: "PackageRouterOptions",
    isExported: true,
    type: "RouterOptions<Messages>",
    docs: ["Options of the package's endpoint: the shared options plus `messages` (the code of each) and `actionIds`."],
  });
  file.addFunction({
    name: "createRouter",
    isExported: true,
    parameters: [{ name: "options", type: "PackageRouterOptions" }],
    returnType: "OutboundHandler",
    docs: ["The framework-neutral endpoint for every outbound message of the package."],
    statements: ["return createRouterHandler(options, ROUTES);"],
  });
  file.addFunction({
    name: "createRouterNodeHandler",
    isExported: true,
    parameters: [{ name: "options", type: "PackageRouterOptions" }],
    returnType: "NodeHandler",
    docs: ["A node:http request listener for every outbound message of the package."],
    statements: ["return toNodeHandler(createRouter(options));"],
  });
  file.addFunction({
    name: "createRouterFetchHandler",
    isExported: true,
    parameters: [{ name: "options", type: "PackageRouterOptions" }],
    returnType: "FetchHandler",
    docs: ["A Fetch API handler for every outbound message of the package."],
    statements: ["return toFetchHandler(createRouter(options));"],
  });
  file.addFunction({
    name: "createRouterLambdaHandler",
    isExported: true,
    parameters: [{ name: "options", type: "PackageRouterOptions" }],
    returnType: "LambdaHandler",
    docs: ["An AWS Lambda handler for every outbound message of the package (API Gateway, Function URLs, ALBs)."],
    statements: ["return toLambdaHandler(createRouter(options));"],
  });
  return { path: module.path, content: await printModule(module, generatedHeader(sourcesOf(models))) };
}
