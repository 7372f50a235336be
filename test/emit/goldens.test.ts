import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generate } from "../../src/index.js";
import { listFiles, ROOT } from "../support/fixtures.js";
import { GOLDEN_CASES, GOLDEN_DIR, goldenRequest } from "../support/golden-cases.js";

// The whole output of every golden case, byte for byte. After an intended change of the
// generator, run `npm run fixtures:update` and review the diff of fixtures/golden.

describe("golden outputs", () => {
  for (const golden of GOLDEN_CASES) {
    it(`${golden.name} matches fixtures/golden/${golden.name}`, async () => {
      const { files } = await generate(goldenRequest(golden));
      const dir = join(GOLDEN_DIR, golden.name);
      assert.deepEqual(
        files.map((file) => file.path),
        listFiles(dir),
        "the generated file list differs from the golden directory",
      );
      for (const file of files) {
        assert.equal(file.content, readFileSync(join(dir, file.path), "utf8"), `${file.path} differs from the golden`);
      }
    });
  }
});

describe("determinism", () => {
  it("gives byte-identical output for the same input, whatever the input's directory", async () => {
    const golden = GOLDEN_CASES.find((c) => c.name === "paustint-account-83fields-managedpkgs");
    assert.ok(golden);
    const request = goldenRequest(golden);
    const first = await generate(request);
    const moved = await generate({
      inputs: request.inputs.map((input) => ({ ...input, name: `C:\\elsewhere\\deep\\${input.name.split("/").pop()}` })),
    });
    assert.deepEqual(moved.files, first.files);
    assert.deepEqual((await generate(request)).files, first.files);
  });

  it("puts no timestamp and no absolute path into any file", async () => {
    const now = new Date();
    const today = [now.toISOString().slice(0, 10), now.toLocaleDateString("en-CA")];
    for (const golden of GOLDEN_CASES) {
      const { files } = await generate(goldenRequest(golden));
      for (const file of files) {
        for (const date of today) assert.ok(!file.content.includes(date), `${golden.name}/${file.path} has today's date`);
        assert.ok(!file.content.includes(ROOT), `${golden.name}/${file.path} has an absolute path`);
      }
    }
  });
});
