import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Diagnostic } from "../model/model.js";
import type { GenerateOptions } from "../options.js";
import { formatLocation, locate } from "../wsdl/wsdl-error.js";
import { flagsProblem, type GenerateFlags } from "./cli-options.js";
import { loadConfig } from "./config.js";
import { EXIT_OK, EXIT_STALE, UsageError, type CliIo } from "./io.js";
import { applyChanges, changesIn, unifiedDiff, type FileChange } from "./output-dir.js";
import { inputHash, withFingerprint } from "./fingerprint.js";
import { toolIdentity } from "./tool-identity.js";
import { upToDateFileCount } from "./up-to-date.js";

/** What to generate once flags and config are merged (flags win). Paths are relative to the working directory. */
interface Settings {
  readonly inputs: readonly { readonly path: string; readonly name: string | undefined }[];
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
  const paths = flags.wsdl.length > 0 ? flags.wsdl.map((path) => ({ path, name: undefined })) : (config.inputs ?? []).map((input) => ({ path: fromConfig(input.wsdl), name: input.name }));
  if (paths.length === 0) {
    throw new UsageError("no WSDL given: wsdl-to-ts <file.wsdl...> --out <dir>, or list them as \"inputs\" in wsdl-to-ts.config.json");
  }
  const names = flags.name ?? [];
  if (names.length > 0 && names.length !== paths.length) {
    throw new UsageError(`--name was given ${plural(names.length, "time")} for ${plural(paths.length, "WSDL")}: give one --name per WSDL, in the same order`);
  }
  const inputs = paths.map((input, i) => ({ path: input.path, name: names[i] ?? input.name }));
  // The config's "out" is where its "inputs" go: WSDLs named on the command line need their own --out.
  const configOut = flags.wsdl.length > 0 || config.out === undefined ? undefined : fromConfig(config.out);
  const out = flags.out ?? configOut;
  if (out === undefined && loaded?.config.out !== undefined) {
    throw new UsageError(`missing --out <dir>: WSDLs given as arguments need --out; "out" of ${loaded.label} goes only with its "inputs"`);
  }
  if (out === undefined) throw new UsageError("missing --out <dir>: where to write the generated package");
  return { inputs, out, check: flags.check === true, force: flags.force === true, options: { ...config.options, ...flags.options } };
}

/** The commands, for "did you mean" when a misspelt one arrives as the default command's WSDL. */
const COMMANDS = ["generate", "sample", "send", "help"];

/** The Levenshtein distance, for the few short words compared here. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The text of UTF-8 bytes; a UTF-16 file (Notepad's "Unicode") or any invalid byte is refused at its
 * place, rather than replaced by U+FFFD and then reported as malformed XML (or embedded as such).
 */
function utf8Text(path: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError("the file is UTF-16; save it as UTF-8 (as Salesforce's WSDL download is)", "INPUT_NOT_UTF8", { file: path, line: 1, column: 1 });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    throw new UsageError("the file is not UTF-8: save it as UTF-8", "INPUT_NOT_UTF8", locate(path, text, text.indexOf("\uFFFD")));
  }
}

export function readInput(io: CliIo, path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder, not a file" : (error as Error).message;
    const command = /^[a-z]+$/.test(path) && code === "ENOENT" ? COMMANDS.find((name) => editDistance(path, name) <= Math.min(2, Math.floor(name.length / 3))) : undefined;
    throw new UsageError(`cannot read ${path}: ${reason}${command === undefined ? "" : ` (did you mean the command ${command}?)`}`);
  }
  return utf8Text(path, bytes);
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${formatLocation(diagnostic.location)}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
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

/** `wsdl-to-ts generate`: WSDLs → package files in `--out`, or with `--check` a diff and exit 1 when stale. */
export async function runGenerate(io: CliIo, flags: GenerateFlags): Promise<number> {
  const settings = settingsFrom(io, flags);
  // Loaded after the flags and config were checked, so usage errors come back at once.
  const { baseName, emitPrepared, preparePackage } = await import("../generate.js");
  const inputs = settings.inputs.map((input) => ({ name: input.path, text: readInput(io, input.path), moduleName: input.name }));
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

  const files = withFingerprint((await emitPrepared(prepared)).files, recordedInput);
  const changes = changesIn(outDir, files, { label, force: settings.force });
  if (!settings.check) applyChanges(outDir, changes, label);
  return report(io, settings, label, files.length, changes);
}
