import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it, before } from "node:test";
import { promisify } from "node:util";
import { ROOT } from "../support/fixtures.js";
import { GOLDEN_CASES, GOLDEN_DIR } from "../support/golden-cases.js";

// Every golden must compile under the strictest settings a consumer may use, without @types/node
// (the package has no dependencies) and with per-file declaration emit (isolatedDeclarations).
const DECLARATIONS = join(ROOT, "node_modules", ".cache", "golden-dts");
const TSC_FLAGS = [
  "--ignoreConfig",
  "--strict",
  "--exactOptionalPropertyTypes",
  "--verbatimModuleSyntax",
  "--noUncheckedIndexedAccess",
  "--noImplicitOverride",
  "--noImplicitReturns",
  "--isolatedDeclarations",
  "--declaration",
  "--emitDeclarationOnly",
  "--outDir",
  DECLARATIONS,
  "--module",
  "nodenext",
  "--target",
  "es2022",
  "--types",
  "",
  "--pretty",
  "false",
];

describe("goldens type-check with tsc --strict", () => {
  let output = "";
  before(async () => {
    rmSync(DECLARATIONS, { recursive: true, force: true });
    // Both entry points: the package and its `/testing` test kit.
    const entries = GOLDEN_CASES.flatMap((golden) => ["index.ts", "testing.ts"].map((entry) => join(GOLDEN_DIR, golden.name, "src", entry)));
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    try {
      await promisify(execFile)(tsc, [...TSC_FLAGS, ...entries], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
  });

  for (const golden of GOLDEN_CASES) {
    it(`${golden.name} has no type errors`, () => {
      const errors = output.split("\n").filter((line) => line.includes(`golden/${golden.name}/`));
      assert.deepEqual(errors, []);
      // Proof that tsc really compiled it: the declarations of its entry point were emitted.
      assert.ok(existsSync(join(DECLARATIONS, golden.name, "src", "index.d.ts")), "no declarations were emitted");
      assert.ok(existsSync(join(DECLARATIONS, golden.name, "src", "testing.d.ts")), "no declarations of /testing were emitted");
    });
  }

  it("reports nothing outside the goldens either", () => {
    const stray = output.split("\n").filter((line) => line.trim() !== "" && !line.includes("fixtures/golden/"));
    assert.deepEqual(stray, []);
  });
});
