import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createNodeHandler } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { main } from "../../src/cli/main.js";
import { runCli, type CliRun } from "../support/cli.js";
import { ROOT } from "../support/fixtures.js";
import { listen, type TestServer } from "../support/http.js";

// `wsdl-to-ts send`: exact messages and exit codes (0 all acked, 1 not acked, 2 bad input).

const WSDL = "fixtures/wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl";
const MESSAGE = "fixtures/messages/hostiledeveloper-opportunity-27fields-sandbox.xml";

function run(...args: string[]): Promise<CliRun> {
  return runCli(ROOT, "send", ...args);
}

/** Timings vary from run to run; everything else is exact. */
function withoutTimings(text: string): string {
  return text.replace(/[0-9.]+ ms/g, "N ms");
}

describe("wsdl-to-ts send: errors and exit codes", () => {
  let requests = 0;
  let server: TestServer;
  before(async () => {
    const handler = createNodeHandler({ organizationId: "00D5w000004qGTOEA2", onNotifications: () => {} });
    server = await listen((request, response) => (requests++, handler(request, response)));
  });
  after(() => server.close());

  it("a bad URL: exit 2, one line, nothing sent", async () => {
    for (const to of ["not a url", "ftp://127.0.0.1/x", "file:///etc/passwd"]) {
      assert.deepEqual(await run(WSDL, "--to", to), {
        code: 2,
        stdout: "",
        stderr: `wsdl-to-ts: --to ${JSON.stringify(to)} is not an http:// or https:// URL\n`,
      });
    }
    assert.deepEqual(await run(WSDL), { code: 2, stdout: "", stderr: "wsdl-to-ts: error USAGE_MISSING_OPTION: required option '--to <url>' not specified\n" });
  });

  it("a WSDL that is not an outbound message: exit 2 with the located error, nothing sent", async () => {
    assert.deepEqual(await run("fixtures/broken-wsdl/no-notifications.wsdl", "--to", server.url), {
      code: 2,
      stdout: "",
      stderr:
        'fixtures/broken-wsdl/no-notifications.wsdl:9:1: error WSDL_NO_NOTIFICATIONS: no element "notifications" in namespace http://soap.sforce.com/2005/09/outbound: this is not a Salesforce outbound-message WSDL\n',
    });
    assert.deepEqual(await run("fixtures/broken-wsdl/not-a-wsdl-plain-xsd.wsdl", "--to", server.url), {
      code: 2,
      stdout: "",
      stderr:
        "fixtures/broken-wsdl/not-a-wsdl-plain-xsd.wsdl:1:9: error WSDL_NOT_A_WSDL: not a WSDL: the root element is <schema> in namespace http://www.w3.org/2001/XMLSchema, expected <definitions> in namespace http://schemas.xmlsoap.org/wsdl/\n",
    });
    assert.equal(requests, 0);
  });

  it("an unreachable port on loopback: every try of the (scaled) 24 hours is refused, exit 1", async () => {
    const closed = await listen(() => {});
    const to = `${closed.url}/salesforce`;
    await closed.close();
    const result = await run(WSDL, "--to", to, "--time-scale", "0.00001");
    assert.equal(result.code, 1);
    assert.equal(
      withoutTimings(result.stdout),
      [
        `sent 1 message (1 notification) to ${to}`,
        "acked: 0 messages (0 notifications)",
        "retried: 1 message (18 retries)",
        "failed: 1 message",
        "  message 1 (1 notification): java.net.ConnectException: Connection refused",
        "latency: p50 N ms, p99 N ms (19 tries)",
        "",
      ].join("\n"),
    );
    const lines = withoutTimings(result.stderr).trimEnd().split("\n");
    assert.equal(lines.length, 19);
    assert.equal(lines[0], "message 1/1, 1 notification, try 1: failed (N ms): java.net.ConnectException: Connection refused; next try in N ms (30 s unscaled)");
    assert.equal(lines[8], "message 1/1, 1 notification, try 9: failed (N ms): java.net.ConnectException: Connection refused; next try in N ms (2 h unscaled)");
    assert.equal(lines[18], "message 1/1, 1 notification, try 19: failed (N ms): java.net.ConnectException: Connection refused; dropped: no try left within 24 hours");
  });

  it("--file sends a captured message as it is; one of another object is refused before sending", async () => {
    requests = 0;
    const sent = await run(WSDL, "--to", server.url, "--file", MESSAGE);
    assert.equal(sent.code, 0);
    assert.equal(withoutTimings(sent.stderr), "message 1/1, 1 notification, try 1: acked (HTTP 200, N ms)\n");
    assert.equal(requests, 1);
    assert.deepEqual(await run("fixtures/wsdl/pcon-case-28fields.wsdl", "--to", server.url, "--file", MESSAGE), {
      code: 2,
      stdout: "",
      stderr: `wsdl-to-ts: ${MESSAGE}: WRONG_SOBJECT_TYPE at /Envelope/Body/notifications/Notification[1]/sObject (line 12, column 5): expected xsi:type sf:Case, found "sf:Opportunity"\n`,
    });
    assert.deepEqual(await run(WSDL, "--to", server.url, "--file", MESSAGE, "--count", "3", "--null-rate", "1"), {
      code: 2,
      stdout: "",
      stderr: "wsdl-to-ts: --file sends the file as it is; it cannot be combined with --count, --null-rate\n",
    });
    assert.equal(requests, 1);
  });

  it("flags out of range are usage errors", async () => {
    const cases: [string[], string][] = [
      [["--batch", "101"], "--batch 101 is out of range: give 1 to 100"],
      [["--time-scale", "0"], "--time-scale 0 is out of range: give a number above 0, up to 1"],
      [["--timeout", "-1"], "--timeout -1 is out of range: give a number above 0"],
      [["--duplicate-rate", "1.5"], "--duplicate-rate 1.5 is out of range: give a number from 0 to 1"],
      [["--org", "001000000000001"], '--org "001000000000001" is not an organization id (15 or 18 letters and digits starting with 00D)'],
      [["--org", "00D5w000004qGTOAAA"], '--org: the last 3 characters of "00D5w000004qGTOAAA" are not its case-safe suffix'],
    ];
    for (const [flags, message] of cases) {
      assert.deepEqual(await run(WSDL, "--to", server.url, ...flags), { code: 2, stdout: "", stderr: `wsdl-to-ts: ${message}\n` }, flags.join(" "));
    }
  });
});

