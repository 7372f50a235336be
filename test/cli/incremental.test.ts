import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { upToDateFileCount, ROOT_FILES } from "../../src/cli/up-to-date.js";
import { OWNED_DIRS } from "../../src/cli/output-dir.js";
import { FINGERPRINT_FIELD, inputHash, outputHash, readFingerprint } from "../../src/emit/fingerprint.js";
import { generate, preparePackage } from "../../src/generate.js";
import { run, type Run } from "../support/cli.js";
import { FIXTURES, listFiles, ROOT } from "../support/fixtures.js";

// Incremental generation: the generated package.json records what the package was generated from
// and a hash of its files; an unchanged, unedited package is answered without generating (and
// without loading ts-morph or prettier), and anything else still gets the full diff and repair.

const WSDL = "ryanbrainard-account-2012.wsdl";
const text = readFileSync(join(FIXTURES, "wsdl", WSDL), "utf8");
const FILES = (await generate({ inputs: [{ name: "account.wsdl", text }] })).files.length;

/** A temp project with a corpus WSDL at `account.wsdl`, generated into `out`. */
async function generated(): Promise<{ dir: string; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-incremental-"));
  cpSync(join(FIXTURES, "wsdl", WSDL), join(dir, "account.wsdl"));
  assert.equal((await run(dir, "account.wsdl", "--out", "out")).code, 0);
  return { dir, out: join(dir, "out") };
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}

const UP_TO_DATE: Run = { code: 0, stdout: "", stderr: `out is up to date (${FILES} files)\n` };
const NOTHING_WRITTEN: Run = { code: 0, stdout: "", stderr: `wrote 0 files to out (${FILES} unchanged)\n` };

/** Runs the installed bin in its own process and returns the modules it imported (URLs). */
async function importsOfBin(cwd: string, ...args: string[]): Promise<{ code: number; stderr: string; imports: string[] }> {
  const record = join(mkdtempSync(join(tmpdir(), "wsdl-to-ts-imports-")), "imports.txt");
  writeFileSync(record, "");
  const hook = join(ROOT, "test", "support", "record-imports.mjs");
  const bin = join(ROOT, "bin", "wsdl-to-ts.js");
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ["--import", hook, bin, ...args], {
      cwd,
      env: { ...process.env, RECORD_IMPORTS: record },
    });
    return { code: 0, stderr, imports: readFileSync(record, "utf8").split("\n").filter(Boolean) };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr, imports: readFileSync(record, "utf8").split("\n").filter(Boolean) };
  }
}

