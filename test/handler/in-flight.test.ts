import assert from "node:assert/strict";
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { describe, it } from "node:test";
import {
  ACK_TRUE,
  createHandler,
  type OpportunityHandlerOptions,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { toFetchHandler } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/runtime/fetch-adapter.js";
import { toNodeHandler } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/runtime/node-adapter.js";
import { fixture } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";

// maxInFlightBytes bounds the body bytes held by all requests of one endpoint at once, counted
// from Content-Length up front or as bytes arrive; every path gives them back.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const OPTIONS: OpportunityHandlerOptions = {
  organizationId: "00D5w000004qGTO",
  dedupe: false,
  maxBodyBytes: 64 * 1024,
  maxInFlightBytes: 100 * 1024,
  onNotifications: () => {},
  onError: () => {},
};

interface Upload {
  readonly request: ClientRequest;
  readonly response: Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>;
}

/** Starts a POST and writes `first` bytes of it; the rest is up to the test. */
function startUpload(url: string, headers: Record<string, string>, first: number): Upload {
  const request = httpRequest(url, { method: "POST", headers: { "content-type": "text/xml", ...headers } });
  const response = new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let body = "";
      res.on("data", (data: Buffer) => (body += data.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
    });
  });
  if (first > 0) request.write(Buffer.alloc(first, " "));
  else request.flushHeaders();
  return { request, response };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("bytes in flight (node adapter over real HTTP)", () => {
  it("a declared length beyond what is left gets 503 with Retry-After at once; an abort gives the bytes back", async () => {
    const handler = createHandler(OPTIONS);
    const server = await listen(toNodeHandler(handler));
    try {
      const holding = startUpload(server.url, { "content-length": "60000" }, 1000);
      await until(() => handler.bytesInFlight === 60_000, "the first request's declared length to be held");

      const refused = startUpload(server.url, { "content-length": "60000" }, 0);
      const answer = await refused.response;
      assert.equal(answer.status, 503);
      assert.equal(answer.headers["retry-after"], "5");
      assert.match(answer.body, /<faultcode>soapenv:Server<\/faultcode> <faultstring>the endpoint is receiving more than 102400 bytes of messages at once; retry later/);
      refused.request.destroy();

      // Small deliveries still fit next to the held one, ten at once.
      const replies = await Promise.all(Array.from({ length: 10 }, () => postSoap(server.url, MESSAGE)));
      assert.deepEqual(replies.map((reply) => reply.status), Array(10).fill(200));

      holding.request.destroy(); // the client goes away mid-body
      await until(() => handler.bytesInFlight === 0, "the aborted request's bytes to be given back");
      const after = startUpload(server.url, { "content-length": "60000" }, 0);
      after.request.end(Buffer.alloc(60_000, " "));
      assert.equal((await after.response).status, 400, "read in full and parsed (60,000 spaces are no message)");
      assert.equal(handler.bytesInFlight, 0);
    } finally {
      await server.close();
    }
  });

  it("without Content-Length, bytes are counted as they arrive: 503 once the budget is spent", async () => {
    const handler = createHandler(OPTIONS);
    const server = await listen(toNodeHandler(handler));
    try {
      const holding = startUpload(server.url, { "content-length": "60000" }, 0);
      await until(() => handler.bytesInFlight === 60_000, "the declared length to be held");
      const streamed = startUpload(server.url, { "transfer-encoding": "chunked" }, 0);
      for (let i = 0; i < 8 && handler.bytesInFlight < 100 * 1024; i++) {
        streamed.request.write(Buffer.alloc(8 * 1024, " "));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const answer = await streamed.response;
      assert.equal(answer.status, 503);
      assert.equal(answer.headers["retry-after"], "5");
      streamed.request.destroy();
      await until(() => handler.bytesInFlight === 60_000, "the refused stream's bytes to be given back");
      holding.request.end(Buffer.alloc(60_000, " "));
      assert.equal((await holding.response).status, 400);
      assert.equal(handler.bytesInFlight, 0);
    } finally {
      await server.close();
    }
  });

  it("errors of user code, 413 and parse failures give the bytes back", async () => {
    const handler = createHandler({
      ...OPTIONS,
      onNotifications: () => {
        throw new Error("down");
      },
    });
    const server = await listen(toNodeHandler(handler));
    try {
      assert.equal((await postSoap(server.url, MESSAGE)).status, 500);
      assert.equal((await postSoap(server.url, "<not-xml")).status, 400);
      const large = startUpload(server.url, { "transfer-encoding": "chunked" }, 70 * 1024);
      assert.equal((await large.response).status, 413);
      large.request.destroy();
      await until(() => handler.bytesInFlight === 0, "every request's bytes to be given back");
    } finally {
      await server.close();
    }
  });
});

describe("bytes in flight (fetch adapter and the core)", () => {
  it("a whole body given to handle() is counted while it is answered", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = createHandler({ ...OPTIONS, maxInFlightBytes: 64 * 1024, onNotifications: () => gate });
    const post = (padding: number) => ({ method: "POST", url: "/", headers: { "content-type": "text/xml" }, body: MESSAGE + " ".repeat(padding) });
    const pending = handler.handle(post(60_000));
    assert.equal(handler.bytesInFlight, MESSAGE.length + 60_000);
    const second = await handler.handle(post(10_000));
    assert.equal(second.status, 503);
    assert.equal(second.headers["retry-after"], "5");
    release();
    assert.equal((await pending).status, 200);
    assert.equal(handler.bytesInFlight, 0);
  });

  it("a refused body is answered once: a stream whose cancel fails still gets the 413, with one error and one event", async () => {
    const errors: string[] = [];
    const events: number[] = [];
    const handler = createHandler({ ...OPTIONS, onError: (error) => errors.push(error.code), onDelivery: (event) => events.push(event.status) });
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(4096).fill(32)),
      cancel: () => {
        throw new Error("the stream cannot be cancelled");
      },
    });
    const init = { method: "POST", headers: { "content-type": "text/xml" }, body, duplex: "half" } as RequestInit;
    const refused = await toFetchHandler(handler)(new Request("http://x/", init));
    assert.equal(refused.status, 413);
    assert.deepEqual(errors, ["BODY_TOO_LARGE"]);
    assert.deepEqual(events, [413]);
    assert.equal(handler.bytesInFlight, 0);
  });

  it("a streamed body over the budget is cancelled with 503", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = createHandler({ ...OPTIONS, maxInFlightBytes: 64 * 1024, onNotifications: () => gate });
    const fetchHandler = toFetchHandler(handler);
    const pending = handler.handle({ method: "POST", url: "/", headers: { "content-type": "text/xml" }, body: MESSAGE + " ".repeat(50_000) });
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(4096).fill(32)),
      cancel: () => void (cancelled = true),
    });
    const init = { method: "POST", headers: { "content-type": "text/xml" }, body, duplex: "half" } as RequestInit;
    const refused = await fetchHandler(new Request("http://x/", init));
    assert.equal(refused.status, 503);
    assert.equal(cancelled, true);
    release();
    await pending;
    const response = await fetchHandler(new Request("http://x/", { method: "POST", headers: { "content-type": "text/xml" }, body: MESSAGE }));
    assert.equal(await response.text(), ACK_TRUE);
    assert.equal(handler.bytesInFlight, 0);
  });
});