describe("wsdl-to-ts send, interrupted", () => {
  it("stops waiting for the next retry when the interrupt signal fires, starts no other message, and prints the summary", { timeout: 15_000 }, async () => {
    const server = await listen((_request, response) => response.writeHead(500, { "content-type": "text/html" }).end("<html>down</html>"));
    const interrupt = new AbortController();
    let stdout = "";
    let stderr = "";
    const io = { cwd: ROOT, stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), interrupt: interrupt.signal };
    const started = performance.now();
    // The first retry is due after 30 s (time scale 1); the interrupt comes after the first try.
    const running = main(["send", WSDL, "--to", server.url, "--org", "00D5w000004qGTO", "--count", "3", "--batch", "1"], io);
    setTimeout(() => interrupt.abort(), 500);
    const code = await running;
    await server.close();
    assert.equal(code, 1);
    assert.ok(performance.now() - started < 10_000, "it did not wait for the retry");
    // The retry is due 30 s after the first try started, so the wait shown is 30 s less the try's own time.
    const wait = Number(/next try in ([\d.]+) s/.exec(stderr)?.[1]);
    assert.ok(wait > 25 && wait <= 30, `next try in ${wait} s`);
    assert.equal(
      withoutTimings(stderr).replace(/next try in [\d.]+ s/, "next try in N s"),
      "message 1/3, 1 notification, try 1: failed (HTTP 500, N ms): org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog.; next try in N s\n" +
        "interrupted: no more retries; what was not acknowledged is reported as failed\n",
    );
    // The two messages not tried yet are not started after the interrupt.
    assert.equal(
      withoutTimings(stdout),
      [
        `sent 3 messages (3 notifications) to ${server.url}/`,
        "acked: 0 messages (0 notifications)",
        "retried: 0 messages (0 retries)",
        "failed: 3 messages",
        "  message 1 (1 notification): org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog.",
        "  message 2 (1 notification): not sent: interrupted",
        "  message 3 (1 notification): not sent: interrupted",
        "latency: p50 N ms, p99 N ms (1 try)",
        "",
      ].join("\n"),
    );
  });

  it("aborts the try in flight when the endpoint never answers, counts it as interrupted and prints the summary at once", { timeout: 15_000 }, async () => {
    let received = 0;
    // Reads every request and never answers; its connections are closed when the test ends.
    const server = await listen((request) => {
      received++;
      request.resume();
    });
    const interrupt = new AbortController();
    let stdout = "";
    let stderr = "";
    const io = { cwd: ROOT, stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), interrupt: interrupt.signal };
    const started = performance.now();
    try {
      // --timeout 10 bounds the run even if the abort were ignored; the interrupt comes after 300 ms.
      const running = main(["send", WSDL, "--to", server.url, "--org", "00D5w000004qGTO", "--count", "2", "--batch", "1", "--timeout", "10"], io);
      setTimeout(() => interrupt.abort(), 300);
      assert.equal(await running, 1);
    } finally {
      await server.close();
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 5_000, `the summary came ${Math.round(elapsed)} ms after the start, not at the interrupt`);
    assert.equal(received, 1, "the second message is not started");
    assert.equal(
      withoutTimings(stderr),
      "message 1/2, 1 notification, try 1: interrupted (N ms): no answer yet, the try was aborted\n" +
        "interrupted: no more retries; what was not acknowledged is reported as failed\n",
    );
    assert.equal(
      withoutTimings(stdout),
      [
        `sent 2 messages (2 notifications) to ${server.url}/`,
        "acked: 0 messages (0 notifications)",
        "retried: 0 messages (0 retries)",
        "failed: 2 messages",
        "  message 1 (1 notification): interrupted: no answer yet, the try was aborted",
        "  message 2 (1 notification): not sent: interrupted",
        "latency: p50 N ms, p99 N ms (0 tries; 1 interrupted try left out)",
        "",
      ].join("\n"),
    );
  });

  it("Ctrl-C (SIGINT) to the installed command aborts the try in flight and prints the summary at once", { timeout: 15_000 }, async () => {
    let received: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => (received = resolve));
    const server = await listen((request) => {
      request.resume();
      received();
    });
    try {
      const args = [join(ROOT, "bin", "wsdl-to-ts.js"), "send", WSDL, "--to", server.url, "--org", "00D5w000004qGTO", "--timeout", "10"];
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.resume();
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await requestArrived;
      const signalled = performance.now();
      child.kill("SIGINT");
      assert.equal(await exited, 1);
      const afterSignal = performance.now() - signalled;
      assert.ok(afterSignal < 3_000, `the command ended ${Math.round(afterSignal)} ms after SIGINT`);
      assert.match(stdout, /^ {2}message 1 \(1 notification\): interrupted: no answer yet, the try was aborted$/m);
    } finally {
      await server.close();
    }
  });
});
