import type { BodyReading, OutboundHandler, OutboundResponse } from "./handler-core.js";

/** A Fetch API handler: Hono, Next.js route handlers, Bun, Deno, Cloudflare Workers. */
export type FetchHandler = (request: Request) => Promise<Response>;

function toResponse(response: OutboundResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/** Reads the body's chunks while `reading` lets it; the refusal (413, 503) when it stops it (the stream is cancelled). */
async function readCounted(request: Request, reading: BodyReading): Promise<Uint8Array[] | OutboundResponse> {
  if (request.body === null) return [];
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const refusal = reading.received(value.length);
    if (refusal !== undefined) {
      await reader.cancel();
      return refusal;
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
    const reading = handler.begin(head);
    if (reading.early !== undefined) return toResponse(reading.early);
    if (request.bodyUsed) return toResponse(handler.bodyUnavailable(reading));
    let body: Uint8Array[] | OutboundResponse;
    try {
      body = await readCounted(request, reading);
    } catch {
      return toResponse(reading.abandon()); // The body stream broke: the client is gone.
    }
    if (!Array.isArray(body)) return toResponse(body);
    return toResponse(await handler.handle({ ...head, body }, reading));
  };
}
