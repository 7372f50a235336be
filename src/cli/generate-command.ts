import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { checkModuleName } from "../model/names.js";
import type { DateTimeMode, Diagnostic } from "../model/model.js";
import { formatLocation } from "../wsdl/wsdl-error.js";
import { isPackageName, isVersion, loadConfig } from "./config.js";
import { EXIT_OK, EXIT_STALE, UsageError, type CliIo } from "./io.js";
import { applyChanges, changesIn, unifiedDiff } from "./output-dir.js";

/** The flags of `generate` as commander parsed them; all optional, since a config file may supply them. */
export interface GenerateFlags {
  readonly wsdl: readonly string[];
  readonly out?: string | undefined;
  readonly check?: boolean | undefined;
  readonly datetime?: DateTimeMode | undefined;
  readonly name?: readonly string[] | undefined;
  readonly packageName?: string | undefined;
  readonly packageVersion?: string | undefined;
  readonly config?: string | undefined;
}

/** What to generate once flags and config are merged (flags win). Paths are relative to the working directory. */
interface Settings {
  readonly inputs: readonly { readonly path: string; readonly name: string | undefined }[];
  readonly out: string;
  readonly check: boolean;
  readonly dateTime: DateTimeMode;
  readonly packageName: string | undefined;
  readonly packageVersion: string | undefined;
}

function settingsFrom(io: CliIo, flags: GenerateFlags): Settings {
  const loaded = loadConfig(io, flags.config);
  const config = loaded?.config ?? {};
  const fromConfig = (path: string): string => relative(io.cwd, resolve(loaded?.dir ?? io.cwd, path)) || ".";
  const paths = flags.wsdl.length > 0 ? flags.wsdl.map((path) => ({ path, name: undefined })) : (config.inputs ?? []).map((input) => ({ path: fromConfig(input.wsdl), name: input.name }));
  if (paths.length === 0) {
    throw new UsageError("no WSDL given: wsdl-to-ts <file.wsdl...> --out <dir>, or list them as \"inputs\" in wsdl-to-ts.config.json");
  }
  const names = flags.name ?? [];
  if (names.length > 0 && names.length !== paths.length) {
    throw new UsageError(`--name was given ${names.length} time(s) for ${paths.length} WSDL(s): give one --name per WSDL, in the same order`);
  }
  for (const name of names) {
    try {
      checkModuleName(name);
    } catch (error) {
      throw new UsageError(`--name: ${(error as Error).message}`);
    }
  }
  const inputs = paths.map((input, i) => ({ path: input.path, name: names[i] ?? input.name }));
  const out = flags.out ?? (config.out === undefined ? undefined : fromConfig(config.out));
  if (out === undefined) throw new UsageError("missing --out <dir>: where to write the generated package");
  if (flags.packageName !== undefined && !isPackageName(flags.packageName)) {
    throw new UsageError(`--package-name ${JSON.stringify(flags.packageName)} is not a valid npm package name`);
  }
  if (flags.packageVersion !== undefined && !isVersion(flags.packageVersion)) {
    throw new UsageError(`--package-version ${JSON.stringify(flags.packageVersion)} is not a semantic version such as 1.0.0`);
  }
  return {
    inputs,
    out,
    check: flags.check === true,
    dateTime: flags.datetime ?? config.datetime ?? "date",
    packageName: flags.packageName ?? config.packageName,
    packageVersion: flags.packageVersion ?? config.packageVersion,
  };
}

export function readInput(io: CliIo, path: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), "utf8");
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
export async function runGenerate(io: CliIo, flags: GenerateFlags): Promise<number> {
  const settings = settingsFrom(io, flags);
  // Loaded after the flags and config were checked, so usage errors come back at once.
  const { generate } = await import("../generate.js");
  const result = await generate({
    inputs: settings.inputs.map((input) => ({ name: input.path, text: readInput(io, input.path), moduleName: input.name })),
    options: { dateTime: settings.dateTime, packageName: settings.packageName, packageVersion: settings.packageVersion },
  });
  for (const diagnostic of result.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);

  const outDir = resolve(io.cwd, settings.out);
  const changes = changesIn(outDir, result.files);
  const label = settings.out.replace(/[/\\]+$/, "");
  if (settings.check) {
    if (changes.length === 0) {
      io.stderr(`${label} is up to date (${plural(result.files.length, "file")})\n`);
      return EXIT_OK;
    }
    for (const change of changes) io.stdout(unifiedDiff(label, change));
    io.stderr(`${label} is not up to date: ${plural(changes.length, "file")} would change:\n`);
    for (const change of changes) io.stderr(`  ${label}/${change.path}${change.next === undefined ? " (deleted)" : ""}\n`);
    return EXIT_STALE;
  }
  applyChanges(outDir, changes);
  const deleted = changes.filter((change) => change.next === undefined).length;
  const written = changes.length - deleted;
  io.stderr(
    `wrote ${plural(written, "file")} to ${label} (${result.files.length - written} unchanged${deleted > 0 ? `, ${deleted} stale deleted` : ""})\n`,
  );
  return EXIT_OK;
}
