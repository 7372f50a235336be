import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { buildGeneratedPackage } from "./generated-package.js";
import { generateMessage } from "./messages.js";
import { ACCOUNT_83_WSDL, makeTempDir } from "./paths.js";
import { readSObjectSchema } from "./wsdl-fields.js";

// Where our parser spends its time: `node --cpu-prof` on a loop of parseNotifications over the
// bench's message, summarised as self time per function. Not part of `npm run bench`; run it when
// a parse target is missed:
//
//   npx tsx bench/profile-parse.ts [--notifications 100] [--seconds 5] [--bytes] [--no-inlining] [--all-fields]
//
// --bytes feeds the UTF-8 bytes (the HTTP handler's path) instead of a string. --no-inlining passes
// V8's --no-turbo-inlining, so time spent in small helpers is charged to them instead of to the
// function they were inlined into (slower overall, clearer attribution). --all-fields sends every
// field in every record (no nulls), so all records have the same shape: compare with the default to
// see what varying record shapes cost.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const notifications = option(args, "--notifications", 100);
  const seconds = option(args, "--seconds", 5);
  const bytes = args.includes("--bytes");
  const dir = makeTempDir();
  try {
    const generated = await buildGeneratedPackage(ACCOUNT_83_WSDL, join(dir, "package"));
    const schema = readSObjectSchema(readFileSync(ACCOUNT_83_WSDL, "utf8"));
    const message = generateMessage(
      schema,
      notifications,
      args.includes("--all-fields") ? { uniformNullChance: 0 } : {},
    );
    const messageFile = join(dir, "message.xml");
    writeFileSync(messageFile, message.bytes);
    // Plain JS, so the profile holds only node, the generated package and this loop.
    const loop = join(dir, "loop.mjs");
    writeFileSync(
      loop,
      [
        `import { readFileSync } from "node:fs";`,
        `import { parseNotifications } from ${JSON.stringify(pathToFileURL(generated.entry).href)};`,
        `const bytes = readFileSync(${JSON.stringify(messageFile)});`,
        `const input = ${bytes ? "new Uint8Array(bytes)" : "bytes.toString('utf8')"};`,
        `let n = 0; const end = performance.now() + ${seconds * 1000};`,
        `while (performance.now() < end) { parseNotifications(input); n++; }`,
        `console.log(n + " parses, " + ((${seconds * 1000} / n) * 1000).toFixed(1) + " µs each (profiler on)");`,
      ].join("\n"),
    );
    const profiles = join(dir, "profiles");
    const flags = [
      "--cpu-prof",
      "--cpu-prof-dir",
      profiles,
      ...(args.includes("--no-inlining") ? ["--no-turbo-inlining"] : []),
    ];
    const run = spawnSync(process.execPath, [...flags, loop], { stdio: ["ignore", "inherit", "inherit"] });
    if (run.status !== 0) throw new Error(`profiling run exited ${run.status}`);
    const [file] = readdirSync(profiles);
    if (file === undefined) throw new Error("no .cpuprofile written");
    const profile = JSON.parse(readFileSync(join(profiles, file), "utf8")) as CpuProfile;

    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const delta = profile.timeDeltas[i] ?? 0;
      if (node === undefined) return;
      const { functionName, url, lineNumber } = node.callFrame;
      const where =
        url === ""
          ? ""
          : ` ${url.startsWith("file:") ? relative(generated.dir, new URL(url).pathname) : url}:${lineNumber + 1}`;
      const key = `${functionName === "" ? "(anonymous)" : functionName}${where}`;
      self.set(key, (self.get(key) ?? 0) + delta);
      total += delta;
    });
    const nulls = `${(message.nullShare * 100).toFixed(0)}% null fields`;
    console.log(
      `\nself time, ${notifications}-notification message (${message.bytes.length} bytes, ${nulls}, ${bytes ? "Uint8Array" : "string"} input):`,
    );
    for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
