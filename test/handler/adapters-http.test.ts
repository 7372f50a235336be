import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import express from "express";
import {
  ACK_TRUE,
  createFetchHandler,
  createHandler,
  createNodeHandler,
  type OpportunityHandlerOptions,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { toFetchHandler } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/runtime/fetch-adapter.js";
import { fixture } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";

// The Node and Fetch adapters around the core: body reading, limits and body parsers.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const OPTIONS: OpportunityHandlerOptions = {
  organizationId: "00D5w000004qGTO",
  dedupe: false,
  onNotifications: () => {},
  onError: () => {},
};

/** Streams `total` bytes in chunks without a Content-Length; resolves with the response and the bytes written by then. */
function streamUpload(url: string, total: number): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "text/xml", "transfer-encoding": "chunked" } });
    req.on("response", (res) => {
      const sentWhenAnswered = sent;
      let body = "";
      res.on("data", (data: Buffer) => (body += data.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // The server closes the connection after answering; a late write may see the reset.
      if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
    });
    const pump = (): void => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("node adapter", () => {
  it("stops reading a body larger than maxBodyBytes and answers 413 before the upload ends", async () => {
    const server = await listen(createNodeHandler({ ...OPTIONS, maxBodyBytes: 256 * 1024 }));
    try {
      const total = 64 * 1024 * 1024;
      const { status, body, sentWhenAnswered } = await streamUpload(server.url, total);
      assert.equal(status, 413);
      assert.match(body, /<faultcode>soapenv:Client<\/faultcode> <faultstring>the message is larger than 262144 bytes/);
      assert.ok(sentWhenAnswered < total / 2, `answered only after ${sentWhenAnswered} of ${total} bytes`);
    } finally {
      await server.close();
    }
  });

  it("answers 413 from Content-Length alone, without reading the body", async () => {
    const server = await listen(createNodeHandler({ ...OPTIONS, maxBodyBytes: 1000 }));
    try {
      const reply = await postSoap(server.url, MESSAGE);
      assert.equal(reply.status, 413);
      assert.equal(reply.headers.get("connection"), "close");
    } finally {
      await server.close();
    }
  });

  it("takes the body from express.raw() or express.text() when they ran first", async () => {
    for (const parser of [express.raw({ type: "*/*" }), express.text({ type: "*/*" })]) {
      const app = express();
      app.post("/hook", parser, createNodeHandler(OPTIONS));
      const server = await listen(app);
      try {
        const reply = await postSoap(`${server.url}/hook`, MESSAGE);
        assert.equal(reply.status, 200);
        assert.equal(reply.body, ACK_TRUE);
      } finally {
        await server.close();
      }
    }
  });

  it("answers a SOAP Fault, not Express's HTML, when a JSON parser already consumed the stream", async () => {
    const app = express();
    app.use(express.json({ type: "*/*", strict: false }));
    app.post("/hook", createNodeHandler(OPTIONS));
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(599).end();
    });
    const server = await listen(app);
    try {
      const reply = await postSoap(`${server.url}/hook`, JSON.stringify({ xml: "<x/>" }), { "content-type": "text/xml" });
      assert.equal(reply.status, 500);
      assert.match(reply.body, /consumed by a body parser/);
    } finally {
      await server.close();
    }
  });
});

describe("fetch adapter", () => {
  it("acknowledges a real message", async () => {
    const handle = createFetchHandler(OPTIONS);
    const response = await handle(new Request("http://x/hook", { method: "POST", headers: { "content-type": "text/xml" }, body: MESSAGE }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/xml; charset=utf-8");
    assert.equal(await response.text(), ACK_TRUE);
  });

  it("cancels a streamed body at maxBodyBytes and answers 413", async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const handle = createFetchHandler({ ...OPTIONS, maxBodyBytes: 10 * 1024 });
    const request = new Request("http://x/hook", {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await handle(request);
    assert.equal(response.status, 413);
    assert.equal(cancelled, true);
    assert.ok(pulled < 20, `pulled ${pulled} chunks`);
  });

  it("answers a SOAP Fault when the body was read before the handler, and holds no bytes after", async () => {
    const handler = createHandler(OPTIONS);
    const handle = toFetchHandler(handler);
    const request = new Request("http://x/hook", { method: "POST", headers: { "content-type": "text/xml", "content-length": String(MESSAGE.length) }, body: MESSAGE });
    await request.text();
    const response = await handle(request);
    assert.equal(response.status, 500);
    assert.match(await response.text(), /consumed by a body parser/);
    assert.equal(handler.bytesInFlight, 0);
  });

  it("answers GET ?wsdl and 405 like the node adapter", async () => {
    const handle = createFetchHandler(OPTIONS);
    assert.equal((await handle(new Request("http://x/hook?wsdl"))).status, 200);
    const other = await handle(new Request("http://x/hook", { method: "DELETE" }));
    assert.equal(other.status, 405);
    assert.equal(other.headers.get("allow"), "POST");
  });
});
