import type { NodeHandler } from "./node-adapter.js";

// Structural types, as in node-adapter.ts: the package type-checks without @types/node, and
// http.Server fits NodeServerLike.

/** The timeouts and keep-alive of the server, in milliseconds. */
export interface NodeServerOptions {
  /** Time to receive the request head (default 20 s: Salesforce sends it at once). */
  readonly headersTimeout?: number;
  /** Time to receive the whole request (default 65 s, a little over Salesforce's 60 s); 0 turns it off. */
  readonly requestTimeout?: number;
  /** How often the two timeouts above are checked (default 1 s; node's own is 30 s). */
  readonly connectionsCheckingInterval?: number;
  /** How long an idle keep-alive connection stays open (default 65 s: longer than a load balancer's 60 s idle). */
  readonly keepAliveTimeout?: number;
  /** `node:http`, for Node versions without `process.getBuiltinModule` (before 20.16): `http: await import("node:http")`. */
  readonly http?: NodeHttpLike;
}

/** The parts of `http.Server` the helper sets and returns. */
export interface NodeServerLike {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  listen(port?: number, hostname?: string, listeningListener?: () => void): unknown;
  address(): unknown;
  close(callback?: (error?: Error) => void): unknown;
  closeAllConnections(): void;
}

/** The part of `node:http` the helper uses. */
export interface NodeHttpLike {
  createServer(options: Record<string, unknown>, listener: NodeHandler): NodeServerLike;
}

const DEFAULTS = {
  headersTimeout: 20_000,
  requestTimeout: 65_000,
  connectionsCheckingInterval: 1_000,
  keepAliveTimeout: 65_000,
} as const;

/**
 * An `http.Server` for the handler with timeouts that close slow or stalled connections (node's
 * defaults keep a connection sending one byte a second open for 5 minutes, checked every 30 s),
 * and keep-alive for Salesforce's connection reuse. Call `listen(port)` on it.
 */
export function createNodeServer(handler: NodeHandler, options: NodeServerOptions = {}): NodeServerLike {
  const settings = {
    headersTimeout: options.headersTimeout ?? DEFAULTS.headersTimeout,
    requestTimeout: options.requestTimeout ?? DEFAULTS.requestTimeout,
    connectionsCheckingInterval: options.connectionsCheckingInterval ?? DEFAULTS.connectionsCheckingInterval,
    keepAliveTimeout: options.keepAliveTimeout ?? DEFAULTS.keepAliveTimeout,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`createNodeServer: ${name} must be a whole number of milliseconds ≥ 0`);
  }
  if (settings.requestTimeout > 0 && settings.headersTimeout > settings.requestTimeout) {
    throw new TypeError("createNodeServer: headersTimeout must not exceed requestTimeout");
  }
  const http = options.http ?? builtinHttp();
  // keepAlive: TCP keep-alive probes, so that connections whose peer vanished are noticed.
  const server = http.createServer({ ...settings, keepAlive: true }, handler);
  server.headersTimeout = settings.headersTimeout;
  server.requestTimeout = settings.requestTimeout;
  server.keepAliveTimeout = settings.keepAliveTimeout;
  return server;
}

function builtinHttp(): NodeHttpLike {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const http = process?.getBuiltinModule?.("node:http") as NodeHttpLike | undefined;
  if (http === undefined) {
    throw new TypeError('createNodeServer: node:http is not available here; on Node before 20.16 pass { http: await import("node:http") }');
  }
  return http;
}
