import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

// Runs a command as a separate process and measures its wall time (spawn to exit, seen from here),
// its CPU time (user + system) and peak RSS: from GNU time when /usr/bin/time exists, else from a
// preloaded probe (bench/rss-probe.mjs) that reports process.resourceUsage() at exit (node
// commands only). CPU time is less disturbed than wall time by other work on a shared machine.

export interface ProcessMeasurement {
  readonly wallMs: number;
  /** Peak resident set size in MiB. */
  readonly peakRssMiB: number;
  /** User + system CPU time of the process, in ms. */
  readonly cpuMs: number;
  readonly exitCode: number | null;
  readonly stderr: string;
}

const GNU_TIME = "/usr/bin/time";
export const RSS_METHOD = existsSync(GNU_TIME) ? "/usr/bin/time -f '%M %U %S'" : "process.resourceUsage() probe";

export function measureNode(
  args: readonly string[],
  scratchDir: string,
  cwd = REPO_ROOT,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessMeasurement> {
  const rssFile = join(scratchDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime
    ? ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args]
    : ["--import", join(REPO_ROOT, "bench/rss-probe.mjs"), ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      let kilobytes = Number.NaN;
      let cpuMs = Number.NaN;
      try {
        // GNU time writes "Command exited with non-zero status N" before its line when the command fails.
        const [rss, user, system] = (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
        kilobytes = rss ?? Number.NaN;
        cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
        rmSync(rssFile);
      } catch {
        // No figures: reported as NaN.
      }
      resolve({ wallMs, peakRssMiB: kilobytes / 1024, cpuMs, exitCode, stderr });
    });
  });
}
