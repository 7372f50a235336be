// The resolve hook of record-imports.mjs (module hooks run on their own thread).
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, `import ${resolved.url}\n`);
  return resolved;
}
