import { chunksOf, CONSTRUCTS, hostileBody, readBody } from "../fuzz/constructs.js";

// Run by memory.test.ts in a child process with a small heap: reads a large body built as bytes
// (outside the JavaScript heap) as one array, then as 64 kB chunks, and exits 0 when the reader
// got through both. Usage: memory-probe.ts <construct> <megabytes>

const [name = "", megabytes = "16"] = process.argv.slice(2);
const construct = CONSTRUCTS[name];
if (construct === undefined) throw new Error(`unknown construct ${name}`);
const bytes = hostileBody(construct, Number(megabytes) * 1024 * 1024);
readBody(construct, bytes);
readBody(construct, chunksOf(bytes, 65_536));
