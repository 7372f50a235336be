import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { generate } from "../src/index.js";
import { REPO_ROOT } from "./paths.js";

// Setup (never timed): the package `wsdl-to-ts` generates for a WSDL, written to a temp dir and
// made importable as JavaScript. The bench measures the compiled JS a user would run, not tsx.

export interface GeneratedPackage {
  /** The package directory (package.json, src/, …). */
  readonly dir: string;
  /** The JavaScript entry point to import. */
  readonly entry: string;
  /** How the JS was obtained, for the report. */
  readonly source: "dist/esm (shipped by the generator)" | "tsc (bench setup)";
  readonly compileMs: number;
}

const run = promisify(execFile);

/**
 * Generates the package for `wsdlPath` into `dir` and returns its JS entry point. The one place
 * that knows how the JS comes about: once the generator ships `dist/esm/*.js`, that is used as is;
 * until then the bench compiles `src/index.ts` with the repo's tsc.
 */
export async function buildGeneratedPackage(wsdlPath: string, dir: string): Promise<GeneratedPackage> {
  const { files } = await generate({ inputs: [{ name: wsdlPath, text: readFileSync(wsdlPath, "utf8") }] });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  const shipped = join(dir, "dist/esm/index.js");
  if (files.some((file) => file.path === "dist/esm/index.js")) {
    return { dir, entry: shipped, source: "dist/esm (shipped by the generator)", compileMs: 0 };
  }
  const tsc = join(REPO_ROOT, "node_modules/.bin/tsc");
  if (!existsSync(tsc)) throw new Error(`${tsc} is missing: run npm install`);
  const outDir = join(dir, "js");
  const started = performance.now();
  // The generated package.json says "type": "module", so nodenext emits ESM next to it.
  const args = [
    "--ignoreConfig",
    "--module",
    "nodenext",
    "--target",
    "es2022",
    "--outDir",
    outDir,
    join(dir, "src/index.ts"),
  ];
  await run(tsc, args, { cwd: dir }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`compiling the generated package failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  });
  const compileMs = performance.now() - started;
  const entry = join(outDir, "index.js");
  if (!existsSync(entry)) throw new Error(`tsc produced no ${entry}`);
  return { dir, entry, source: "tsc (bench setup)", compileMs };
}
