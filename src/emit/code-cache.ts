import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

// A V8 code cache for the large CommonJS bundles a generation loads (TypeScript inside ts-morph,
// ts-morph, prettier): on every run V8 would otherwise compile their 10 MB of source again, and
// compile again each function the run calls. The installed command turns it on, with the tool's
// own `.code-cache` folder (bin/wsdl-to-ts.js), never a user's output folder; generate() and
// main() called in-process have no cache, unless their caller hands main() a folder.
//
// A cache entry is trusted only when everything it was made from matches: the sha1 of the
// bundle's source, node's and V8's versions and the architecture, and the sha1 of the cached
// bytes themselves (V8 checks its flags and the source's length, not the bytes, in release
// builds). Anything else, a missing, stale, truncated or corrupt entry, or one V8 refuses, is
// ignored: the bundle is compiled from source as without a cache, and the entry rewritten after
// the run. The sha1s detect change and damage; whoever can write the folder can change the tool.

/** How a bundle was loaded: from a cache entry V8 accepted, or compiled from source and why. */
export type CacheOutcome = "used" | "absent" | "stale" | "corrupt" | "rejected";

interface Loaded {
  readonly script: Script;
  readonly entry: string;
  readonly sourceHash: string;
  readonly outcome: CacheOutcome;
  /** Written by saveCodeCache() (once per process). */
  saved: boolean;
}

let directory: string | undefined;
/** The bundles loaded here, by file name. */
const loaded = new Map<string, Loaded>();

/** Turns the cache on for the bundles loaded from now on, kept in `dir`; undefined turns it off. */
export function useCodeCache(dir: string | undefined): void {
  directory = dir;
}

function sha1(data: Uint8Array): string {
  return createHash("sha1").update(data).digest("hex");
}

/** The identity of the compiled code, apart from the source: V8 refuses a cache of other flags itself. */
function runtimeKey(): string {
  return `${process.version} ${process.versions.v8} ${process.arch}`;
}

interface Header {
  readonly source: string;
  readonly runtime: string;
  readonly data: string;
}

/** The cached bytes of `entry` if they were made from `sourceHash` on this runtime and are whole. */
function readEntry(entry: string, sourceHash: string): { data?: Buffer; outcome: CacheOutcome } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entry);
  } catch {
    return { outcome: "absent" };
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return { outcome: "corrupt" };
  let header: Partial<Header> | null;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Partial<Header> | null;
  } catch {
    return { outcome: "corrupt" };
  }
  if (typeof header !== "object" || header === null) return { outcome: "corrupt" };
  if (header.source !== sourceHash || header.runtime !== runtimeKey()) return { outcome: "stale" };
  const data = bytes.subarray(newline + 1);
  return header.data === sha1(data) ? { data, outcome: "used" } : { outcome: "corrupt" };
}

/** Node's CommonJS wrapper, so that the bundle runs as `require()` would run it. */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

function loadOne(filename: string, dir: string): unknown {
  const bytes = readFileSync(filename);
  const sourceHash = sha1(bytes);
  const text = bytes.toString("utf8");
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // One entry per bundle file: two installs of one bundle do not share an entry.
  const entry = join(dir, `${basename(filename)}-${sha1(Buffer.from(filename)).slice(0, 12)}.v8`);
  const cached = readEntry(entry, sourceHash);
  const script = new Script(wrap(source), {
    filename,
    ...(cached.data === undefined ? {} : { cachedData: cached.data }),
  });
  const outcome = cached.data !== undefined && script.cachedDataRejected === true ? "rejected" : cached.outcome;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const require = createRequire(filename);
  const module = new Module(filename);
  module.filename = filename;
  require.cache[filename] = module;
  try {
    run.call(module.exports, module.exports, require, module, filename, dirname(filename));
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }
  module.loaded = true;
  loaded.set(filename, { script, entry, sourceHash, outcome, saved: false });
  return module.exports;
}

/**
 * Loads CommonJS files, each already resolved, in order (a file's own `require()`s of files
 * loaded before it find them loaded), through the code cache when it is on; without it, or
 * for a file something already loaded, this is `require(file)`.
 */
export function requireCached(filenames: readonly string[]): unknown[] {
  return filenames.map((filename) => {
    const require = createRequire(filename);
    if (directory === undefined || require.cache[filename] !== undefined) return require(filename);
    return loadOne(filename, directory);
  });
}

/** How each bundle loaded through the cache was loaded (for tests and the bench). */
export function codeCacheOutcomes(): ReadonlyMap<string, CacheOutcome> {
  return new Map([...loaded].map(([filename, file]) => [filename, file.outcome]));
}

/**
 * Writes the entries that were not used, after the run: V8's cache then holds the functions the
 * run compiled too. Each entry is written whole to a temporary file and renamed into place, so a
 * reader sees an old entry or the new one. Best effort: a folder it cannot write means no cache.
 */
export function saveCodeCache(): void {
  const writable = new Map<string, boolean>();
  for (const file of loaded.values()) {
    if (file.outcome === "used" || file.saved) continue;
    file.saved = true;
    const dir = dirname(file.entry);
    // Checked before serialising: a read-only install would pay for it on every run.
    if (!writable.has(dir)) writable.set(dir, canWrite(dir));
    if (writable.get(dir) !== true) continue;
    const temporary = `${file.entry}.${process.pid}.tmp`;
    try {
      const data = file.script.createCachedData();
      const header: Header = { source: file.sourceHash, runtime: runtimeKey(), data: sha1(data) };
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), data]));
      renameSync(temporary, file.entry);
    } catch {
      // No entry this time; the next run compiles from source and tries again.
      removeQuietly(temporary);
    }
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left behind; it is never read (entries are read by their own name only).
  }
}

function canWrite(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
