import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";

/** `response.ts`: the Ack and Fault builders. The same for every object, so it re-exports the runtime's. */
export function emitResponse(context: ModuleContext): TsFile {
  const file = messageFile(context, "response.ts");
  file.reexport(`${context.runtime}/soap.js`, {
    values: ["ACK_FALSE", "ACK_TRUE", "ackResponse", "escapeXml", "faultResponse"],
    types: ["FaultCode"],
  });
  return file;
}
