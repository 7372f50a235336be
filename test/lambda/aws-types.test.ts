import { execFile } from "node:child_process";
import { join } from "node:path";
import { it } from "node:test";
import { promisify } from "node:util";
import { ROOT } from "../support/fixtures.js";

// The event, context and result types are structural (no @types/aws-lambda in the package); this
// compiles aws-types.ts, which assigns AWS's official types to them and the result to AWS's.
it("AWS's event and context types fit the Lambda adapter's, and its result fits each source's result type", async () => {
  const tsc = join(ROOT, "node_modules", ".bin", "tsc");
  await promisify(execFile)(tsc, ["-p", join(ROOT, "test", "lambda", "tsconfig.json")], { cwd: ROOT });
});
