import { createRequire } from "node:module";
import type { ts } from "ts-morph";
import { requireCached } from "./code-cache.js";

// The TypeScript compiler that ts-morph bundles (in @ts-morph/common), loaded on its own through
// the code cache: compile.ts needs only it, and so the compile worker (compile-worker.ts) loads
// it without ts-morph. ts-morph.ts loads it first, so that @ts-morph/common's require() finds it.
const tsMorphFile = createRequire(import.meta.url).resolve("ts-morph");
const commonFile = createRequire(tsMorphFile).resolve("@ts-morph/common");
const typescriptFile = createRequire(commonFile).resolve("./typescript");

/** The TypeScript compiler ts-morph bundles (its types: `import type { ts } from "ts-morph"`). */
export const typescript = requireCached([typescriptFile])[0] as typeof ts;
