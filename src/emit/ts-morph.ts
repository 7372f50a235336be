import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { requireCached } from "./code-cache.js";

// ts-morph for the emitters, loaded with require() rather than `import … from "ts-morph"`: for an
// ES module importing a CommonJS package, Node first scans the package's source for its export
// names (cjs-module-lexer), and for ts-morph that scan costs about 150 ms of CPU on every
// generation, a third of loading it. The CLI's code cache (code-cache.ts) covers the TypeScript
// bundle of @ts-morph/common and ts-morph itself, loaded first so that their require()s find them;
// not @ts-morph/common's own bundle: most of it is the text of TypeScript's lib files, built when
// it loads, and it loaded slower from a cache than from source (45 against 38 ms). Import
// ts-morph's values from here, its types from "ts-morph".
const tsMorphFile = createRequire(import.meta.url).resolve("ts-morph");
const commonFile = createRequire(tsMorphFile).resolve("@ts-morph/common");
const typescriptFile = createRequire(commonFile).resolve("./typescript");
const tsMorph = requireCached([typescriptFile, tsMorphFile])[1] as typeof TsMorph;

export const VariableDeclarationKind = tsMorph.VariableDeclarationKind;
export type VariableDeclarationKind = TsMorph.VariableDeclarationKind;
export const StructureKind = tsMorph.StructureKind;
export type StructureKind = TsMorph.StructureKind;
export const printStructure = tsMorph.printStructure;
/** The TypeScript compiler ts-morph bundles (its types: `import type { ts } from "ts-morph"`). */
export const typescript = tsMorph.ts;
