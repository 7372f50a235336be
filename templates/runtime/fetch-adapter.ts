import type { OutboundHandler, OutboundResponse } from "./handler-core.js";

/** A Fetch API handler: Hono, Next.js route handlers, Bun, Deno, Cloudflare Workers. */
export type FetchHandler = (request: Request) => Promise<Response>;

function toResponse(response: OutboundResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/** Reads the body's chunks up to `limit` bytes; undefined when it is larger (the stream is cancelled). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array[] | undefined> {
  if (request.body === null) return [];
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return chunks;
}

/** Wraps the core for the Fetch API: `(request: Request) => Promise<Response>`. */
export function toFetchHandler(handler: OutboundHandler): FetchHandler {
  return async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const head = { method: request.method, url: request.url, headers };
    const early = handler.precheck(head);
    if (early !== undefined) return toResponse(early);
    let body: Uint8Array[] | undefined;
    try {
      body = await readLimited(request, handler.maxBodyBytes);
    } catch {
      return toResponse(handler.bodyUnavailable());
    }
    if (body === undefined) return toResponse(handler.tooLarge());
    return toResponse(await handler.handle({ ...head, body }));
  };
}
