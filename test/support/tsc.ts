import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./fixtures.js";

const TSC = join(ROOT, "node_modules", ".bin", "tsc");

/**
 * The strictest settings a consumer of a generated package may use, without @types/node (the
 * package has no dependencies) and with per-file declaration emit (isolatedDeclarations), the
 * declarations written to `declarations`.
 */
export function strictTscFlags(declarations: string): string[] {
  return [
    "--ignoreConfig",
    "--strict",
    "--exactOptionalPropertyTypes",
    "--verbatimModuleSyntax",
    "--noUncheckedIndexedAccess",
    "--noImplicitOverride",
    "--noImplicitReturns",
    "--isolatedDeclarations",
    "--declaration",
    "--emitDeclarationOnly",
    "--outDir",
    declarations,
    "--module",
    "nodenext",
    "--target",
    "es2022",
    "--types",
    "",
    "--pretty",
    "false",
  ];
}

/** Runs tsc with `args` and returns what it reported: "" when the files type-check. */
export async function tscReport(args: readonly string[], cwd = ROOT): Promise<string> {
  try {
    await promisify(execFile)(TSC, [...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
