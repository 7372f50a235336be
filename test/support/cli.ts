import { main } from "../../src/cli/main.js";

/** What one in-process CLI run gave: its exit code and everything it printed. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process (main(args, io)) in `cwd`, capturing stdout and stderr. */
export async function run(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
