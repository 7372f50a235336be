import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_PATH, outputHash, readFingerprint } from "./fingerprint.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { carriesGeneratedMark } from "../emit/header.js";
import { filesBelow, OWNED_DIRS } from "./output-dir.js";

// The CLI's fast path: a package whose package.json records the same input hash, and whose
// generated files hash to the recorded output hash, is what generating again would write. This
// module loads neither ts-morph nor prettier (nor the emitters); anything it cannot confirm
// (a hand edit, a deleted or a stale extra file, another version) falls back to generating.

/** The files outside OWNED_DIRS that a package has; a package with others is never taken as up to date here. */
export const ROOT_FILES = [MANIFEST_PATH, "README.md"];

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // missing, a folder, unreadable: not up to date, generation reports it
  }
}

/**
 * The number of generated files in `outDir` when they are exactly what `inputHash` generates;
 * undefined otherwise. The files hashed are those that carry the generated mark among ROOT_FILES
 * and below OWNED_DIRS: the generated ones plus any stale generated file, so a stale file, like a
 * missing or edited one, changes the hash.
 */
export function upToDateFileCount(outDir: string, inputHash: string): number | undefined {
  const manifest = readOrUndefined(join(outDir, MANIFEST_PATH));
  const recorded = manifest === undefined ? undefined : readFingerprint(manifest);
  if (recorded === undefined || recorded.input !== inputHash) return undefined;
  let paths: string[];
  try {
    paths = [...ROOT_FILES, ...OWNED_DIRS.flatMap((dir) => filesBelow(outDir, dir))];
  } catch {
    return undefined;
  }
  const files: GeneratedFile[] = [];
  for (const path of paths) {
    const content = readOrUndefined(join(outDir, path));
    if (content !== undefined && carriesGeneratedMark(path, content)) files.push({ path, content });
  }
  return outputHash(files) === recorded.output ? files.length : undefined;
}
