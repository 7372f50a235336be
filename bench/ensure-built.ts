import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

// The CLI runs from dist/, and in-process generate() (src/index.ts) needs the runtime templates
// that `npm run build` embeds into src/emit. Both come from the build: run it when they are
// missing, and say so when dist/ is older than the sources (the CLI rows then measure old code).

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds if needed; returns a warning when dist/ looks stale. */
export function ensureBuilt(log: (line: string) => void): string | undefined {
  const main = join(REPO_ROOT, "dist/cli/main.js");
  const templates = join(REPO_ROOT, "src/emit/runtime-templates.generated.ts");
  if (!existsSync(main) || !existsSync(templates)) {
    log("dist/ or the embedded runtime templates are missing: running npm run build …");
    try {
      execFileSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    } catch {
      throw new Error(
        "npm run build failed; the bench needs dist/ and the embedded templates (fix the build, then rerun)",
      );
    }
    if (!existsSync(main) || !existsSync(templates)) throw new Error("npm run build did not produce dist/cli/main.js");
  }
  const built = statSync(main).mtimeMs;
  const sources = Math.max(newestMtime(join(REPO_ROOT, "src")), newestMtime(join(REPO_ROOT, "templates")));
  return sources > built
    ? "dist/ is older than src/ or templates/: the CLI rows measure the last build (run npm run build)"
    : undefined;
}
