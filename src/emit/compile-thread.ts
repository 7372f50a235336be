import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CompiledModule } from "./compile.js";
import type { GeneratedFile } from "./generated-file.js";

// Compiling the modules on the second core: a worker thread (compile-worker.ts) loads TypeScript
// while this thread loads ts-morph and prettier and formats, and compiles each module as soon as
// it is formatted, in batches of what arrived while it compiled the batch before (no module's
// output depends on another's: compile.ts). Only the CLI uses it (bin/wsdl-to-ts.js); generate()
// compiles in its own thread, as a library call should.

/** From this thread to the worker: one formatted module, then the end of them. */
export type ToWorker = { readonly kind: "module"; readonly module: GeneratedFile } | { readonly kind: "end" };
/** From the worker: the compiled forms of one batch, then done (after the last batch). */
export type FromWorker =
  | { readonly kind: "compiled"; readonly modules: readonly (readonly [string, CompiledModule])[] }
  | { readonly kind: "done" };

export interface WorkerOptions {
  /** The worker's own code cache folder (V8's cache holds the functions the thread ran). */
  readonly codeCacheDir: string | undefined;
}

/** Where the modules of a package compile: in this thread (compile.ts) or in a worker (below). */
export interface ModuleCompiler {
  /** Hands over one formatted module, as soon as it is formatted. */
  add(module: GeneratedFile): void;
  /** The compiled forms of `modules`, all of them added before, by source path in their order. */
  compile(modules: readonly GeneratedFile[]): Promise<Map<string, CompiledModule>>;
}

// The worker next to this file, compiled (dist/…/compile-worker.js) or run from source by tsx.
const workerFile = new URL(`./compile-worker${import.meta.url.slice(import.meta.url.lastIndexOf("."))}`, import.meta.url);

/**
 * A worker compiling the modules handed to it. Whatever befalls the worker (it does not start, a
 * module does not compile, it exits), compile() compiles in this thread instead, which gives the
 * same files or throws the error the worker met. close() ends the worker on every path; the
 * caller calls it in a `finally` (compile() calls it too).
 */
export class CompileThread implements ModuleCompiler {
  readonly #worker: Worker;
  readonly #compiled = new Map<string, CompiledModule>();
  /** True once the worker said done; false when it failed or exited before. */
  readonly #finished: Promise<boolean>;

  constructor(codeCacheDir: string | undefined) {
    const options: WorkerOptions = { codeCacheDir: codeCacheDir === undefined ? undefined : join(codeCacheDir, "compile-worker") };
    this.#worker = new Worker(workerFile, { workerData: options });
    this.#finished = new Promise((resolve) => {
      this.#worker.on("message", (message: FromWorker) => {
        if (message.kind === "done") resolve(true);
        else for (const [path, compiled] of message.modules) this.#compiled.set(path, compiled);
      });
      this.#worker.on("error", () => resolve(false));
      this.#worker.on("exit", () => resolve(false));
    });
  }

  add(module: GeneratedFile): void {
    this.#worker.postMessage({ kind: "module", module } satisfies ToWorker);
  }

  async compile(modules: readonly GeneratedFile[]): Promise<Map<string, CompiledModule>> {
    this.#worker.postMessage({ kind: "end" } satisfies ToWorker);
    const done = await this.#finished;
    // Not awaited: the thread's teardown (about 12 ms) overlaps what this thread does next, and
    // the process exits once it is over.
    void this.close();
    const compiled = new Map<string, CompiledModule>();
    for (const module of modules) {
      const forms = this.#compiled.get(module.path);
      if (!done || forms === undefined) return (await import("./compile.js")).compileModules(modules);
      compiled.set(module.path, forms);
    }
    return compiled;
  }

  /** Ends the worker (at once if it is still compiling); calling it again does nothing. */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
