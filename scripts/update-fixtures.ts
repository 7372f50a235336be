// Regenerates fixtures/golden from the golden cases: `npm run fixtures:update`. Review the diff.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../src/index.js";
import { GOLDEN_CASES, GOLDEN_DIR, goldenRequest } from "../test/support/golden-cases.js";

for (const golden of GOLDEN_CASES) {
  const dir = join(GOLDEN_DIR, golden.name);
  rmSync(dir, { recursive: true, force: true });
  const { files } = await generate(goldenRequest(golden));
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  console.log(`${golden.name}: ${files.length} files`);
}
