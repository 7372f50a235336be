import type { OutboundMessageModel } from "../model/model.js";
import type { ModuleFactory } from "./ts-module.js";

/** What every per-message emitter gets: the model, where its files go and where the runtime is. */
export interface ModuleContext {
  readonly model: OutboundMessageModel;
  readonly factory: ModuleFactory;
  /** Directory of this message's modules inside the package, e.g. `src` or `src/Account`. */
  readonly dir: string;
  /** Import prefix of the runtime from this message's modules, e.g. `./runtime` or `../runtime`. */
  readonly runtime: string;
}
