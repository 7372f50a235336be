import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";

// The generated node handler with the Postgres inbox, for the inbox section (bench/inbox.ts).
// Started through bench/http-server.ts (`inbox <entry> <pg|pglite> <url> <table>`), so it has
// the same IPC protocol; `count` sees every recorded message, to prove the path was exercised.

export const INBOX_KINDS = ["pg", "pglite"] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** The parts of a generated package the inbox bench uses, typed loosely (generated at run time). */
export interface InboxPackage {
  createPostgresInbox(db: unknown, options: { table: string }): BenchInbox;
  createNodeHandler(options: { organizationId: string; inbox: { record(message: unknown): Promise<number> }; onError: (error: unknown) => void }): (
    req: unknown,
    res: unknown,
  ) => void;
}

export interface BenchInbox {
  migrate(): Promise<void>;
  record(message: { Notification: readonly unknown[] }): Promise<number>;
  work(onNotification: () => void, options: { concurrency: number; pollIntervalMs: number }): { stop(): Promise<void> };
  stats(): Promise<{ pending: number; processing: number; done: number; dead: number }>;
}

export async function importInboxPackage(entry: string): Promise<InboxPackage> {
  return (await import(pathToFileURL(entry).href)) as InboxPackage;
}

export async function inboxDb(kind: InboxKind, url: string): Promise<unknown> {
  if (kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    return new PGlite();
  }
  const { default: pg } = await import("pg");
  return new pg.Pool({ connectionString: url, max: 10 });
}

export async function inboxServer(entry: string, args: readonly string[], count: (notifications: number) => void): Promise<Server> {
  const [kind, url = "", table = ""] = args;
  if (!(INBOX_KINDS as readonly string[]).includes(kind ?? "")) throw new Error(`unknown inbox kind ${kind}`);
  const pkg = await importInboxPackage(entry);
  const inbox = pkg.createPostgresInbox(await inboxDb(kind as InboxKind, url), { table });
  await inbox.migrate();
  const handler = pkg.createNodeHandler({
    organizationId: "00D5w000004qGTO",
    inbox: {
      record: async (message) => {
        const recorded = await inbox.record(message as { Notification: readonly unknown[] });
        count(recorded);
        return recorded;
      },
    },
    onError: (error) => console.error(error),
  });
  return createServer((req, res) => handler(req, res));
}
