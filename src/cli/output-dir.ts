import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "../emit/generated-file.js";

/** A generated file compared with what is on disk. */
export interface FileState {
  readonly file: GeneratedFile;
  /** The current content, undefined when the file does not exist. */
  readonly current: string | undefined;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Compares each generated file with its counterpart under `outDir`. */
export function compareWithDisk(outDir: string, files: readonly GeneratedFile[]): FileState[] {
  return files.map((file) => ({ file, current: readIfExists(join(outDir, file.path)) }));
}

/** Files whose content would change (new files included). */
export function staleFiles(states: readonly FileState[]): FileState[] {
  return states.filter((state) => state.current !== state.file.content);
}

/** Writes the files that changed; unchanged files are not touched, so their mtime stays. */
export function writeChanged(outDir: string, stale: readonly FileState[]): void {
  for (const { file } of stale) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/** A unified diff of one stale file, paths relative to the output directory's parent as given. */
export function unifiedDiff(outDirLabel: string, state: FileState): string {
  const name = `${outDirLabel}/${state.file.path}`;
  return createTwoFilesPatch(
    state.current === undefined ? "/dev/null" : `a/${name}`,
    `b/${name}`,
    state.current ?? "",
    state.file.content,
    undefined,
    undefined,
    { context: 3 },
  );
}
