import type { OutboundMessageModel } from "../model/model.js";
import { emitHandler } from "./emit-handler.js";
import { emitModuleIndex } from "./emit-index.js";
import { defaultPackageName, emitManifest } from "./emit-manifest.js";
import { emitParser } from "./emit-parser.js";
import { emitResponse } from "./emit-response.js";
import { emitRuntime } from "./emit-runtime.js";
import { emitTypes } from "./emit-types.js";
import { emitWsdl } from "./emit-wsdl.js";
import type { GeneratedFile } from "./generated-file.js";
import type { ModuleContext } from "./module-context.js";
import { compare, ModuleFactory } from "./ts-module.js";

/** The modules of one outbound message. */
async function emitMessage(context: ModuleContext, withRuntimeExports: boolean): Promise<GeneratedFile[]> {
  return Promise.all([
    emitTypes(context),
    emitParser(context),
    emitResponse(context),
    emitHandler(context),
    emitWsdl(context),
    emitModuleIndex(context, withRuntimeExports),
  ]);
}

export interface PackageOptions {
  /** npm package name; derived from the object name when absent. */
  readonly packageName?: string | undefined;
  readonly packageVersion?: string | undefined;
}

/** All files of the generated package, sorted by path. */
export async function emitPackage(
  models: readonly OutboundMessageModel[],
  options: PackageOptions = {},
): Promise<GeneratedFile[]> {
  const factory = new ModuleFactory();
  const [model] = models;
  if (model === undefined || models.length !== 1) throw new Error("emitPackage: exactly one outbound message is supported so far");
  const files = [
    emitManifest({ name: options.packageName ?? defaultPackageName(models), version: options.packageVersion ?? "0.0.0" }),
    ...(await emitMessage({ model, factory, dir: "src", runtime: "./runtime" }, true)),
    ...emitRuntime("src/runtime"),
  ];
  return files.sort((a, b) => compare(a.path, b.path));
}
