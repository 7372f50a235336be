import { chunksOf, CONSTRUCTS, hostileBody, readBody } from "./constructs.js";

// One child process per construct and path (run by scaling.ts): reads a body of N and of 4N
// bytes, and prints the peak RSS growth each caused and the best time of five reads of each
// (taken in turn, after the first reads, which also warm up).
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
const [small, large] = inputs as [typeof inputs[0], typeof inputs[0]];
// Memory first (the peak only ever rises): one read of N, then one of 4N, both from one base.
const before = peakRss();
readBody(construct, small);
const growthN = peakRss() - before;
readBody(construct, large);
const growth4N = peakRss() - before;
// Then time, N and 4N in turn, so that a busy spell on the machine hits both alike.
const best = [Infinity, Infinity];
for (let run = 0; run < 5; run++) {
  for (const [i, input] of [small, large].entries()) {
    const started = performance.now();
    readBody(construct, input);
    best[i] = Math.min(best[i] as number, performance.now() - started);
  }
}
process.stdout.write(JSON.stringify([{ ms: best[0], rssGrowth: growthN }, { ms: best[1], rssGrowth: growth4N }]));
