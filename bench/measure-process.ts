import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

// Runs a command as a separate process and measures its wall time (spawn to exit, seen from here)
// and peak RSS: from GNU time when /usr/bin/time exists, else from a preloaded probe
// (bench/rss-probe.mjs) that reports process.resourceUsage().maxRSS at exit (node commands only).

export interface ProcessMeasurement {
  readonly wallMs: number;
  /** Peak resident set size in MiB. */
  readonly peakRssMiB: number;
  readonly exitCode: number | null;
  readonly stderr: string;
}

const GNU_TIME = "/usr/bin/time";
export const RSS_METHOD = existsSync(GNU_TIME) ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS probe";

export function measureNode(args: readonly string[], scratchDir: string, cwd = REPO_ROOT): Promise<ProcessMeasurement> {
  const rssFile = join(scratchDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime
    ? ["-f", "%M", "-o", rssFile, process.execPath, ...args]
    : ["--import", join(REPO_ROOT, "bench/rss-probe.mjs"), ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      let kilobytes = Number.NaN;
      try {
        // GNU time writes "Command exited with non-zero status N" before %M when the command fails.
        kilobytes = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
        rmSync(rssFile);
      } catch {
        // No RSS figure: reported as NaN.
      }
      resolve({ wallMs, peakRssMiB: kilobytes / 1024, exitCode, stderr });
    });
  });
}
