import type { OutboundMessageModel } from "../model/model.js";
import { adapterFunctions } from "./adapters.js";
import { reexportRuntime } from "./emit-index.js";
import { generatedHeader, sourcesOf } from "./header.js";
import { TsFile } from "./ts-file.js";

/** `src/index.ts` of a package of several outbound messages: one namespace per message, the router, the runtime. */
export function emitPackageIndex(models: readonly OutboundMessageModel[]): TsFile {
  const file = new TsFile("src/index.ts", generatedHeader(sourcesOf(models)));
  for (const model of models) file.exportNamespace(model.typeNames.sObject, `./${model.typeNames.sObject}/index.js`);
  file.reexport("./router.js", {
    values: ["createRouter", ...adapterFunctions("router")],
    types: ["Messages", "PackageRouterOptions"],
  });
  file.reexport("./runtime/types.js", {
    types: ["MessageBody", "NotificationsResponse", "SalesforceId", "UnknownFields"],
  });
  file.reexport("./runtime/soap.js", {
    values: ["ACK_FALSE", "ACK_TRUE", "ackResponse", "faultResponse"],
    types: ["FaultCode"],
  });
  reexportRuntime(file, "./runtime");
  return file;
}
