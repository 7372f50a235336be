import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it, before } from "node:test";
import { ROOT } from "../support/fixtures.js";
import { GOLDEN_CASES, GOLDEN_DIR } from "../support/golden-cases.js";
import { strictTscFlags, tscReport } from "../support/tsc.js";

// Every golden must compile under the strictest settings a consumer may use (strictTscFlags).
const DECLARATIONS = join(ROOT, "node_modules", ".cache", "golden-dts");

describe("goldens type-check with tsc --strict", () => {
  let output = "";
  before(async () => {
    rmSync(DECLARATIONS, { recursive: true, force: true });
    // Both entry points: the package and its `/testing` test kit.
    const entries = GOLDEN_CASES.flatMap((golden) =>
      ["index.ts", "testing.ts"].map((entry) => join(GOLDEN_DIR, golden.name, "src", entry)),
    );
    output = await tscReport([...strictTscFlags(DECLARATIONS), ...entries]);
  });

  for (const golden of GOLDEN_CASES) {
    it(`${golden.name} has no type errors`, () => {
      const errors = output.split("\n").filter((line) => line.includes(`golden/${golden.name}/`));
      assert.deepEqual(errors, []);
      // Proof that tsc really compiled it: the declarations of its entry point were emitted.
      assert.ok(existsSync(join(DECLARATIONS, golden.name, "src", "index.d.ts")), "no declarations were emitted");
      assert.ok(
        existsSync(join(DECLARATIONS, golden.name, "src", "testing.d.ts")),
        "no declarations of /testing were emitted",
      );
    });
  }

  it("reports nothing outside the goldens either", () => {
    const stray = output.split("\n").filter((line) => line.trim() !== "" && !line.includes("fixtures/golden/"));
    assert.deepEqual(stray, []);
  });
});
