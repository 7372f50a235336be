// Fastify: give the framework-neutral core the raw body. In a scope of its own, one catch-all
// content-type parser hands over the bytes of any type, so the core answers wrong types (415) and
// sizes (413) with SOAP Faults instead of Fastify's JSON errors.
import Fastify, { type FastifyInstance } from "fastify";
import { createHandler } from "opportunity-outbound-message";

export function createApp(organizationId: string): FastifyInstance {
  const outbound = createHandler({
    organizationId,
    onNotifications: async (notifications) => {
      for (const { sObject } of notifications) console.log(`${sObject.Name}: ${sObject.StageName}, ${sObject.Amount}`);
    },
  });
  const app = Fastify();
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: outbound.maxBodyBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler(async (error: { statusCode?: number }, _request, reply) => {
      const response = error.statusCode === 413 ? outbound.tooLarge() : outbound.bodyUnavailable();
      return reply.code(response.status).headers(response.headers).send(response.body);
    });
    scope.all("/salesforce/opportunity", async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : "";
      const response = await outbound.handle({ method: request.method, url: request.url, headers: request.headers, body });
      return reply.code(response.status).headers(response.headers).send(response.body);
    });
  });
  return app;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  await createApp(process.env["SALESFORCE_ORG_ID"] ?? "").listen({ port: Number(process.env["PORT"] ?? 3000) });
}
