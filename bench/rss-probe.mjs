// Preloaded with `node --import` into a measured process when /usr/bin/time is not available:
// writes the process's peak RSS (kB, as getrusage reports it) and its user and system CPU seconds
// (as GNU time's "%M %U %S") to the file named by BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
  });
}
