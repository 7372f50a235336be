import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createHandler,
  type DeliveryError,
  type OpportunityHandlerOptions,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { createRouter, type PackageRouterOptions } from "../../fixtures/golden/multi-contact-opportunities-case/src/index.js";
import { fixture } from "../support/fixtures.js";
import { post } from "../support/requests.js";

// Method, type and size, then a well-formed envelope, then the OrganizationId, then everything
// else: a foreign org never learns which objects, actions or values the endpoint accepts.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ORG = "00D5w000004qGTOEA2";
const FOREIGN = "00D000000000001AAA";
const FOREIGN_FAULT = "this endpoint does not accept messages from this organization";

function handlerFor(organizationId: string) {
  const errors: DeliveryError[] = [];
  const handler = createHandler({
    organizationId,
    onError: (error) => errors.push(error),
    onNotifications: () => assert.fail("user code must not run"),
  } satisfies OpportunityHandlerOptions);
  return { handler, errors };
}

const contactType = (xml: string) => xml.replace('xsi:type="sf:Opportunity"', 'xsi:type="sf:Contact"');
const badAmount = (xml: string) => xml.replace("<sf:Amount>45000.0</sf:Amount>", "<sf:Amount>abc</sf:Amount>");
const fromForeignOrg = (xml: string) => xml.replace(`<OrganizationId>${ORG}`, `<OrganizationId>${FOREIGN}`);

describe("order of checks", () => {
  it("a foreign org with another xsi:type gets 403, not WRONG_SOBJECT_TYPE naming the accepted object", async () => {
    const { handler, errors } = handlerFor(ORG);
    const response = await handler.handle(post(fromForeignOrg(contactType(MESSAGE))));
    assert.equal(response.status, 403);
    assert.match(response.body, new RegExp(`<faultstring>${FOREIGN_FAULT}</faultstring>`));
    assert.doesNotMatch(response.body, /Opportunity|Contact|xsi:type/);
    assert.equal(errors[0]?.code, "ORGANIZATION_NOT_ALLOWED");
  });

  it("a foreign org with an invalid value (Amount=abc) gets 403, not INVALID_VALUE", async () => {
    const { handler } = handlerFor(ORG);
    const response = await handler.handle(post(fromForeignOrg(badAmount(MESSAGE))));
    assert.equal(response.status, 403);
    assert.doesNotMatch(response.body, /Amount|xsd:double/);
  });

  it("the accepted org still gets the precise 400 for the same messages", async () => {
    const { handler } = handlerFor(ORG);
    const wrongType = await handler.handle(post(contactType(MESSAGE)));
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.body, /WRONG_SOBJECT_TYPE at \/Envelope\/Body\/notifications\/Notification\[1\]\/sObject/);
    const value = await handler.handle(post(badAmount(MESSAGE)));
    assert.equal(value.status, 400);
    assert.match(value.body, /INVALID_VALUE at \/Envelope\/Body\/notifications\/Notification\[1\]\/sObject\/Amount/);
  });

  it("an OrganizationId after the Notification is still judged first", async () => {
    const header = `   <OrganizationId>${FOREIGN}</OrganizationId>\n`;
    const moved = badAmount(MESSAGE).replace(`   <OrganizationId>${ORG}</OrganizationId>\n`, "").replace("  </notifications>", `${header}  </notifications>`);
    assert.ok(moved.indexOf(FOREIGN) > moved.indexOf("<sf:Amount>"), "the org comes after the sObject");
    const { handler } = handlerFor(ORG);
    assert.equal((await handler.handle(post(moved))).status, 403);
  });

  it("a message without an OrganizationId and another error gets 403 when orgs are restricted", async () => {
    const { handler } = handlerFor(ORG);
    const response = await handler.handle(post(contactType(MESSAGE).replace(`   <OrganizationId>${ORG}</OrganizationId>\n`, "")));
    assert.equal(response.status, 403);
  });

  it("not well-formed comes before the org: a foreign message broken after a wrong xsi:type gets MALFORMED_XML", async () => {
    const { handler } = handlerFor(ORG);
    const broken = fromForeignOrg(contactType(MESSAGE)).replace("</soapenv:Body>", "</soapenv:Bodx>");
    const response = await handler.handle(post(broken));
    assert.equal(response.status, 400);
    assert.match(response.body, /<faultstring>MALFORMED_XML at /);
    assert.doesNotMatch(response.body, /Opportunity/);
  });

  it("allowAnyOrganization keeps the precise 400 for every org", async () => {
    const handler = createHandler({ allowAnyOrganization: true, onError: () => {}, onNotifications: () => {} });
    const response = await handler.handle(post(fromForeignOrg(contactType(MESSAGE))));
    assert.equal(response.status, 400);
    assert.match(response.body, /WRONG_SOBJECT_TYPE/);
  });

  it("the router tells a foreign org neither its objects nor its ActionIds", async () => {
    const noop = { onNotifications: () => {} };
    const router = createRouter({
      organizationId: ORG,
      onError: () => {},
      actionIds: { AldoforceOpportunity: "04k7F0000008V3hQAE", MulesoftOpportunityReformatted: "04kV0000000CaSP" },
      messages: { Contact: noop, Case: noop, AldoforceOpportunity: noop, MulesoftOpportunityReformatted: noop },
    } satisfies PackageRouterOptions);
    const lead = MESSAGE.replace('xsi:type="sf:Opportunity"', 'xsi:type="sf:Lead"');
    const foreignLead = await router.handle(post(fromForeignOrg(lead)));
    assert.equal(foreignLead.status, 403);
    assert.doesNotMatch(foreignLead.body, /Contact|Case|Opportunity/);
    const foreignAction = await router.handle(post(fromForeignOrg(MESSAGE)));
    assert.equal(foreignAction.status, 403);
    assert.doesNotMatch(foreignAction.body, /AldoforceOpportunity|actionIds/);
    // The accepted org is told both.
    assert.match((await router.handle(post(lead))).body, /WRONG_SOBJECT_TYPE at [^:]+: this endpoint receives Contact, Opportunity, Case; found xsi:type sf:Lead/);
    assert.match((await router.handle(post(MESSAGE))).body, /UNKNOWN_ACTION_ID/);
  });
});
