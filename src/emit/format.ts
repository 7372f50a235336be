import * as estree from "prettier/plugins/estree";
import * as typescript from "prettier/plugins/typescript";
import { format } from "prettier/standalone";

/**
 * The one formatting configuration of generated code, pinned here rather than read from the
 * user's .prettierrc, so output is the same on every machine. `.prettierrc.json` at the repo
 * root holds the same values, so that prettier run on this repo (the runtime templates are copied
 * into packages as they are) formats as the generator does; test/emit/prettier-config.test.ts
 * keeps the two in step.
 */
export const PRETTIER_OPTIONS = { printWidth: 120, trailingComma: "all" } as const;

/** Formats TypeScript source with the pinned configuration. Formatter errors propagate. */
export function formatTypeScript(source: string): Promise<string> {
  return format(source, { ...PRETTIER_OPTIONS, parser: "typescript", plugins: [estree, typescript] });
}
