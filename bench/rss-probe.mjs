// Preloaded with `node --import` into a measured process when /usr/bin/time is not available:
// writes the process's peak RSS (kB, as getrusage reports it) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
