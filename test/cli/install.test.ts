import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { FIXTURES, listFiles, ROOT } from "../support/fixtures.js";

// The tool as users get it: `npm pack` of a checkout without dist/ (prepack builds it), the tarball
// installed into a fresh project, both bins run there with npx. Installs come from the npm cache.

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; bin: Record<string, string> };

/** What a clean checkout holds that packing needs: sources, templates, the build script and configs. */
const CHECKOUT = ["package.json", "README.md", "LICENSE", "bin", "src", "templates", "scripts", "tsconfig.json", "tsconfig.build.json"];

describe("the packed tool, installed into a fresh project", { timeout: 240_000 }, () => {
  let work: string;
  let tarball: string;
  let install: { stdout: string; stderr: string };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "wsdl-to-ts-install-"));
    const checkout = join(work, "checkout");
    for (const entry of CHECKOUT) cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
    const pack = await run("npm", ["pack", "--silent", "--pack-destination", work], { cwd: checkout });
    tarball = join(work, pack.stdout.trim().split("\n").pop() ?? "");
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "my-app", private: true }));
    cpSync(join(FIXTURES, "wsdl", "aldoforce-opportunity.wsdl"), join(app, "opportunity.wsdl"));
    install = await run("npm", ["install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: app });
  });

  it("ships the compiled CLI, both bins, the README and the MIT LICENSE", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const entries = stdout.trim().split("\n");
    for (const path of ["package/bin/wsdl-to-ts.js", "package/dist/cli/main.js", "package/dist/index.js", "package/dist/index.d.ts", "package/README.md", "package/LICENSE"]) {
      assert.ok(entries.includes(path), `${path} is missing from the tarball`);
    }
    assert.deepEqual(manifest.bin, { "wsdl-to-ts": "bin/wsdl-to-ts.js", "outbound-wsdl-to-ts": "bin/wsdl-to-ts.js" });
    const { stdout: license } = await run("tar", ["-xzOf", tarball, "package/LICENSE"]);
    assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} wsdl-to-ts contributors\n/);
    assert.equal((JSON.parse((await run("tar", ["-xzOf", tarball, "package/package.json"])).stdout) as { license: string }).license, "MIT");
  });

  it("installs without a warning (no install or prepare script for npm to flag)", () => {
    assert.doesNotMatch(install.stderr, /warn|ERR!/i, install.stderr);
    const installed = JSON.parse(readFileSync(join(work, "app", "node_modules", manifest.name, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) assert.equal(installed.scripts?.[script], undefined, script);
  });

  it("its API imports by name there: generate() from the main entry, the sender from outbound-wsdl-to-ts/send", async () => {
    const app = join(work, "app");
    const script = `
      import { createServer } from "node:http";
      import { readFileSync } from "node:fs";
      import { generate } from "outbound-wsdl-to-ts";
      import { sampleMessages, send, shapeOfWsdl, summarize } from "outbound-wsdl-to-ts/send";
      const wsdl = readFileSync("opportunity.wsdl", "utf8");
      const { files } = await generate({ inputs: [{ name: "opportunity.wsdl", text: wsdl }] });
      let posts = 0;
      const ack = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>';
      const server = createServer((req, res) => { posts++; req.resume(); req.on("end", () => res.writeHead(200, { "content-type": "text/xml" }).end(ack)); });
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      const messages = sampleMessages(shapeOfWsdl("opportunity.wsdl", wsdl), { count: 3, batch: 2 });
      const deliveries = await send({ to: "http://127.0.0.1:" + server.address().port + "/", messages, timeoutSeconds: 10 });
      server.close();
      const { acked, ackedNotifications } = summarize("x", deliveries);
      console.log(JSON.stringify({ files: files.some((f) => f.path === "src/parser.ts"), posts, acked, ackedNotifications }));
    `;
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: app });
    assert.deepEqual(JSON.parse(stdout), { files: true, posts: 2, acked: 2, ackedNotifications: 3 });
  });

  for (const bin of ["wsdl-to-ts", "outbound-wsdl-to-ts"]) {
    it(`\`npx ${bin}\` generates a package there, with nothing but its report on stderr`, async () => {
      const app = join(work, "app");
      const out = `generated/${bin}`;
      const written = await run("npx", ["--offline", bin, "opportunity.wsdl", "--out", out], { cwd: app });
      const files = listFiles(join(app, out));
      assert.deepEqual(written, { stdout: "", stderr: `wrote ${files.length} files to ${out} (0 unchanged)\n` });
      assert.ok(files.includes("src/parser.ts") && files.includes("dist/esm/index.js"), files.join(", "));
      assert.equal((JSON.parse(readFileSync(join(app, out, "package.json"), "utf8")) as { name: string }).name, "opportunity-outbound-message");
      const check = await run("npx", ["--offline", bin, "opportunity.wsdl", "--out", out, "--check"], { cwd: app });
      assert.deepEqual(check, { stdout: "", stderr: `${out} is up to date (${files.length} files)\n` });
      const version = await run("npx", ["--offline", bin, "--version"], { cwd: app });
      assert.deepEqual(version, { stdout: `${manifest.version}\n`, stderr: "" });
    });
  }
});
