import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { codeCacheOutcomes, requireCached, saveCodeCache, useCodeCache } from "../../src/emit/code-cache.js";

// The CLI's V8 code cache of the generator's bundles, on small CommonJS files of its own: what it
// loads is what require() loads, and an entry that is missing, stale, damaged or refused by V8
// only costs a compile from source (and is rewritten), never a wrong module.

const require = createRequire(import.meta.url);
let counter = 0;

/** A CommonJS file requiring a sibling, with source unique to the test (V8 keeps compiled scripts per source). */
function bundle(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-code-cache-"));
  writeFileSync(join(dir, "dep.cjs"), "module.exports = 'dep';\n");
  const file = join(dir, "bundle.cjs");
  writeFileSync(
    file,
    `"use strict";\n// ${process.pid}-${counter++}\nfunction answer() { return 6 * 7; }\n` +
      "module.exports = { answer: answer(), file: __filename, dir: __dirname, dep: require('./dep.cjs'), self: this === module.exports };\n",
  );
  return { file, dir };
}

function load(file: string): unknown {
  delete require.cache[file];
  return requireCached([file])[0];
}

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-code-cache-dir-"));
  useCodeCache(dir);
  return dir;
}

function entryOf(dir: string): string {
  const entries = readdirSync(dir);
  assert.equal(entries.length, 1, `one entry in ${entries.join(", ")}`);
  return join(dir, entries[0] as string);
}

const sha1 = (data: Uint8Array): string => createHash("sha1").update(data).digest("hex");

afterEach(() => useCodeCache(undefined));

describe("requireCached", () => {
  it("without a cache folder is require(): same exports, nothing recorded", () => {
    const { file, dir } = bundle();
    const exports = load(file);
    assert.deepEqual(exports, { answer: 42, file, dir, dep: "dep", self: true });
    assert.equal(require.cache[file]?.exports, exports);
    assert.equal(codeCacheOutcomes().has(file), false);
  });

  it("compiles from source on the first run, writes the entry after it, and the next run loads from it with the same exports", () => {
    const cache = cacheDir();
    const { file, dir } = bundle();
    assert.deepEqual(load(file), { answer: 42, file, dir, dep: "dep", self: true });
    assert.equal(codeCacheOutcomes().get(file), "absent");
    assert.deepEqual(readdirSync(cache), []);
    saveCodeCache();
    const entry = entryOf(cache);
    assert.match(entry, /bundle\.cjs-[0-9a-f]{12}\.v8$/);
    const loaded = load(file);
    assert.equal(codeCacheOutcomes().get(file), "used");
    assert.deepEqual(loaded, { answer: 42, file, dir, dep: "dep", self: true });
    assert.equal(require.cache[file]?.exports, loaded);
  });

  it("ignores a damaged entry (flipped byte, truncated, no header), compiles from source and rewrites it", () => {
    const cache = cacheDir();
    const { file, dir } = bundle();
    load(file);
    saveCodeCache();
    const entry = entryOf(cache);
    const whole = readFileSync(entry);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 0xff;
    for (const damaged of [flipped, whole.subarray(0, whole.length - 100), Buffer.from("not a cache entry")]) {
      writeFileSync(entry, damaged);
      assert.deepEqual(load(file), { answer: 42, file, dir, dep: "dep", self: true });
      assert.equal(codeCacheOutcomes().get(file), "corrupt");
      saveCodeCache();
      assert.deepEqual(readFileSync(entry).subarray(0, 60), whole.subarray(0, 60), "the header was rewritten");
      load(file);
      assert.equal(codeCacheOutcomes().get(file), "used");
    }
  });

  it("ignores an entry of another source of the file (stale), and one V8 refuses", () => {
    const cache = cacheDir();
    const { file, dir } = bundle();
    load(file);
    saveCodeCache();
    writeFileSync(file, readFileSync(file, "utf8").replace("6 * 7", "6 * 8"));
    assert.deepEqual(load(file), { answer: 48, file, dir, dep: "dep", self: true });
    assert.equal(codeCacheOutcomes().get(file), "stale");

    // A well-formed entry for the source whose bytes are no code cache at all: V8 refuses them
    // (a source this process has not compiled yet, else V8 reuses that compilation).
    writeFileSync(file, readFileSync(file, "utf8").replace("6 * 8", "6 * 9"));
    const entry = entryOf(cache);
    const header = JSON.parse(readFileSync(entry, "utf8").split("\n")[0] as string) as Record<string, string>;
    const junk = Buffer.alloc(256, 7);
    const forged = { ...header, source: sha1(readFileSync(file)), data: sha1(junk) };
    writeFileSync(entry, Buffer.concat([Buffer.from(`${JSON.stringify(forged)}\n`), junk]));
    assert.deepEqual(load(file), { answer: 54, file, dir, dep: "dep", self: true });
    assert.equal(codeCacheOutcomes().get(file), "rejected");
    saveCodeCache();
    load(file);
    assert.equal(codeCacheOutcomes().get(file), "used");
  });

  it("without a folder it can write, loads as usual and writes nothing", () => {
    const parent = mkdtempSync(join(tmpdir(), "wsdl-to-ts-code-cache-file-"));
    const notAFolder = join(parent, "file");
    writeFileSync(notAFolder, "");
    useCodeCache(join(notAFolder, "cache"));
    const { file, dir } = bundle();
    assert.deepEqual(load(file), { answer: 42, file, dir, dep: "dep", self: true });
    saveCodeCache();
    assert.deepEqual(readdirSync(parent), ["file"]);
  });
});
