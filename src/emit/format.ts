import { createRequire } from "node:module";
import type * as Babel from "prettier/plugins/babel";
import type * as Estree from "prettier/plugins/estree";
import type * as Standalone from "prettier/standalone";
import { requireCached } from "./code-cache.js";

// Prettier's CommonJS builds, the same code as its ES modules, loaded with require() so that the
// CLI's code cache (code-cache.ts) covers them too.
const require = createRequire(import.meta.url);
const [prettier, estree, babel] = requireCached([
  require.resolve("prettier/standalone"),
  require.resolve("prettier/plugins/estree"),
  require.resolve("prettier/plugins/babel"),
]) as [typeof Standalone, typeof Estree, typeof Babel];

/**
 * The one formatting configuration of generated code, pinned here rather than read from the
 * user's .prettierrc, so output is the same on every machine. `.prettierrc.json` at the repo
 * root holds the same values, so that prettier run on this repo (the runtime templates are copied
 * into packages as they are) formats as the generator does; test/emit/prettier-config.test.ts
 * keeps the two in step.
 */
export const PRETTIER_OPTIONS = { printWidth: 120, trailingComma: "all" } as const;

/**
 * Formats TypeScript source with the pinned configuration. Formatter errors propagate.
 *
 * Parsed by Babel's TypeScript parser ("babel-ts") rather than prettier's "typescript" one: both
 * print generated code identically (test/emit/format.test.ts holds them to it over the goldens),
 * and Babel's takes about half the time, the largest part of a generation after loading.
 */
export function formatTypeScript(source: string): Promise<string> {
  return prettier.format(source, { ...PRETTIER_OPTIONS, parser: "babel-ts", plugins: [estree, babel] });
}
