import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { printModule, reexport } from "./ts-module.js";

/** `response.ts`: the Ack and Fault builders. The same for every object, so it re-exports the runtime's. */
export async function emitResponse(context: ModuleContext): Promise<GeneratedFile> {
  const module = context.factory.create(`${context.dir}/response.ts`);
  reexport(module, `${context.runtime}/soap.js`, ["ACK_FALSE", "ACK_TRUE", "ackResponse", "escapeXml", "faultResponse"], ["FaultCode"]);
  return { path: module.path, content: await printModule(module, generatedHeader(context.model.sourceFile)) };
}
