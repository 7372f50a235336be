import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

// ts-morph for the emitters, loaded with require() rather than `import … from "ts-morph"`: for an
// ES module importing a CommonJS package, Node first scans the package's source for its export
// names (cjs-module-lexer), and for ts-morph that scan costs about 150 ms of CPU on every
// generation, a third of loading it. Import ts-morph's values from here, its types from "ts-morph".
const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const VariableDeclarationKind = tsMorph.VariableDeclarationKind;
export type VariableDeclarationKind = TsMorph.VariableDeclarationKind;
export const StructureKind = tsMorph.StructureKind;
export const printStructure = tsMorph.printStructure;
export type StructureKind = TsMorph.StructureKind;
/** The TypeScript compiler ts-morph bundles (its types: `import type { ts } from "ts-morph"`). */
export const typescript = tsMorph.ts;
export type { SourceFile } from "ts-morph";
