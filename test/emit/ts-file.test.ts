import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TsFile, TsPrinter } from "../../src/emit/ts-file.js";
import { NameClashError } from "../../src/emit/ts-names.js";

// The emitters' file API: imports as symbols, merged and sorted when printed; names checked.

const HEADER = "// header";

async function printed(build: (file: TsFile) => void): Promise<string[]> {
  const file = new TsFile("src/x.ts", HEADER);
  build(file);
  return (await new TsPrinter().print(file)).split("\n");
}

function clash(build: (file: TsFile) => void): string {
  const file = new TsFile("src/x.ts", HEADER);
  try {
    build(file);
  } catch (error) {
    assert.ok(error instanceof NameClashError, String(error));
    return error.message;
  }
  assert.fail("no NameClashError");
}

describe("TsFile imports", () => {
  it("merges the imports of one module into one declaration, values and types together, sorted by module and name", async () => {
    const lines = await printed((file) => {
      const b = file.import("b", "./z.js");
      const A = file.import("A", "./z.js", { type: true });
      const c = file.import("c", "./a.js");
      const again = file.import("b", "./z.js");
      file.const({ name: "X", type: `${A}`, value: `${b}(${c}, ${again})` });
    });
    assert.deepEqual(lines.slice(0, 3), [HEADER, 'import { c } from "./a.js";', 'import { type A, b } from "./z.js";']);
  });

  it("prints `import type` when every name of a module is a type, and a value import wins over a type import of the same name", async () => {
    const lines = await printed((file) => {
      const T = file.import("T", "./t.js", { type: true });
      const U = file.import("U", "./t.js", { type: true });
      file.import("V", "./v.js", { type: true });
      const V = file.import("V", "./v.js");
      file.const({ name: "x", type: `${T} | ${U}`, value: `${V}` });
    });
    assert.deepEqual(lines.slice(1, 3), ['import type { T, U } from "./t.js";', 'import { V } from "./v.js";']);
  });

  it("leaves out imports whose symbol is never printed", async () => {
    const lines = await printed((file) => {
      file.import("unused", "./u.js");
      file.const({ name: "x", type: "number", value: "1" });
    });
    assert.deepEqual(lines, [HEADER, "const x: number = 1;", ""]);
  });

  it("puts namespace imports in module order beside named ones", async () => {
    const lines = await printed((file) => {
      const B = file.importNamespace("B", "./b/index.js");
      const a = file.import("a", "./a.js");
      file.const({ name: "x", type: "unknown", value: `[${B}, ${a}]` });
    });
    assert.deepEqual(lines.slice(1, 3), ['import { a } from "./a.js";', 'import * as B from "./b/index.js";']);
  });
});

describe("TsFile names", () => {
  it("refuses one name imported from two modules", () => {
    assert.equal(
      clash((file) => {
        file.import("Route", "./runtime/router.js", { type: true });
        file.importNamespace("Route", "./Route/index.js");
      }),
      'src/x.ts: "Route" is imported from ./runtime/router.js and the namespace import of ./Route/index.js',
    );
  });

  it("refuses a declaration named like an import", () => {
    assert.equal(
      clash((file) => {
        file.import("SalesforceId", "./runtime/types.js", { type: true });
        file.interface({ name: "SalesforceId", exported: true, properties: [] });
      }),
      'src/x.ts: "SalesforceId" is imported from ./runtime/types.js and declared as an interface',
    );
  });

  it("refuses a declaration that shadows a global the file uses", () => {
    assert.equal(
      clash((file) => {
        file.global("Date");
        file.global("Date");
        file.typeAlias({ name: "Date", type: "string" });
      }),
      'src/x.ts: "Date" is the global Date and declared as a type',
    );
  });

  it("refuses one name exported twice", () => {
    assert.equal(
      clash((file) => {
        file.reexport("./types.js", { types: ["FaultCode"] });
        file.reexport("./response.js", { values: ["ackResponse"], types: ["FaultCode"] });
      }),
      'src/x.ts: "FaultCode" is re-exported from ./types.js and re-exported from ./response.js',
    );
  });

  it("lists every name a file binds or exports", () => {
    const file = new TsFile("src/x.ts", HEADER);
    file.import("a", "./a.js");
    file.global("Map");
    file.function({ name: "f", exported: true, parameters: [], returns: "void", body: "" });
    file.exportNamespace("N", "./n.js");
    assert.deepEqual([...file.boundNames().keys()].sort(), ["Map", "N", "a", "f"]);
  });
});
