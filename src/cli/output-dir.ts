import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compare, type GeneratedFile } from "../emit/generated-file.js";
import { carriesGeneratedMark, GENERATED_FIELD } from "../emit/header.js";
import { UsageError } from "./io.js";

/** A file of the output directory that generation would change: written anew, changed, or deleted. */
export interface FileChange {
  readonly path: string;
  /** The current content; undefined when the file does not exist yet. */
  readonly current: string | undefined;
  /** The new content; undefined when the file is no longer generated and goes away. */
  readonly next: string | undefined;
}

export interface OutputOptions {
  /** How the user named the directory, for messages. */
  readonly label: string;
  /** Write into a non-empty directory that wsdl-to-ts did not generate (`--force`). */
  readonly force: boolean;
}

/**
 * The directories of a package where a generated file that is no longer generated (say, after a
 * WSDL was removed) is stale and is deleted. Files without the generated mark are never touched.
 */
export const OWNED_DIRS = ["src", "dist"];

/** How many entries an error lists before it says "and N more". */
const LISTED = 10;

/** The file's text; undefined when it does not exist (also when a file stands where a folder of its path would be). */
function readIfExists(outDir: string, path: string): string | undefined {
  try {
    return readFileSync(join(outDir, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new UsageError(`cannot read ${path} in the --out folder (${code ?? (error as Error).message}); nothing was written`, "OUT_READ_FAILED");
  }
}

/**
 * What stands in the way of writing `path` (relative, `/`-separated) below `outDir`: the first of
 * its folders that is a file, or the path itself when it is a folder; undefined when nothing does.
 */
function inTheWay(outDir: string, path: string): string | undefined {
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    const full = join(outDir, prefix);
    // A link to nothing is the user's: writing through it would create its target, outside --out.
    if (!existsSync(full)) return isLink(full) ? prefix : undefined;
    if (statSync(full).isDirectory() === (i === parts.length)) return i === parts.length ? `${prefix}/` : prefix;
  }
  return undefined;
}

/** The nearest folder above a missing `outDir` that exists must be a folder, or nothing can be written. */
function checkParents(outDir: string, label: string): void {
  for (let dir = dirname(outDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    if (statSync(dir).isDirectory()) return;
    const below = relative(dir, outDir);
    const shown = label.endsWith(`/${below}`) ? label.slice(0, -below.length - 1) : dir;
    throw new UsageError(`--out ${label} cannot be created: ${shown} is a file, not a folder; nothing was written`, "OUT_NOT_A_FOLDER");
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Whether `path` is a folder; false when it cannot be looked at (a link to nothing, a loop of
 * links): it is then taken as a file, and reading it says what is wrong, or finds nothing to touch.
 */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The names in the folder `dir` of `outDir` (`.` for itself); a refused listing is the user's to fix, not a bug. */
function namesIn(outDir: string, dir: string): string[] {
  try {
    return readdirSync(join(outDir, dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${dir === "." ? "the --out folder" : `${dir} in the --out folder`} (${code ?? (error as Error).message}); nothing was written`, "OUT_READ_FAILED");
  }
}

/**
 * The files below `root/dir`, as `dir/…` paths (paths from `root` when `dir` is `.`); none when it
 * is not a folder. `names` lists a folder; by default a refused listing is the user's to fix.
 */
export function filesBelow(root: string, dir: string, names = (folder: string) => namesIn(root, folder)): string[] {
  if (!isFolder(join(root, dir))) return [];
  return names(dir).flatMap((name) => {
    const child = dir === "." ? name : `${dir}/${name}`;
    return isFolder(join(root, child)) ? filesBelow(root, child, names) : [child];
  });
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(", ");
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}

/** The directory's entries, sorted, folders with a trailing slash; empty when it does not exist. */
function entriesOf(outDir: string, label: string): string[] {
  if (!existsSync(outDir)) {
    checkParents(outDir, label);
    return [];
  }
  if (!statSync(outDir).isDirectory()) {
    throw new UsageError(`--out ${label} is a file, not a folder; nothing was written`, "OUT_NOT_A_FOLDER");
  }
  return namesIn(outDir, ".")
    .map((name) => (isFolder(join(outDir, name)) ? `${name}/` : name))
    .sort(compare);
}

/** Whether the directory holds a package wsdl-to-ts generated: its package.json carries the mark. */
function isGeneratedPackage(outDir: string): boolean {
  const manifest = readIfExists(outDir, "package.json");
  return manifest !== undefined && carriesGeneratedMark("package.json", manifest);
}

/**
 * What generating `files` into `outDir` would change, sorted by path. Refuses (a UsageError, before
 * anything is written) a non-empty directory wsdl-to-ts did not generate unless `force`, and in
 * any case a change to a file without the generated mark: the user's files are never overwritten
 * or deleted.
 */
export function changesIn(outDir: string, files: readonly GeneratedFile[], options: OutputOptions): FileChange[] {
  const entries = entriesOf(outDir, options.label);
  if (entries.length > 0 && !options.force && !isGeneratedPackage(outDir)) {
    const [field, value] = Object.entries(GENERATED_FIELD)[0] as [string, string];
    throw new UsageError(
      `--out ${options.label} is not empty and was not generated by wsdl-to-ts (no package.json with "${field}": "${value}"); ` +
        `it holds ${list(entries)}. Nothing was written. Give a new or empty folder, or --force to write next to these files ` +
        "(files without the generated header are never overwritten or deleted)",
      "OUT_NOT_GENERATED",
    );
  }
  const generated = new Set(files.map((file) => file.path));
  const blocked = new Set<string>();
  const changed: FileChange[] = files
    .filter((file) => {
      const obstacle = inTheWay(outDir, file.path);
      if (obstacle !== undefined) blocked.add(obstacle);
      return obstacle === undefined;
    })
    .map((file) => ({ path: file.path, current: readIfExists(outDir, file.path), next: file.content }))
    .filter((change) => change.current !== change.next);
  const foreign = [
    ...new Set([
      ...changed.filter((change) => change.current !== undefined && !carriesGeneratedMark(change.path, change.current)).map((c) => c.path),
      ...blocked,
    ]),
  ].sort(compare);
  if (foreign.length > 0) {
    throw new UsageError(
      `--out ${options.label}: wsdl-to-ts would overwrite ${foreign.length === 1 ? "a file" : "files"} it did not generate (no generated header): ` +
        `${list(foreign)}. Nothing was written. Move ${foreign.length === 1 ? "it" : "them"} away or give another folder`,
      "OUT_FILE_NOT_GENERATED",
    );
  }
  const stale = OWNED_DIRS.flatMap((dir) => filesBelow(outDir, dir))
    .filter((path) => !generated.has(path))
    .map((path) => ({ path, current: readIfExists(outDir, path), next: undefined }))
    .filter((change) => change.current !== undefined && carriesGeneratedMark(change.path, change.current));
  return [...changed, ...stale].sort((a, b) => compare(a.path, b.path));
}

/** Applies the changes; files that did not change are not touched, so their mtime stays. */
export function applyChanges(outDir: string, changes: readonly FileChange[], label: string): void {
  let done = 0;
  for (const change of changes) {
    const path = join(outDir, change.path);
    try {
      if (change.next === undefined) {
        rmSync(path);
      } else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, change.next);
      }
    } catch (error) {
      // The file system refused (a read-only or full disk, no permission): the user's to fix, not a bug.
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(
        `--out ${label}: cannot ${change.next === undefined ? "delete" : "write"} ${change.path} (${reason}); ` +
          `${done} of ${changes.length} changes were made before. Fix it and run again`,
        "OUT_WRITE_FAILED",
      );
    }
    done++;
  }
}

/** A unified diff of one change, with paths as the output directory was given. */
export async function unifiedDiff(outDirLabel: string, change: FileChange): Promise<string> {
  // Loaded only for a diff: an up-to-date --check should not pay for it.
  const { createTwoFilesPatch } = await import("diff");
  const name = `${outDirLabel}/${change.path}`;
  return createTwoFilesPatch(
    change.current === undefined ? "/dev/null" : `a/${name}`,
    change.next === undefined ? "/dev/null" : `b/${name}`,
    change.current ?? "",
    change.next ?? "",
    undefined,
    undefined,
    { context: 3 },
  );
}
