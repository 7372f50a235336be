// Preloaded (`node --import`) into a CLI process by test/cli/incremental.test.ts: appends the URL
// of every module the process imports to the file named by RECORD_IMPORTS, so a test can tell
// which modules a run loaded (ts-morph, prettier, the emitters) without timing anything.
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_IMPORTS } });
