import { pathToFileURL } from "node:url";

// Loading the generated package's JS. Separate from generated-package.ts so that the HTTP server
// child imports only the package, not the generator (ts-morph, prettier) that built it.

/** The parts of a generated package the bench uses (typed loosely: the package is generated at run time). */
export interface GeneratedModule {
  parseNotifications(xml: string | Uint8Array): unknown;
  createNodeHandler(options: {
    organizationId: string;
    onNotifications: (notifications: readonly unknown[], context: unknown) => Promise<void>;
    dedupe: false;
  }): (req: unknown, res: unknown) => void;
}

export async function importGenerated(entry: string): Promise<GeneratedModule> {
  return (await import(pathToFileURL(entry).href)) as GeneratedModule;
}
