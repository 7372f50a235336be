import { chunksOf, CONSTRUCTS, hostileBody, readBody } from "./constructs.js";

// One child process per construct and path (run by scaling.ts): reads a body of N and of 4N
// bytes, and prints the best time of five reads of each (after one warm-up read) and the peak RSS growth each caused.
// Usage: scaling-probe.ts <construct> <string|bytes|chunks> <N bytes>

const [name = "", path = "bytes", size = "1048576"] = process.argv.slice(2);
const construct = CONSTRUCTS[name];
if (construct === undefined) throw new Error(`unknown construct ${name}`);
const decoder = new TextDecoder();
const inputs = [Number(size), 4 * Number(size)].map((bytes) => {
  const body = hostileBody(construct, bytes);
  return path === "string" ? decoder.decode(body) : path === "chunks" ? chunksOf(body, 65_536) : body;
});
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
const results: { ms: number; rssGrowth: number }[] = [];
// Both growths count from before the first read: the peak only ever rises.
const before = peakRss();
for (const input of inputs) {
  readBody(construct, input); // warm-up: the first read of a size also compiles and sizes the heap
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    readBody(construct, input);
    best = Math.min(best, performance.now() - started);
  }
  results.push({ ms: best, rssGrowth: peakRss() - before });
}
process.stdout.write(JSON.stringify(results));
