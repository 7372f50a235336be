import type { OutboundMessageModel } from "../model/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { GENERATED_FIELD } from "./header.js";

/** The npm name for a package of these messages: `account-outbound-message`, `outbound-messages` for several. */
export function defaultPackageName(models: readonly OutboundMessageModel[]): string {
  const [only] = models;
  if (only === undefined || models.length > 1) return "outbound-messages";
  const slug = only.objectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "sobject"}-outbound-message`;
}

export interface ManifestOptions {
  readonly name: string;
  readonly version: string;
  readonly description: string;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * `package.json`: ESM and CommonJS builds behind one `exports` map, types for each, no
 * dependencies, nothing to build on install. `src` ships too, so users can read the TypeScript
 * the JavaScript came from.
 */
export function emitManifest(options: ManifestOptions): GeneratedFile[] {
  const manifest = {
    name: options.name,
    version: options.version,
    description: options.description,
    type: "module",
    main: "./dist/cjs/index.js",
    module: "./dist/esm/index.js",
    types: "./dist/esm/index.d.ts",
    exports: {
      ".": {
        import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
        require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
      },
      // The test kit (message builder and sampler), kept out of the main entry point.
      "./testing": {
        import: { types: "./dist/esm/testing.d.ts", default: "./dist/esm/testing.js" },
        require: { types: "./dist/cjs/testing.d.ts", default: "./dist/cjs/testing.js" },
      },
      "./package.json": "./package.json",
    },
    files: ["dist", "src", "README.md"],
    sideEffects: false,
    engines: { node: ">=18" },
    keywords: ["salesforce", "outbound-messaging", "soap", "wsdl-to-ts"],
    // What tells `wsdl-to-ts --out` that this folder is its own to regenerate.
    ...GENERATED_FIELD,
  };
  return [
    { path: "package.json", content: json(manifest) },
    // Node reads dist/cjs/*.js as CommonJS (and TypeScript its .d.ts as CommonJS declarations) only with this.
    { path: "dist/cjs/package.json", content: json({ type: "commonjs", ...GENERATED_FIELD }) },
  ];
}
