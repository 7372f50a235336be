import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { exportConst, printModule, stringLiteral } from "./ts-module.js";

/** `wsdl.ts`: the WSDL text the package was generated from, served on `GET …?wsdl`. */
export async function emitWsdl(context: ModuleContext): Promise<GeneratedFile> {
  const { model } = context;
  const module = context.factory.create(`${context.dir}/wsdl.ts`);
  exportConst(module, "WSDL_FILE", "string", stringLiteral(model.sourceFile), "File name of the source WSDL.");
  exportConst(module, "WSDL", "string", stringLiteral(model.sourceText), "The source WSDL, verbatim.");
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}
