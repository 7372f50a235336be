import type { OutboundHandler, OutboundResponse } from "./handler-core.js";
import { utf8Length } from "./http-parts.js";

// Structural types instead of node:http's, so the package needs no @types/node to type-check;
// http.IncomingMessage and http.ServerResponse (and Express's req/res) fit them.

/** The parts of `http.IncomingMessage` the adapter uses. */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by a body parser (e.g. `express.raw({ type: "text/xml" })`) that already read the stream. */
  readonly body?: unknown;
  readonly readableEnded?: boolean;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  on(event: "close", listener: () => void): unknown;
  removeAllListeners(event: "data"): unknown;
  pause(): unknown;
  destroy(): unknown;
}

/** The parts of `http.ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  readonly headersSent?: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string, callback?: () => void): unknown;
}

/** A request listener for `http.createServer`, or an Express/Connect route without a body parser. */
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike) => void;

function send(res: NodeResponseLike, response: OutboundResponse, after?: () => void): void {
  if (res.headersSent === true) return;
  const body = response.body;
  res.writeHead(response.status, { ...response.headers, "content-length": contentLength(body) });
  res.end(body, after);
}

/** The last reply body sent and its Content-Length: nearly every reply is the same Ack, counted once. */
let lastBody = "";
let lastLength = "0";

function contentLength(body: string): string {
  if (body !== lastBody) {
    lastLength = String(utf8Length(body));
    lastBody = body;
  }
  return lastLength;
}

/** Wraps the core for node:http: reads the raw body (up to the limits), answers, never throws. */
export function toNodeHandler(handler: OutboundHandler): NodeHandler {
  return (req, res) => {
    const head = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
    const reading = handler.begin(head);
    const early = reading.early;
    if (early !== undefined) {
      // Not reading the body: close the connection once answered instead of draining it.
      send(res, { ...early, headers: { ...early.headers, connection: "close" } }, () => req.destroy());
      return;
    }
    const parsed = req.body;
    if (parsed instanceof Uint8Array || typeof parsed === "string") {
      // Read by a body parser already: counted now, as a whole.
      const refusal = reading.received(typeof parsed === "string" ? utf8Length(parsed) : parsed.length);
      if (refusal !== undefined) send(res, refusal);
      else void handler.handle({ ...head, body: parsed }, reading).then((response) => send(res, response));
      return;
    }
    if (req.readableEnded === true) {
      send(res, handler.bodyUnavailable(reading));
      return;
    }
    const chunks: Uint8Array[] = [];
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      req.removeAllListeners("data");
      req.pause();
    };
    req.on("data", (chunk) => {
      if (stopped) return;
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      const refusal = reading.received(bytes.length);
      if (refusal !== undefined) {
        stop();
        chunks.length = 0;
        send(res, refusal, () => req.destroy());
        return;
      }
      chunks.push(bytes);
    });
    req.on("end", () => {
      if (stopped) return;
      stopped = true;
      // The chunks as they came: the parser decodes them piece by piece, never as one large string.
      void handler.handle({ ...head, body: chunks }, reading).then((response) => send(res, response));
    });
    const abandon = (): void => {
      if (stopped) return; // Answered already, or the body is complete and being handled.
      stop();
      chunks.length = 0;
      reading.abandon(); // The client went away; there is nobody to answer.
    };
    req.on("error", abandon);
    req.on("close", abandon);
  };
}
