// Compiled, never run (test/lambda/aws-types.test.ts type-checks it with tsc): AWS's official
// types from @types/aws-lambda fit the adapter's structural types, and its result fits theirs.
import type {
  ALBEvent,
  ALBHandler,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  APIGatewayProxyResultV2,
  Context,
  LambdaFunctionURLEvent,
  LambdaFunctionURLHandler,
  LambdaFunctionURLResult,
} from "aws-lambda";
import {
  createLambdaHandler,
  type LambdaContext,
  type LambdaHttpEvent,
  type LambdaHttpResult,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { createRouterLambdaHandler } from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";

declare const rest: APIGatewayProxyEvent;
declare const httpApi: APIGatewayProxyEventV2;
declare const functionUrl: LambdaFunctionURLEvent;
declare const alb: ALBEvent;
declare const context: Context;
declare const result: LambdaHttpResult;

// AWS's events and context are ours.
export const events: readonly LambdaHttpEvent[] = [rest, httpApi, functionUrl, alb];
export const lambdaContext: LambdaContext = context;

// Our result is each source's.
export const restResult: APIGatewayProxyResult = result;
export const httpApiResult: APIGatewayProxyResultV2 = result;
export const functionUrlResult: LambdaFunctionURLResult = result;
export const albResult: ALBResult = result;

// So the handler is each source's handler type.
const handler = createLambdaHandler({ organizationId: "00D5w000004qGTOEA2", onNotifications: () => {} });
export const asRest: APIGatewayProxyHandler = handler;
export const asHttpApi: APIGatewayProxyHandlerV2 = handler;
export const asFunctionUrl: LambdaFunctionURLHandler = handler;
export const asAlb: ALBHandler = handler;
export const routerAsRest: APIGatewayProxyHandler = createRouterLambdaHandler({
  allowAnyOrganization: true,
  actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
  messages: {
    Contact: { onNotifications: () => {} },
    Case: { onNotifications: () => {} },
    AldoforceOpportunity: { onNotifications: () => {} },
    MulesoftOpportunityReformatted: { onNotifications: () => {} },
  },
});
