import type { GeneratedFile } from "./generated-file.js";
import { RUNTIME_HEADER } from "./header.js";
import { RUNTIME_TEMPLATES } from "./runtime-templates.generated.js";

/** The runtime templates, copied verbatim under `dir` (the generated code imports them). */
export function emitRuntime(dir: string): GeneratedFile[] {
  return RUNTIME_TEMPLATES.map(({ name, source }) => ({ path: `${dir}/${name}`, content: `${RUNTIME_HEADER}\n${source}` }));
}
