import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as estree from "prettier/plugins/estree";
import * as typescript from "prettier/plugins/typescript";
import { format } from "prettier/standalone";
import { formatTypeScript, PRETTIER_OPTIONS } from "../../src/emit/format.js";
import { FIXTURES, listFiles } from "../support/fixtures.js";

// Generated modules are formatted with prettier's "babel-ts" parser because it is faster; this
// holds it to what prettier's "typescript" parser prints, over every golden module.

const GOLDEN = join(FIXTURES, "golden");
const modules = listFiles(GOLDEN).filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts") && path.includes("/src/") && !path.includes("/runtime/"));

describe("formatTypeScript", () => {
  it("covers the goldens' modules", () => {
    assert.ok(modules.length >= 6 * 20, `${modules.length} modules`);
  });

  it("prints every golden module exactly as prettier's typescript parser does", async () => {
    for (const path of modules) {
      const source = readFileSync(join(GOLDEN, path), "utf8");
      const viaTypeScript = await format(source, { ...PRETTIER_OPTIONS, parser: "typescript", plugins: [estree, typescript] });
      assert.equal(viaTypeScript, source, `${path}: the typescript parser formats it differently`);
      assert.equal(await formatTypeScript(source), source, `${path}: not stable under formatTypeScript`);
    }
  });

  it("lays out unformatted code as the typescript parser does", async () => {
    const messy = 'import {b,a} from "./x.js";\nexport interface T{readonly "a-b"?:string|null;c:Array<number>}\nexport function f(r:T):T{switch(r.c.length){case 0:return r;default:return {...r,c:[1,2,3]}}}\n';
    const viaTypeScript = await format(messy, { ...PRETTIER_OPTIONS, parser: "typescript", plugins: [estree, typescript] });
    assert.equal(await formatTypeScript(messy), viaTypeScript);
    assert.notEqual(viaTypeScript, messy);
  });
});
