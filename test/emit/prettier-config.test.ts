import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { resolveConfig } from "prettier";
import { formatTypeScript, PRETTIER_OPTIONS } from "../../src/emit/format.js";
import { ROOT } from "../support/fixtures.js";

// Generated code is formatted with the options pinned in src/emit/format.ts; the repo's
// .prettierrc.json must say the same, so that prettier run on this repo formats as the generator does.

describe("prettier configuration", () => {
  it(".prettierrc.json holds exactly the options generated code is formatted with", () => {
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, ".prettierrc.json"), "utf8")), PRETTIER_OPTIONS);
  });

  it("is what prettier resolves for the runtime templates and the sources (no other config file wins)", async () => {
    for (const file of ["templates/runtime/errors.ts", "src/emit/format.ts"]) {
      assert.deepEqual(await resolveConfig(join(ROOT, file)), PRETTIER_OPTIONS, file);
    }
  });

  it("the pinned options are the ones applied: lines break after 120 columns, with trailing commas", async () => {
    const call = (count: number): string => `f(${Array.from({ length: count }, (_, i) => `argument${i}`).join(", ")});`;
    assert.ok(call(9).length > 100 && call(9).length <= 120, "fits in 120, not in 80");
    assert.equal(await formatTypeScript(call(9)), `${call(9)}\n`);
    assert.ok(call(11).length > 120);
    assert.equal(
      await formatTypeScript(call(11)),
      `f(\n${Array.from({ length: 11 }, (_, i) => `  argument${i},`).join("\n")}\n);\n`,
    );
  });
});