/** The modules of the generation stack: a fast-path run imports none of them. */
const HEAVY = [/\/node_modules\/ts-morph\//, /\/node_modules\/prettier\//, /\/dist\/emit\/(emit-package|ts-module|compile|format)\.js$/];
const heavyIn = (imports: readonly string[]): string[] => imports.filter((url) => HEAVY.some((pattern) => pattern.test(url)));

describe("incremental generation", () => {
  it("records the input and output hashes in the generated package.json, after the generatedBy mark", async () => {
    const { out } = await generated();
    const manifest = readFileSync(join(out, "package.json"), "utf8");
    const parsed = JSON.parse(manifest) as Record<string, unknown>;
    assert.equal(parsed["generatedBy"], "wsdl-to-ts");
    assert.deepEqual(Object.keys(parsed).slice(-2), ["generatedBy", FINGERPRINT_FIELD]);
    const record = readFingerprint(manifest);
    assert.equal(record?.input, preparePackage({ inputs: [{ name: "account.wsdl", text }] }).inputHash);
    assert.match(record?.output ?? "", /^sha256:[0-9a-f]{64}$/);
    const files = listFiles(out).map((path) => ({ path, content: readFileSync(join(out, path), "utf8") }));
    assert.equal(outputHash(files), record?.output);
    assert.equal(upToDateFileCount(out, record?.input ?? ""), FILES);
  });

  it("--check and regeneration on unchanged input exit 0 without loading ts-morph, prettier or the emitters", async () => {
    const { dir } = await generated();
    const check = await importsOfBin(dir, "account.wsdl", "--out", "out", "--check");
    assert.deepEqual({ code: check.code, stderr: check.stderr }, { code: 0, stderr: UP_TO_DATE.stderr });
    assert.deepEqual(heavyIn(check.imports), []);
    assert.ok(check.imports.some((url) => url.endsWith("/dist/cli/up-to-date.js")), "the recorder saw the CLI's modules");
    const again = await importsOfBin(dir, "account.wsdl", "--out", "out");
    assert.deepEqual({ code: again.code, stderr: again.stderr }, { code: 0, stderr: NOTHING_WRITTEN.stderr });
    assert.deepEqual(heavyIn(again.imports), []);
  });

  it("a run that must generate does load them (the recorder sees what the fast path avoids)", async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, "src", "types.ts"), readFileSync(join(out, "src", "types.ts"), "utf8").replace("Id: SalesforceId", "Id: string"));
    const check = await importsOfBin(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(check.code, 1);
    assert.ok(heavyIn(check.imports).some((url) => url.includes("/ts-morph/")));
    assert.ok(heavyIn(check.imports).some((url) => url.includes("/prettier/")));
  });

  it("a hand edit to a generated file is reported by --check with its diff and repaired by regeneration", async () => {
    const { dir, out } = await generated();
    const path = join(out, "dist", "esm", "parser.js");
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace("parseNotificationsMessage(xml", "parseNotificationsMessage(String(xml)"));
    const check = await run(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^--- a\/out\/dist\/esm\/parser\.js\n\+\+\+ b\/out\/dist\/esm\/parser\.js\n/m);
    assert.match(check.stdout, /^-.*parseNotificationsMessage\(String\(xml\)/m);
    assert.equal(check.stderr, "out is not up to date: 1 file would change:\n  out/dist/esm/parser.js\n");
    assert.deepEqual(await run(dir, "account.wsdl", "--out", "out"), { code: 0, stdout: "", stderr: `wrote 1 file to out (${FILES - 1} unchanged)\n` });
    assert.equal(readFileSync(path, "utf8"), original);
    assert.deepEqual(await run(dir, "account.wsdl", "--out", "out", "--check"), UP_TO_DATE);
  });

  it("a hand edit to package.json (outside the record) is detected too", async () => {
    const { dir, out } = await generated();
    const path = join(out, "package.json");
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace('"version": "0.0.0"', '"version": "9.9.9"'));
    const check = await run(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(check.code, 1);
    assert.equal(check.stderr, "out is not up to date: 1 file would change:\n  out/package.json\n");
    assert.equal((await run(dir, "account.wsdl", "--out", "out")).code, 0);
    assert.equal(readFileSync(path, "utf8"), original);
  });

  it("a deleted generated file is reported and written again", async () => {
    const { dir, out } = await generated();
    const path = join(out, "src", "runtime", "values.ts");
    const original = readFileSync(path, "utf8");
    rmSync(path);
    const check = await run(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^--- \/dev\/null\n\+\+\+ b\/out\/src\/runtime\/values\.ts$/m);
    assert.equal(check.stderr, "out is not up to date: 1 file would change:\n  out/src/runtime/values.ts\n");
    assert.equal((await run(dir, "account.wsdl", "--out", "out")).code, 0);
    assert.equal(readFileSync(path, "utf8"), original);
    assert.deepEqual(await run(dir, "account.wsdl", "--out", "out", "--check"), UP_TO_DATE);
  });

  it("a stale extra generated file is reported as deleted and removed by regeneration; a file without the mark is left alone", async () => {
    const { dir, out } = await generated();
    cpSync(join(out, "dist", "esm", "wsdl.js"), join(out, "dist", "esm", "old-wsdl.js"));
    writeFileSync(join(out, "src", "mine.ts"), "// my own helper\n");
    const check = await run(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(check.code, 1);
    assert.equal(check.stderr, "out is not up to date: 1 file would change:\n  out/dist/esm/old-wsdl.js (deleted)\n");
    assert.deepEqual(await run(dir, "account.wsdl", "--out", "out"), {
      code: 0,
      stdout: "",
      stderr: `wrote 0 files to out (${FILES} unchanged, 1 stale deleted)\n`,
    });
    assert.throws(() => statSync(join(out, "dist", "esm", "old-wsdl.js")), { code: "ENOENT" });
    assert.equal(readFileSync(join(out, "src", "mine.ts"), "utf8"), "// my own helper\n");
    assert.deepEqual(await run(dir, "account.wsdl", "--out", "out", "--check"), UP_TO_DATE);
  });

  it("changed options or a changed WSDL are not taken for up to date", async () => {
    const { dir, out } = await generated();
    const before = snapshot(out);
    const options = await run(dir, "account.wsdl", "--out", "out", "--check", "--package-version", "1.2.3");
    assert.equal(options.code, 1);
    assert.match(options.stderr, /^  out\/package\.json$/m);
    writeFileSync(join(dir, "account.wsdl"), `${readFileSync(join(dir, "account.wsdl"), "utf8")}\n`);
    const wsdl = await run(dir, "account.wsdl", "--out", "out", "--check");
    assert.equal(wsdl.code, 1);
    assert.match(wsdl.stderr, /^  out\/src\/wsdl\.ts$/m);
    assert.deepEqual(snapshot(out), before);
  });

  it("the record is left to generation when it does not match: another tool version, another WSDL name", () => {
    const base = { toolVersion: "0.1.0", options: { dateTime: "date", packageName: undefined }, inputs: [{ file: "a.wsdl", moduleName: undefined, text }] };
    const hash = inputHash(base);
    assert.match(hash, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(inputHash({ ...base, toolVersion: "0.2.0" }), hash);
    assert.notEqual(inputHash({ ...base, inputs: [{ file: "b.wsdl", moduleName: undefined, text }] }), hash);
    assert.notEqual(inputHash({ ...base, inputs: [{ file: "a.wsdl", moduleName: "Account", text }] }), hash);
    assert.notEqual(inputHash({ ...base, options: { dateTime: "string", packageName: undefined } }), hash);
    // The order options are given in is not part of what is generated.
    assert.equal(inputHash({ ...base, options: { packageName: undefined, dateTime: "date" } }), hash);
  });

  it("the fast path prints the WSDL's warnings as a full generation does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-incremental-"));
    const original = readFileSync(join(FIXTURES, "wsdl", "gwestersf-shipment__c-namespaced.wsdl"), "utf8");
    const decimal = original.replace(
      '<element name="gwestr__Weight__c" nillable="true" minOccurs="0" type="xsd:double"/>',
      '<element name="gwestr__Weight__c" nillable="true" minOccurs="0" type="xsd:decimal"/>',
    );
    assert.notEqual(decimal, original);
    writeFileSync(join(dir, "shipment.wsdl"), decimal);
    const first = await run(dir, "shipment.wsdl", "--out", "out");
    const warning =
      'shipment.wsdl:72:25: warning WSDL_UNKNOWN_TYPE: field "gwestr__Weight__c" has type xsd:decimal, which outbound messages do not use; it is kept as a string\n';
    assert.equal(first.code, 0);
    assert.ok(first.stderr.startsWith(warning), first.stderr);
    const count = listFiles(join(dir, "out")).length;
    const check = await importsOfBin(dir, "shipment.wsdl", "--out", "out", "--check");
    assert.deepEqual({ code: check.code, stderr: check.stderr }, { code: 0, stderr: `${warning}out is up to date (${count} files)\n` });
    assert.deepEqual(heavyIn(check.imports), []);
  });

  it("is deterministic: the same input gives byte-identical packages, wherever the WSDL is", async () => {
    const first = await generated();
    const second = await generated();
    assert.deepEqual(snapshot(second.out), snapshot(first.out));
    const moved = join(second.dir, "wsdls");
    cpSync(join(second.dir, "account.wsdl"), join(moved, "account.wsdl"));
    assert.deepEqual(await run(second.dir, "wsdls/account.wsdl", "--out", "out", "--check"), UP_TO_DATE);
  });

  it("every generated path is one the fast path hashes (ROOT_FILES or below OWNED_DIRS), for one message and for several", async () => {
    const contact = readFileSync(join(FIXTURES, "wsdl", "raolkn-contact.wsdl"), "utf8");
    for (const inputs of [[{ name: "account.wsdl", text }], [{ name: "account.wsdl", text }, { name: "contact.wsdl", text: contact }]]) {
      const { files } = await generate({ inputs });
      const outside = files.map((file) => file.path).filter((path) => !ROOT_FILES.includes(path) && !OWNED_DIRS.some((dir) => path.startsWith(`${dir}/`)));
      assert.deepEqual(outside, []);
    }
  });
});
