import { distFiles } from "./compile.js";
import type { GeneratedFile } from "./generated-file.js";
import { RUNTIME_TEMPLATES } from "./runtime-templates.generated.js";

/** The runtime templates under `src/runtime`, with the compiled forms the build script embedded. */
export function emitRuntime(): GeneratedFile[] {
  return RUNTIME_TEMPLATES.flatMap(({ name, source, esm, cjs, dts }) => {
    const path = `src/runtime/${name}`;
    return [{ path, content: source }, ...distFiles(path, { esm, cjs, dts })];
  });
}
