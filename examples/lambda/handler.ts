// AWS Lambda: one handler for API Gateway (REST API proxy integration or HTTP API), a Function URL
// or an ALB target group; it tells the event formats apart and answers in each one's shape.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
import { createLambdaHandler } from "opportunity-outbound-message";

// Created once per instance, at cold start; a missing organization id fails the start, loudly.
export const handler = createLambdaHandler({
  organizationId: process.env["SALESFORCE_ORG_ID"] ?? "",
  // Instances share no memory: in production pass a shared `dedupe` store (README, "AWS Lambda"),
  // or a redelivery that reaches another instance runs your code again.
  onNotifications: async (notifications) => {
    for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
  },
});
