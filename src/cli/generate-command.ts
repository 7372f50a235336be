import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { generate } from "../generate.js";
import type { DateTimeMode, Diagnostic } from "../model/model.js";
import { formatLocation } from "../wsdl/wsdl-error.js";
import { EXIT_OK, EXIT_STALE, UsageError, type CliIo } from "./io.js";
import { compareWithDisk, staleFiles, unifiedDiff, writeChanged } from "./output-dir.js";

export interface GenerateCommandOptions {
  readonly inputs: readonly string[];
  readonly out: string | undefined;
  readonly check: boolean;
  readonly dateTime: DateTimeMode;
}

function readInput(io: CliIo, path: string): { name: string; text: string } {
  try {
    return { name: path, text: readFileSync(resolve(io.cwd, path), "utf8") };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${formatLocation(diagnostic.location)}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `wsdl-to-ts generate`: WSDLs → package files in `--out`, or with `--check` a diff and exit 1 when stale. */
export async function runGenerate(io: CliIo, options: GenerateCommandOptions): Promise<number> {
  if (options.inputs.length === 0) throw new UsageError("no WSDL given: wsdl-to-ts <file.wsdl...> --out <dir>");
  if (options.out === undefined) throw new UsageError("missing --out <dir>: where to write the generated package");
  const inputs = options.inputs.map((path) => readInput(io, path));
  const result = await generate({ inputs, options: { dateTime: options.dateTime } });
  for (const diagnostic of result.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);

  const outDir = resolve(io.cwd, options.out);
  const stale = staleFiles(compareWithDisk(outDir, result.files));
  const label = options.out.replace(/\/+$/, "");
  if (options.check) {
    if (stale.length === 0) {
      io.stderr(`${label} is up to date (${plural(result.files.length, "file")})\n`);
      return EXIT_OK;
    }
    for (const state of stale) io.stdout(unifiedDiff(label, state));
    io.stderr(`${label} is not up to date: ${plural(stale.length, "file")} would change:\n`);
    for (const state of stale) io.stderr(`  ${label}/${state.file.path}\n`);
    return EXIT_STALE;
  }
  writeChanged(outDir, stale);
  const unchanged = result.files.length - stale.length;
  io.stderr(`wrote ${plural(stale.length, "file")} to ${label} (${unchanged} unchanged)\n`);
  return EXIT_OK;
}
