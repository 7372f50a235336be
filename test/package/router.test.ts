import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACK_TRUE,
  AldoforceOpportunity,
  Case,
  Contact,
  createRouter,
  createRouterNodeHandler,
  MulesoftOpportunityReformatted,
  type DeliveryError,
  type PackageRouterOptions,
} from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { fixture } from "../support/fixtures.js";
import { listen, postSoap } from "../support/http.js";

// A package of four outbound messages (fixtures/golden/multi-contact-opportunities-case): Contact,
// Case and two of Opportunity, which only their ActionIds tell apart.

const CONTACT = fixture("messages/aspnet-contact-2notifications-api41.xml"); // org 012345678901234
const CASE = fixture("messages/unknownrepo-case-api25-na5api.xml"); // org 00D70000000IVNpEAO
const OPPORTUNITY_EJANGI = fixture("messages/ejangi-opportunity-singleline-api47.xml"); // ActionId 04k7F0000008V3hQAE
const OPPORTUNITY_MULESOFT = fixture("messages/mulesoft-opportunity-notification.xml"); // ActionId 04kV0000000CaSPIA0

function post(body: string) {
  return { method: "POST", url: "/salesforce", headers: { "content-type": "text/xml" }, body };
}

/** A router that records which message's code saw which notification ids. */
function recordingRouter(extra: Partial<PackageRouterOptions> = {}) {
  const seen: string[] = [];
  const errors: DeliveryError[] = [];
  const router = createRouter({
    allowAnyOrganization: true,
    onError: (error) => errors.push(error),
    actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
    messages: {
      Contact: { onNotifications: (ns) => void seen.push(...ns.map((n) => `Contact ${n.sObject.FirstName}`)) },
      Case: { onNotification: (n) => void seen.push(`Case ${n.sObject.ContactId}`) },
      AldoforceOpportunity: { onNotifications: (ns) => void seen.push(...ns.map((n) => `Aldoforce ${n.sObject.Amount}`)) },
      MulesoftOpportunityReformatted: {
        onNotifications: (ns) => void seen.push(...ns.map((n) => `Mulesoft ${n.sObject.Billing_Contact_Email__c}`)),
      },
    },
    ...extra,
  } as PackageRouterOptions);
  return { router, seen, errors };
}

