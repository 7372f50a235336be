import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import * as soap from "soap";
import { NODE_SOAP_PATH, notificationServices } from "./baselines/node-soap.js";
import { importGenerated } from "./generated-module.js";

// One HTTP server per child process, started by bench/http.ts, so the server under test has its
// own event loop and never shares it with autocannon. Loopback only, port chosen by the OS.
// Protocol over the IPC channel: the child sends { port } once listening, answers "stats" with
// { requests, notifications } (what reached the user code, to prove the path was exercised),
// and exits when the parent disconnects.
//
//   node --import tsx bench/http-server.ts ours <generated-entry.js>
//   node --import tsx bench/http-server.ts node-soap <file.wsdl>
//   node --import tsx bench/http-server.ts floor
//   node --import tsx bench/http-server.ts store <generated-entry.js> <store kind> <url> <namespace>
//   node --import tsx bench/http-server.ts inbox <generated-entry.js> <pg|pglite> <url> <table>

export type ServerKind = "ours" | "node-soap" | "floor";

export interface ServerStats {
  readonly requests: number;
  readonly notifications: number;
}

/** The floor's reply: a constant SOAP Ack, the least any endpoint must send. */
const CONSTANT_ACK =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack>' +
  "</notificationsResponse></soapenv:Body></soapenv:Envelope>";

const stats = { requests: 0, notifications: 0 };

function count(notifications: number): void {
  stats.requests++;
  stats.notifications += notifications;
}

async function ours(entry: string): Promise<Server> {
  const generated = await importGenerated(entry);
  const handler = generated.createNodeHandler({
    organizationId: "00D5w000004qGTO",
    onNotifications: async (notifications) => count(notifications.length),
    dedupe: false,
  });
  return createServer((req, res) => handler(req, res));
}

async function nodeSoap(wsdlPath: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    soap.listen(server, {
      path: NODE_SOAP_PATH,
      xml: readFileSync(wsdlPath, "utf8"),
      services: notificationServices((args) => {
        const list = (args as { Notification?: unknown }).Notification;
        count(Array.isArray(list) ? list.length : list === undefined ? 0 : 1);
      }),
      callback: (error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
    });
  });
  return server;
}

/** Reads the whole body (as any endpoint must), then sends the constant Ack. */
function floor(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    req.on("data", () => {});
    req.on("end", () => {
      count(0);
      res.writeHead(200, {
        "content-type": "text/xml; charset=utf-8",
        "content-length": Buffer.byteLength(CONSTANT_ACK),
      });
      res.end(CONSTANT_ACK);
    });
  });
}

async function main(): Promise<void> {
  const [kind, argument] = process.argv.slice(2);
  if (process.send === undefined)
    throw new Error("bench/http-server.ts is started by bench/http.ts (needs an IPC channel)");
  const send = process.send.bind(process);
  let server: Server;
  if (kind === "ours" && argument !== undefined) server = await ours(argument);
  else if (kind === "node-soap" && argument !== undefined) server = await nodeSoap(argument);
  else if (kind === "floor") server = floor();
  else if (kind === "store" && argument !== undefined) {
    // Loaded only here: the store clients are not needed by the other servers.
    const { storeServer } = await import("./store-server.js");
    server = await storeServer(argument, process.argv.slice(4), count);
  } else if (kind === "inbox" && argument !== undefined) {
    const { inboxServer } = await import("./inbox-server.js");
    server = await inboxServer(argument, process.argv.slice(4), count);
  }
  else
    throw new Error(
      `usage: http-server.ts ours <entry.js> | node-soap <file.wsdl> | floor | store <entry.js> <store> <url> <namespace> (got ${process.argv.slice(2).join(" ")})`,
    );
  server.listen(0, "127.0.0.1", () => send({ port: (server.address() as AddressInfo).port }));
  process.on("message", (message) => {
    if (message === "stats") send({ stats });
  });
  process.on("disconnect", () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
