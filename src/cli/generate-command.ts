import { relative, resolve } from "node:path";
import { saveCodeCache, useCodeCache } from "../emit/code-cache.js";
import type { Diagnostic } from "../model/model.js";
import type { GenerateOptions } from "../options.js";
import { plural } from "../plural.js";
import { formatLocation, type SourceLocation } from "../wsdl/wsdl-error.js";
import { flagsProblem, type GenerateFlags } from "./cli-options.js";
import { loadConfig } from "./config.js";
import { readInput } from "./input-file.js";
import { EXIT_OK, EXIT_STALE, UsageError, type CliIo } from "./io.js";
import { applyChanges, changesIn, unifiedDiff, type FileChange } from "./output-dir.js";
import { inputHash, withFingerprint } from "./fingerprint.js";
import { toolIdentity } from "./tool-identity.js";
import { upToDateFileCount } from "./up-to-date.js";

/** What to generate once flags and config are merged (flags win). Paths are relative to the working directory. */
interface Settings {
  readonly inputs: readonly { readonly path: string; readonly name: string | undefined; readonly nameLocation: SourceLocation | undefined }[];
  readonly out: string;
  readonly check: boolean;
  readonly force: boolean;
  /** Defaults are generate()'s to apply. */
  readonly options: GenerateOptions;
}

function settingsFrom(io: CliIo, flags: GenerateFlags): Settings {
  const problem = flagsProblem(flags);
  if (problem !== undefined) throw new UsageError(problem);
  const loaded = loadConfig(io, flags.config);
  const config = loaded?.config ?? { options: {} };
  const fromConfig = (path: string): string => relative(io.cwd, resolve(loaded?.dir ?? io.cwd, path)) || ".";
  const paths =
    flags.wsdl.length > 0
      ? flags.wsdl.map((path) => ({ path, name: undefined, nameLocation: undefined }))
      : (config.inputs ?? []).map((input) => ({ path: fromConfig(input.wsdl), name: input.name, nameLocation: input.nameLocation }));
  if (paths.length === 0) {
    throw new UsageError("no WSDL given: wsdl-to-ts <file.wsdl...> --out <dir>, or list them as \"inputs\" in wsdl-to-ts.config.json");
  }
  const names = flags.name ?? [];
  if (names.length > 0 && names.length !== paths.length) {
    throw new UsageError(`--name was given ${plural(names.length, "time")} for ${plural(paths.length, "WSDL")}: give one --name per WSDL, in the same order`);
  }
  // A --name replaces the config's name, and with it the place errors about the name point at.
  const inputs = paths.map((input, i) =>
    names[i] === undefined ? input : { path: input.path, name: names[i], nameLocation: undefined },
  );
  // The config's "out" is where its "inputs" go: WSDLs named on the command line need their own --out.
  const configOut = flags.wsdl.length > 0 || config.out === undefined ? undefined : fromConfig(config.out);
  const out = flags.out ?? configOut;
  if (out === undefined && loaded?.config.out !== undefined) {
    throw new UsageError(`missing --out <dir>: WSDLs given as arguments need --out; "out" of ${loaded.label} goes only with its "inputs"`);
  }
  if (out === undefined) throw new UsageError("missing --out <dir>: where to write the generated package");
  return { inputs, out, check: flags.check === true, force: flags.force === true, options: { ...config.options, ...flags.options } };
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${formatLocation(diagnostic.location)}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

/** What the run reports: `--check`'s verdict, or what was written. */
async function report(io: CliIo, settings: Settings, label: string, fileCount: number, changes: readonly FileChange[]): Promise<number> {
  if (settings.check) {
    if (changes.length === 0) {
      io.stderr(`${label} is up to date (${plural(fileCount, "file")})\n`);
      return EXIT_OK;
    }
    for (const change of changes) io.stdout(await unifiedDiff(label, change));
    io.stderr(`${label} is not up to date: ${plural(changes.length, "file")} would change:\n`);
    for (const change of changes) io.stderr(`  ${label}/${change.path}${change.next === undefined ? " (deleted)" : ""}\n`);
    return EXIT_STALE;
  }
  const deleted = changes.filter((change) => change.next === undefined).length;
  const written = changes.length - deleted;
  io.stderr(`wrote ${plural(written, "file")} to ${label} (${fileCount - written} unchanged${deleted > 0 ? `, ${deleted} stale deleted` : ""})\n`);
  return EXIT_OK;
}

/**
 * `wsdl-to-ts generate`: WSDLs → package files in `--out`, or with `--check` a diff and exit 1 when
 * stale. `commands` are the CLI's, named when a WSDL that does not exist looks like a misspelt one.
 */
export async function runGenerate(io: CliIo, flags: GenerateFlags, commands: readonly string[]): Promise<number> {
  const settings = settingsFrom(io, flags);
  // Loaded after the flags and config were checked, so usage errors come back at once.
  const { baseName, emitPrepared, preparePackage } = await import("../generate.js");
  const inputs = settings.inputs.map((input) => ({
    name: input.path,
    text: readInput(io, input.path, commands),
    moduleName: input.name,
    moduleNameLocation: input.nameLocation,
  }));
  const prepared = preparePackage({ inputs, options: settings.options });
  for (const diagnostic of prepared.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);

  const outDir = resolve(io.cwd, settings.out);
  const label = settings.out.replace(/[/\\]+$/, "");
  const recordedInput = inputHash({
    tool: toolIdentity(),
    options: prepared.options,
    inputs: inputs.map((input) => ({ file: baseName(input.name), moduleName: input.moduleName, text: input.text })),
  });
  // Unchanged inputs and unedited output: nothing to generate, so ts-morph and prettier never load.
  const upToDate = upToDateFileCount(outDir, recordedInput);
  if (upToDate !== undefined) return report(io, settings, label, upToDate, []);

  useCodeCache(io.codeCacheDir);
  const files = withFingerprint((await emitPrepared(prepared)).files, recordedInput);
  const changes = changesIn(outDir, files, { label, force: settings.force });
  if (!settings.check) applyChanges(outDir, changes, label);
  saveCodeCache();
  return report(io, settings, label, files.length, changes);
}
