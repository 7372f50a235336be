// Regenerates fixtures/golden from the golden cases: `npm run fixtures:update`. Review the diff.
// The runtime is the same in every package, so it is stored once, in fixtures/golden/_runtime, and
// each case links its runtime directories there (the goldens still hold the whole output).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { generate } from "../src/index.js";
import { GOLDEN_CASES, GOLDEN_DIR, goldenRequest, RUNTIME_DIRS, SHARED_RUNTIME, isRuntimeFile } from "../test/support/golden-cases.js";

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

rmSync(GOLDEN_DIR, { recursive: true, force: true });
let runtime: Map<string, string> | undefined;
for (const golden of GOLDEN_CASES) {
  const dir = join(GOLDEN_DIR, golden.name);
  const { files } = await generate(goldenRequest(golden));
  const shared = new Map(files.filter((file) => isRuntimeFile(file.path)).map((file) => [file.path, file.content]));
  if (runtime === undefined) {
    runtime = shared;
    for (const [path, content] of shared) write(join(SHARED_RUNTIME, path), content);
  } else {
    for (const [path, content] of shared) {
      if (runtime.get(path) !== content) throw new Error(`${golden.name}: ${path} differs from the shared runtime`);
    }
  }
  for (const file of files) if (!isRuntimeFile(file.path)) write(join(dir, file.path), file.content);
  for (const runtimeDir of RUNTIME_DIRS) {
    const link = join(dir, runtimeDir);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(SHARED_RUNTIME, runtimeDir)), link);
  }
  console.log(`${golden.name}: ${files.length} files`);
}
