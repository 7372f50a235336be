// node:http: the generated handler is a request listener.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
// The examples import that package by its name, as an app that installed it would (tsconfig.json maps it).
import { createServer, type Server } from "node:http";
import { createNodeHandler } from "opportunity-outbound-message";

export function createApp(organizationId: string): Server {
  const handler = createNodeHandler({
    organizationId,
    // Runs once per delivery with the notifications not seen before; the Ack follows when it resolves.
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
  return createServer(handler);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  createApp(process.env["SALESFORCE_ORG_ID"] ?? "").listen(Number(process.env["PORT"] ?? 3000));
}
