// The Postgres inbox: the handler records each message durably and acknowledges at once; workers
// (here in the same process, in production often in another) process the notifications with
// retries. Any of pg, PGlite or postgres.js fits as `db`.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
import { createServer, type Server } from "node:http";
import pg from "pg";
import { createNodeHandler, createPostgresInbox, type InboxWorker, type SqlClient } from "opportunity-outbound-message";

export interface InboxApp {
  readonly server: Server;
  readonly worker: InboxWorker;
}

export async function createApp(organizationId: string, db: SqlClient): Promise<InboxApp> {
  const inbox = createPostgresInbox(db, { maxAttempts: 10, retryDelayMs: 1000 });
  await inbox.migrate();
  const server = createServer(createNodeHandler({ organizationId, inbox }));
  const worker = inbox.work(
    async (notification, context) => {
      // Slow work is fine here: Salesforce got its Ack when the message was recorded.
      console.log(`${notification.sObject.Name}: ${notification.sObject.StageName}, attempt ${context.attempt}`);
    },
    { concurrency: 4 },
  );
  return { server, worker };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const app = await createApp(process.env["SALESFORCE_ORG_ID"] ?? "", new pg.Pool({ connectionString: process.env["DATABASE_URL"] }));
  app.server.listen(Number(process.env["PORT"] ?? 3000));
  process.on("SIGTERM", () => void app.worker.stop().then(() => process.exit(0)));
}
