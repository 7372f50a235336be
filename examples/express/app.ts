// Express: mount the node handler on its route before any body parser, since it reads the raw
// body itself (behind express.raw() or express.text() it also works: it takes their req.body).
import express, { type Express } from "express";
import { createNodeHandler } from "opportunity-outbound-message";

export function createApp(organizationId: string): Express {
  const app = express();
  app.all(
    "/salesforce/opportunity", // all methods: GET ?wsdl serves the WSDL, others get 405
    createNodeHandler({
      organizationId,
      onNotifications: async (notifications) => {
        for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
      },
    }),
  );
  app.use(express.json()); // the app's other routes, after the outbound one
  return app;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  createApp(process.env["SALESFORCE_ORG_ID"] ?? "").listen(Number(process.env["PORT"] ?? 3000));
}