describe("a package of several outbound messages", () => {
  it("gives messages of the same object distinct names, derived from their files", () => {
    assert.equal(typeof AldoforceOpportunity.parseNotifications, "function");
    assert.equal(typeof MulesoftOpportunityReformatted.parseNotifications, "function");
    assert.equal(AldoforceOpportunity.sObjectDecoder.objectName, "Opportunity");
    assert.equal(MulesoftOpportunityReformatted.sObjectDecoder.objectName, "Opportunity");
    assert.equal(Contact.sObjectDecoder.objectName, "Contact");
    assert.equal(Case.sObjectDecoder.objectName, "Case");
  });

  it("routes real messages of three objects to the right code, each typed, and acknowledges them", async () => {
    const { router, seen } = recordingRouter();
    for (const message of [CONTACT, CASE, OPPORTUNITY_EJANGI]) assert.equal((await router.handle(post(message))).body, ACK_TRUE);
    assert.deepEqual(seen, ["Contact Jeraldine", "Contact Doug", "Case 0037000000xicp7AAA", "Aldoforce 120000"]);
  });

  it("routes two messages of the same object by ActionId", async () => {
    const { router, seen } = recordingRouter();
    assert.equal((await router.handle(post(OPPORTUNITY_MULESOFT))).status, 200);
    assert.equal((await router.handle(post(OPPORTUNITY_EJANGI))).status, 200);
    assert.deepEqual(seen, ["Mulesoft Test email value", "Aldoforce 120000"]);
  });

  it("answers 400 for an object the package does not know", async () => {
    const { router, seen } = recordingRouter();
    const response = await router.handle(post(fixture("messages/pacificbath-i360_appointment-templated-api46.xml")));
    assert.equal(response.status, 400);
    assert.match(response.body, /WRONG_SOBJECT_TYPE at .*: this endpoint receives Contact, Opportunity, Case; found xsi:type sf:i360__Appointment__c/);
    assert.deepEqual(seen, []);
  });

  it("answers 400 for an ActionId none of the same-object messages has", async () => {
    const { router } = recordingRouter();
    const response = await router.handle(post(fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml")));
    assert.equal(response.status, 400);
    assert.match(response.body, /UNKNOWN_ACTION_ID .*ActionId &quot;04k5w000000TSwMAAW&quot; is not one of AldoforceOpportunity, MulesoftOpportunityReformatted/);
  });

  it("serves each WSDL by name on GET ?wsdl=Name, and explains when the name is missing", async () => {
    const { router } = recordingRouter();
    const one = await router.handle({ method: "GET", url: "/salesforce?wsdl=Case", headers: {}, body: "" });
    assert.equal(one.status, 200);
    assert.equal(one.body, Case.WSDL);
    const none = await router.handle({ method: "GET", url: "/salesforce?wsdl", headers: {}, body: "" });
    assert.equal(none.status, 404);
    assert.match(none.body, /this endpoint has Contact, AldoforceOpportunity, Case, MulesoftOpportunityReformatted/);
  });

  it("works over HTTP as a node handler", async () => {
    const seen: string[] = [];
    const server = await listen(
      createRouterNodeHandler({
        organizationId: ["012345678901234", "00D70000000IVNp"],
        messages: {
          Contact: { onNotifications: (ns) => void seen.push(...ns.map((n) => n.Id)) },
          Case: { onNotifications: (ns) => void seen.push(...ns.map((n) => n.Id)) },
          AldoforceOpportunity: { onNotifications: () => {} },
          MulesoftOpportunityReformatted: { onNotifications: () => {} },
        },
        actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSPIA0" },
      }),
    );
    try {
      assert.equal((await postSoap(server.url, CONTACT)).body, ACK_TRUE);
      assert.equal((await postSoap(server.url, CASE)).body, ACK_TRUE);
      assert.equal((await postSoap(server.url, OPPORTUNITY_EJANGI)).status, 403);
      assert.deepEqual(seen, ["04l1I000000fztEQAQ", "04l1I000000fzt9QAA", "04l7000000DjbKjAAJ"]);
    } finally {
      await server.close();
    }
  });

  describe("router options are checked when it is created", () => {
    const messages = {
      Contact: { onNotifications: () => {} },
      Case: { onNotifications: () => {} },
      AldoforceOpportunity: { onNotifications: () => {} },
      MulesoftOpportunityReformatted: { onNotifications: () => {} },
    };
    const actionIds = { AldoforceOpportunity: "04k7F0000008V3h", MulesoftOpportunityReformatted: "04kV0000000CaSP" };
    const cases: [string, Record<string, unknown>, string][] = [
      [
        "same-object messages without actionIds",
        { allowAnyOrganization: true, messages },
        "outbound handler: AldoforceOpportunity and MulesoftOpportunityReformatted all receive Opportunity records: give actionIds.AldoforceOpportunity so that their deliveries can be told apart",
      ],
      [
        "a message without code",
        { allowAnyOrganization: true, actionIds, messages: { ...messages, Case: undefined } },
        "outbound handler: messages.Case is missing: every outbound message of the package needs its code",
      ],
      [
        "code for a message the package does not have",
        { allowAnyOrganization: true, actionIds, messages: { ...messages, Lead: { onNotifications: () => {} } } },
        "outbound handler: messages.Lead: no such outbound message; this package has Contact, AldoforceOpportunity, Case, MulesoftOpportunityReformatted",
      ],
      [
        "both callbacks for one message",
        { allowAnyOrganization: true, actionIds, messages: { ...messages, Case: { onNotifications: () => {}, onNotification: () => {} } } },
        "outbound handler: messages.Case: give exactly one of onNotifications(notifications, context) or onNotification(notification, context)",
      ],
      [
        "a bad ActionId",
        { allowAnyOrganization: true, messages, actionIds: { ...actionIds, Case: "04k" } },
        'outbound handler: actionIds.Case must hold 15- or 18-character Salesforce ids, got "04k"',
      ],
    ];
    for (const [name, options, message] of cases) {
      it(name, () => {
        assert.throws(() => createRouter(options as unknown as PackageRouterOptions), { name: "TypeError", message });
      });
    }
  });
});
