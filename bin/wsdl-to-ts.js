#!/usr/bin/env node
// The installed command. All logic is in src/cli (compiled to dist/); this shim only wires the process.
import { fileURLToPath } from "node:url";
import { main } from "../dist/cli/main.js";

// `wsdl-to-ts --check … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C during `send` (which may wait hours for retries) stops the waiting and prints the summary;
// a second Ctrl-C ends it at once. Other commands keep node's default: Ctrl-C ends them.
const interrupt = new AbortController();
if (process.argv[2] === "send") process.once("SIGINT", () => interrupt.abort());

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interrupt: interrupt.signal,
  // V8's code cache of TypeScript, ts-morph and prettier, in the tool's own folder (README,
  // "Performance"); WSDL_TO_TS_CODE_CACHE=off compiles them from source on every run instead.
  codeCacheDir:
    process.env.WSDL_TO_TS_CODE_CACHE === "off" ? undefined : fileURLToPath(new URL("../.code-cache", import.meta.url)),
});
