// Fetch API (here with Hono): the generated handler takes a Request and returns a Response, so it
// also fits Next.js route handlers, Bun.serve, Deno.serve and Cloudflare Workers as it is.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createFetchHandler } from "opportunity-outbound-message";

export function createApp(organizationId: string): Hono {
  const outbound = createFetchHandler({
    organizationId,
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
  const app = new Hono();
  app.all("/salesforce/opportunity", (c) => outbound(c.req.raw));
  return app;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  serve({ fetch: createApp(process.env["SALESFORCE_ORG_ID"] ?? "").fetch, port: Number(process.env["PORT"] ?? 3000) });
}
