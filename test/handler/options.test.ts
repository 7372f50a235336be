import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createFetchHandler,
  createHandler,
  createLambdaHandler,
  createNodeHandler,
  MemoryDedupeStore,
  type OpportunityHandlerOptions,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import {
  createRouter,
  createRouterFetchHandler,
  createRouterLambdaHandler,
  createRouterNodeHandler,
  type PackageRouterOptions,
} from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";

// Options are checked when the handler is created; a misspelt name is named, not guessed around.

const ORG = "00D5w000004qGTOEA2";

function creating(options: Record<string, unknown>): () => unknown {
  return () => createHandler(options as unknown as OpportunityHandlerOptions);
}

describe("handler option names", () => {
  it("a misspelt onNotifications is an unknown option with a suggestion, not 'give exactly one of'", () => {
    assert.throws(creating({ organizationId: ORG, onNotifcations: () => {} }), {
      name: "TypeError",
      message: "outbound handler: unknown option onNotifcations (did you mean onNotifications?)",
    });
  });

  it("suggests for a wrong case and stays silent when nothing is close", () => {
    assert.throws(creating({ organizationId: ORG, onNotifications: () => {}, maxbodybytes: 10 }), {
      message: "outbound handler: unknown option maxbodybytes (did you mean maxBodyBytes?)",
    });
    assert.throws(creating({ organizationId: ORG, onNotifications: () => {}, retries: 3 }), {
      message: "outbound handler: unknown option retries",
    });
  });

  it("the router checks its own names and those of each message", () => {
    const messages = { Contact: {}, Case: {}, AldoforceOpportunity: {}, MulesoftOpportunityReformatted: {} };
    assert.throws(() => createRouter({ allowAnyOrganization: true, messages, actionId: {} } as unknown as PackageRouterOptions), {
      message: "outbound handler: unknown option actionId (did you mean actionIds?)",
    });
    const typo = { ...messages, Contact: { onNotificaton: () => {} } };
    assert.throws(
      () =>
        createRouter({
          allowAnyOrganization: true,
          actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
          messages: typo,
        } as unknown as PackageRouterOptions),
      { message: "outbound handler: messages.Contact: unknown option onNotificaton (did you mean onNotification?)" },
    );
  });

  it("new limits and hooks are validated", () => {
    const base = { organizationId: ORG, onNotifications: () => {} };
    assert.throws(creating({ ...base, maxBodyBytes: 1000, maxInFlightBytes: 999 }), {
      message: "outbound handler: maxInFlightBytes must be a whole number ≥ 1000",
    });
    assert.throws(creating({ ...base, storeTimeoutMs: 0 }), { message: "outbound handler: storeTimeoutMs must be a whole number ≥ 1" });
    assert.throws(creating({ ...base, onDelivery: "metrics" }), { message: "outbound handler: onDelivery must be a function" });
    assert.throws(creating({ ...base, logger: { info: () => {} } }), {
      message: "outbound handler: logger must have warn(message) and error(message, error) methods, like console or pino",
    });
  });
});

describe("dedupe beside an inbox", () => {
  // Anything with record(message) is an inbox to the options check; nothing is delivered here.
  const inbox = { record: async () => 0 };
  const inboxReason = "an inbox records each notification once (per OrganizationId and Notification Id), so it is the dedupe record";
  const single = `outbound handler: give either inbox or dedupe, not both: ${inboxReason}`;

  it("is refused by every single-message entry point, whatever the dedupe value", () => {
    const entryPoints = [createHandler, createNodeHandler, createFetchHandler, createLambdaHandler];
    for (const create of entryPoints) {
      for (const dedupe of [true, false, new MemoryDedupeStore()]) {
        const options = { organizationId: ORG, inbox, dedupe } as unknown as OpportunityHandlerOptions;
        assert.throws(() => create(options), { name: "TypeError", message: single }, `${create.name} with dedupe ${String(dedupe)}`);
      }
    }
  });

  it("an inbox alone, and dedupe with user code, are still accepted", () => {
    assert.equal(typeof createNodeHandler({ organizationId: ORG, inbox } as unknown as OpportunityHandlerOptions), "function");
    assert.equal(typeof createNodeHandler({ organizationId: ORG, dedupe: false, onNotifications: () => {} }), "function");
  });

  const actionIds = { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" };
  const allInboxes = { Contact: { inbox }, Case: { inbox }, AldoforceOpportunity: { inbox }, MulesoftOpportunityReformatted: { inbox } };

  it("is refused by every router entry point when every message has an inbox", () => {
    for (const create of [createRouter, createRouterNodeHandler, createRouterFetchHandler, createRouterLambdaHandler]) {
      const options = { allowAnyOrganization: true, actionIds, messages: allInboxes, dedupe: false } as unknown as PackageRouterOptions;
      assert.throws(() => create(options), {
        name: "TypeError",
        message: `outbound handler: dedupe plays no part when every message has an inbox: ${inboxReason}`,
      });
    }
  });

  it("a router's dedupe serves the messages with code when only some have an inbox", () => {
    const messages = { ...allInboxes, Case: { onNotifications: () => {} } };
    const options = { allowAnyOrganization: true, actionIds, messages, dedupe: new MemoryDedupeStore() } as unknown as PackageRouterOptions;
    assert.equal(typeof createRouter(options).handle, "function");
  });
});
