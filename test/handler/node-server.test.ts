import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { describe, it } from "node:test";
import {
  ACK_TRUE,
  createNodeHandler,
  createNodeServer,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixture } from "../support/fixtures.js";
import { postSoap } from "../support/http.js";

// createNodeServer: timeouts that close slow connections while deliveries go on.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const HANDLER = createNodeHandler({ organizationId: "00D5w000004qGTO", dedupe: false, onNotifications: () => {}, onError: () => {} });

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * A connection that sends its request one byte a second: in the head (`head`) or, after a complete
 * head, in the body. Resolves with the milliseconds from connecting until the server closed it.
 */
function slowClient(port: number, inHead: boolean): { socket: Socket; closed: Promise<number> } {
  const socket = connect(port, "127.0.0.1");
  const closed = new Promise<number>((resolve) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let started = Date.now();
    socket.on("connect", () => {
      started = Date.now();
      socket.write(
        inHead ? "POST / HTTP/1.1\r\nHost: x\r\n" : "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n",
      );
      timer = setInterval(() => socket.write(inHead ? "X" : " "), 1000);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
  });
  return { socket, closed };
}

describe("createNodeServer", () => {
  it("has safe defaults: headers in 20 s, the request in 65 s, keep-alive 65 s", async () => {
    const server = createNodeServer(HANDLER) as unknown as Server;
    assert.equal(server.headersTimeout, 20_000);
    assert.equal(server.requestTimeout, 65_000);
    assert.equal(server.keepAliveTimeout, 65_000);
    const port = await listening(server);
    try {
      const reply = await postSoap(`http://127.0.0.1:${port}/`, MESSAGE);
      assert.equal(reply.body, ACK_TRUE);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("closes 100 connections sending a byte a second in bounded time while a delivery gets its Ack", async () => {
    const server = createNodeServer(HANDLER, { headersTimeout: 1000, requestTimeout: 2000, connectionsCheckingInterval: 200 }) as unknown as Server;
    const port = await listening(server);
    const clients = Array.from({ length: 100 }, (_, i) => slowClient(port, i % 2 === 0));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const reply = await postSoap(`http://127.0.0.1:${port}/`, MESSAGE, { connection: "close" });
      assert.equal(reply.status, 200);
      assert.equal(reply.body, ACK_TRUE);
      const cap = new Promise<"cap">((resolve) => setTimeout(() => resolve("cap"), 8000));
      const all = await Promise.race([Promise.all(clients.map((client) => client.closed)), cap]);
      assert.notEqual(all, "cap", "slow connections were still open after 8 s");
      const slowest = Math.max(...(all as number[]));
      // requestTimeout 2 s, checked every 0.2 s; node's defaults would keep them for 300 s.
      assert.ok(slowest < 5000, `the last slow connection closed after ${slowest} ms`);
    } finally {
      for (const client of clients) client.socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("uses the node:http it is given (Node before 20.16) with the timeouts as server options", () => {
    const seen: Record<string, unknown>[] = [];
    const http = {
      createServer: (options: Record<string, unknown>, listener: typeof HANDLER) => {
        seen.push(options);
        return createServer(options, listener);
      },
    };
    const server = createNodeServer(HANDLER, { http, requestTimeout: 30_000 }) as unknown as Server;
    assert.deepEqual(seen, [
      { headersTimeout: 20_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000, keepAliveTimeout: 65_000, keepAlive: true },
    ]);
    assert.equal(server.requestTimeout, 30_000);
  });

  it("refuses inconsistent settings", () => {
    assert.throws(() => createNodeServer(HANDLER, { headersTimeout: 5000, requestTimeout: 1000 }), {
      name: "TypeError",
      message: "createNodeServer: headersTimeout must not exceed requestTimeout",
    });
    assert.throws(() => createNodeServer(HANDLER, { connectionsCheckingInterval: -1 }), {
      message: "createNodeServer: connectionsCheckingInterval must be a whole number of milliseconds ≥ 0",
    });
  });
});
