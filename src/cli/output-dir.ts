import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { compare, type GeneratedFile } from "../emit/generated-file.js";

/** A file of the output directory that generation would change: written anew, changed, or deleted. */
export interface FileChange {
  readonly path: string;
  /** The current content; undefined when the file does not exist yet. */
  readonly current: string | undefined;
  /** The new content; undefined when the file is no longer generated and goes away. */
  readonly next: string | undefined;
}

/**
 * The directories of a package the generator owns entirely: a file in them that it no longer
 * generates (say, after a WSDL was removed) is stale and is deleted. Elsewhere only generated files
 * are touched.
 */
const OWNED_DIRS = ["src", "dist"];

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function filesBelow(root: string, dir: string): string[] {
  const path = join(root, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path).flatMap((name) => {
    const child = `${dir}/${name}`;
    return statSync(join(root, child)).isDirectory() ? filesBelow(root, child) : [child];
  });
}

/** What generating `files` into `outDir` would change, sorted by path. */
export function changesIn(outDir: string, files: readonly GeneratedFile[]): FileChange[] {
  const generated = new Set(files.map((file) => file.path));
  const changed: FileChange[] = files
    .map((file) => ({ path: file.path, current: readIfExists(join(outDir, file.path)), next: file.content }))
    .filter((change) => change.current !== change.next);
  const stale = OWNED_DIRS.flatMap((dir) => filesBelow(outDir, dir))
    .filter((path) => !generated.has(path))
    .map((path) => ({ path, current: readIfExists(join(outDir, path)), next: undefined }));
  return [...changed, ...stale].sort((a, b) => compare(a.path, b.path));
}

/** Applies the changes; files that did not change are not touched, so their mtime stays. */
export function applyChanges(outDir: string, changes: readonly FileChange[]): void {
  for (const change of changes) {
    const path = join(outDir, change.path);
    if (change.next === undefined) {
      rmSync(path);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, change.next);
    }
  }
}

/** A unified diff of one change, with paths as the output directory was given. */
export function unifiedDiff(outDirLabel: string, change: FileChange): string {
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
