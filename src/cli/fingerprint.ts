import { createHash } from "node:crypto";
import type { GeneratedFile } from "../emit/generated-file.js";

// The record that lets the CLI tell an up-to-date package without generating it again (and so
// without loading ts-morph and prettier): the package.json the CLI writes carries a hash of what
// the package was generated from and a hash of every generated file as written. generate() does
// not add it (its output stays independent of the build that made it); the CLI adds it to the
// files before comparing them with the folder. This module must stay light: the fast path imports it.

/** The key of the record in the generated package.json. */
export const FINGERPRINT_FIELD = "generatedFingerprint";

/** Where the record is in the package. */
export const MANIFEST_PATH = "package.json";

/** What a package was generated from: the generator itself, the effective options, and each WSDL. */
export interface FingerprintInputs {
  /** The generator's identity (src/cli/tool-identity.ts): its version, its code, its formatter and compiler. */
  readonly tool: string;
  /** generate()'s options with the defaults applied; absent (derived) options as undefined. */
  readonly options: Readonly<Record<string, unknown>>;
  /** In order: the file name that reaches the output (no directories), `--name`, and the text. */
  readonly inputs: readonly { readonly file: string; readonly moduleName: string | undefined; readonly text: string }[];
}

export interface Fingerprint {
  /** sha256 of the inputs: when it matches, generating again would give the same files. */
  readonly input: string;
  /** sha256 of the generated files, with this value itself left out of package.json. */
  readonly output: string;
}

const PREFIX = "sha256:";
/** The output hash as JSON.stringify(…, null, 2) writes it in the record; the only such line of package.json. */
const OUTPUT_LINE = /^( {4}"output": ")(sha256:[0-9a-f]{64})?(")$/m;

/** `sha256:` and the hex digest of the text. */
function sha256(text: string): string {
  return `${PREFIX}${createHash("sha256").update(text).digest("hex")}`;
}

/** The input hash. Options are hashed in a fixed key order, so the order they were given in does not matter. */
export function inputHash({ tool, options, inputs }: FingerprintInputs): string {
  const sortedOptions = Object.keys(options)
    .sort()
    .map((key) => [key, options[key] ?? null]);
  const files = inputs.map((input) => [input.file, input.moduleName ?? null, sha256(input.text)]);
  return sha256(JSON.stringify({ tool, options: sortedOptions, inputs: files }));
}

/** package.json with the output hash blanked: what the output hash covers of it. */
function blankOutput(manifest: string): string {
  return manifest.replace(OUTPUT_LINE, "$1$3");
}

/**
 * The output hash of a package's files (in any order; package.json with its output hash blanked).
 * Paths and lengths are hashed too, so no two different sets of files give the same stream.
 */
export function outputHash(files: readonly GeneratedFile[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const content = file.path === MANIFEST_PATH ? blankOutput(file.content) : file.content;
    hash.update(`${file.path}\n${content.length}\n`).update(content);
  }
  return `${PREFIX}${hash.digest("hex")}`;
}

/** The files with the record added to package.json (as its last key). */
export function withFingerprint(files: readonly GeneratedFile[], input: string): GeneratedFile[] {
  const manifest = files.find((file) => file.path === MANIFEST_PATH);
  if (manifest === undefined) throw new Error(`withFingerprint: no ${MANIFEST_PATH} among the files`);
  const record: Fingerprint = { input, output: "" };
  const blank = `${JSON.stringify({ ...(JSON.parse(manifest.content) as object), [FINGERPRINT_FIELD]: record }, null, 2)}\n`;
  const blanked = files.map((file) => (file === manifest ? { path: file.path, content: blank } : file));
  const output = outputHash(blanked);
  const content = blank.replace(OUTPUT_LINE, `$1${output}$3`);
  return blanked.map((file) => (file.path === MANIFEST_PATH ? { path: file.path, content } : file));
}

/** The record of a package.json text; undefined when it has none (or is not JSON). */
export function readFingerprint(manifest: string): Fingerprint | undefined {
  try {
    const record = (JSON.parse(manifest) as Record<string, unknown>)[FINGERPRINT_FIELD] as Partial<Fingerprint> | undefined;
    return typeof record?.input === "string" && typeof record.output === "string" ? { input: record.input, output: record.output } : undefined;
  } catch {
    return undefined;
  }
}
