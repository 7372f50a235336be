// Preloaded (`node --import`) into a CLI process by test/cli/incremental.test.ts: appends, as
// `import <url>` or `require <url>`, the URL
// of every module the process loads to the file named by RECORD_IMPORTS, so a test can tell which
// modules a run loaded (ts-morph, prettier, the emitters) without timing anything. ES modules are
// seen by a resolve hook as they load; CommonJS ones (ts-morph is require()d) from require's cache at exit.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.RECORD_IMPORTS;
register("./record-imports-hooks.mjs", import.meta.url, { data: { file } });
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  appendFileSync(file, Object.keys(cache).map((path) => `require ${pathToFileURL(path).href}\n`).join(""));
});
