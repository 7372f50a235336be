import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../src/index.js";

// Setup (never timed): the package `wsdl-to-ts` generates for a WSDL, written to a temp dir. The
// bench measures the compiled JS the package ships (dist/esm), which a user would run, not tsx.

export interface GeneratedPackage {
  /** The package directory (package.json, src/, dist/, …). */
  readonly dir: string;
  /** The JavaScript entry point to import. */
  readonly entry: string;
}

/** Generates the package for `wsdlPath` into `dir` and returns its JS entry point. */
export async function buildGeneratedPackage(wsdlPath: string, dir: string): Promise<GeneratedPackage> {
  const { files } = await generate({ inputs: [{ name: wsdlPath, text: readFileSync(wsdlPath, "utf8") }] });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  const entry = "dist/esm/index.js";
  if (!files.some((file) => file.path === entry)) throw new Error(`the generated package has no ${entry}`);
  return { dir, entry: join(dir, entry) };
}
