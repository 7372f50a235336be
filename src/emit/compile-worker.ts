import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { saveCodeCache, useCodeCache } from "./code-cache.js";
import type { FromWorker, ToWorker, WorkerOptions } from "./compile-thread.js";
import type { GeneratedFile } from "./generated-file.js";

// The compile worker of compile-thread.ts. It loads TypeScript at once, through its own code
// cache, then compiles what arrived each time it is free. A module that does not compile throws
// here, which ends the worker: the main thread then compiles in its own thread and reports it.
if (parentPort === null) throw new Error("compile-worker: runs as a worker thread of compile-thread.ts");
const port: MessagePort = parentPort;
useCodeCache((workerData as WorkerOptions).codeCacheDir);
const { compileModules } = await import("./compile.js");

const queue: GeneratedFile[] = [];
let ended = false;
let scheduled = false;

function drain(): void {
  scheduled = false;
  const batch = queue.splice(0);
  if (batch.length > 0) port.postMessage({ kind: "compiled", modules: [...compileModules(batch)] } satisfies FromWorker);
  if (!ended) return;
  // The entry holds the functions this thread compiled; written (when it was not used) before
  // "done", since the main thread ends the worker then.
  saveCodeCache();
  port.postMessage({ kind: "done" } satisfies FromWorker);
}

port.on("message", (message: ToWorker) => {
  if (message.kind === "module") queue.push(message.module);
  else ended = true;
  if (scheduled) return;
  scheduled = true;
  setImmediate(drain);
});
