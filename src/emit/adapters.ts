import type { TsFile } from "./ts-file.js";

/** A framework adapter of the runtime: it wraps the framework-neutral endpoint for one platform. */
interface Adapter {
  /** `NodeHandler`: the generated functions are `create${name}` and, in a package of several, `createRouter${name}`. */
  readonly name: string;
  /** The runtime function that adapts an `OutboundHandler`, and its module under the runtime directory. */
  readonly adapt: readonly [name: string, module: string];
  /** The type of what it returns, and its module. */
  readonly returns: readonly [name: string, module: string];
  /** JSDoc of the function of one message, and of the package's router. */
  readonly docs: { readonly message: string; readonly router: string };
}

/** The adapters every endpoint gets, in the order the generated modules declare them. */
const ADAPTERS: readonly Adapter[] = [
  {
    name: "NodeHandler",
    adapt: ["toNodeHandler", "node-adapter"],
    returns: ["NodeHandler", "node-adapter"],
    docs: {
      message:
        "A node:http request listener (also an Express/Connect route when no body parser ran first).\n" +
        "Acknowledges only after the user code resolved; every other outcome is a SOAP Fault.",
      router: "A node:http request listener for every outbound message of the package.",
    },
  },
  {
    name: "FetchHandler",
    adapt: ["toFetchHandler", "fetch-adapter"],
    returns: ["FetchHandler", "fetch-adapter"],
    docs: {
      message: "A Fetch API handler `(request: Request) => Promise<Response>` (Hono, Next.js, Bun, Deno, Workers).",
      router: "A Fetch API handler for every outbound message of the package.",
    },
  },
  {
    name: "LambdaHandler",
    adapt: ["toLambdaHandler", "lambda-adapter"],
    returns: ["LambdaHandler", "lambda-events"],
    docs: {
      message:
        "An AWS Lambda handler `(event, context) => Promise<result>` for API Gateway (REST, HTTP API), Function URLs and ALBs.",
      router: "An AWS Lambda handler for every outbound message of the package (API Gateway, Function URLs, ALBs).",
    },
  },
];

/** Where the adapters go: beside one message's `createHandler`, or beside the package's `createRouter`. */
export type AdapterSite = "message" | "router";

const PREFIX: Readonly<Record<AdapterSite, string>> = { message: "create", router: "createRouter" };

/** The names of the adapter functions of a site (`createNodeHandler`, …), as the index re-exports them. */
export function adapterFunctions(site: AdapterSite): string[] {
  return ADAPTERS.map((adapter) => `${PREFIX[site]}${adapter.name}`);
}

/**
 * Declares one exported function per adapter: `createNodeHandler(options)` returns
 * `toNodeHandler(createHandler(options))`, where `core` is `createHandler` or `createRouter`.
 */
export function declareAdapters(
  file: TsFile,
  site: AdapterSite,
  runtime: string,
  core: string,
  optionsType: string,
): void {
  for (const adapter of ADAPTERS) {
    const adapt = file.import(adapter.adapt[0], `${runtime}/${adapter.adapt[1]}.js`);
    const returns = file.import(adapter.returns[0], `${runtime}/${adapter.returns[1]}.js`, { type: true });
    file.function({
      name: `${PREFIX[site]}${adapter.name}`,
      exported: true,
      parameters: [{ name: "options", type: optionsType }],
      returns: `${returns}`,
      docs: adapter.docs[site],
      body: `return ${adapt}(${core}(options));`,
    });
  }
}
