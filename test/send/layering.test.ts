import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../support/fixtures.js";

// The sender sits beside the emitters (wsdl → model → send → cli): it must not pull in ts-morph,
// prettier or anything under src/emit, so `sample` and `send` start fast and stay small.

/** Every module reachable from `entry` by static imports, as paths relative to the repository. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [join(ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const path = relative(ROOT, file);
    if (files.has(path)) continue;
    files.add(path);
    const source = readFileSync(file, "utf8");
    for (const [, spec] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      if (spec === undefined) continue;
      if (spec.startsWith(".")) pending.push(join(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe("src/send layering", () => {
  for (const entry of ["src/send/send.ts", "src/send/messages.ts", "src/cli/send-command.ts", "src/cli/sample-command.ts"]) {
    it(`${entry} reaches no ts-morph and no prettier${entry.startsWith("src/send/") ? ", and no emitter" : ""}`, () => {
      const { files, packages } = reachable(entry);
      assert.ok(files.size > 3);
      if (entry.startsWith("src/send/")) assert.deepEqual([...files].filter((path) => path.startsWith("src/emit/")), []);
      assert.deepEqual([...packages].filter((name) => name === "ts-morph" || name === "prettier"), []);
    });
  }
});
