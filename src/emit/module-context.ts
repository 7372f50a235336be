import type { OutboundMessageModel } from "../model/model.js";
import { generatedHeader } from "./header.js";
import { TsFile } from "./ts-file.js";

/** What every per-message emitter gets: the model, where its files go and where the runtime is. */
export interface ModuleContext {
  readonly model: OutboundMessageModel;
  /** Directory of this message's modules inside the package, e.g. `src` or `src/Account`. */
  readonly dir: string;
  /** Import prefix of the runtime from this message's modules, e.g. `./runtime` or `../runtime`. */
  readonly runtime: string;
}

/** A new module of this message, `name` relative to its directory (`types.ts`). */
export function messageFile(context: ModuleContext, name: string): TsFile {
  return new TsFile(`${context.dir}/${name}`, generatedHeader(context.model.sourceFile));
}
