import type { ModuleContext } from "./module-context.js";
import { messageFile } from "./module-context.js";
import type { TsFile } from "./ts-file.js";
import { stringLiteral } from "./ts-syntax.js";

/** `wsdl.ts`: the WSDL text the package was generated from, served on `GET …?wsdl`. */
export function emitWsdl(context: ModuleContext): TsFile {
  const { model } = context;
  const file = messageFile(context, "wsdl.ts");
  file.const({
    name: "WSDL_FILE",
    exported: true,
    type: "string",
    value: stringLiteral(model.sourceFile),
    docs: "File name of the source WSDL.",
  });
  file.const({
    name: "WSDL",
    exported: true,
    type: "string",
    value: stringLiteral(model.sourceText),
    docs: "The source WSDL, verbatim.",
  });
  return file;
}
