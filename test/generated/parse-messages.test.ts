import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as contact from "../../fixtures/golden/raolkn-contact/src/index.js";
import * as contactOwner from "../../fixtures/golden/rhomobile-contact-2011/src/index.js";
import * as lead from "../../fixtures/golden/haouairen-lead/src/index.js";
import * as opportunity from "../../fixtures/golden/aldoforce-opportunity/src/index.js";
import * as opportunity25 from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import * as mulesoft from "../../fixtures/golden/mulesoft-opportunity-reformatted/src/index.js";
import * as appointment from "../../fixtures/golden/pacificbath-i360_appointment__c-namespaced/src/index.js";
import * as caseMessage from "../../fixtures/golden/pcon-case-28fields/src/index.js";
import * as shipmentStrings from "../../fixtures/golden/gwestersf-shipment__c-datetime-string/src/index.js";
import { thrownBy } from "../support/expect-throws.js";
import { fixture, fixtureBytes } from "../support/fixtures.js";

// The generated parsers (the goldens themselves) on real captured messages, against values
// written out by hand from the message text.

const HOSTILE = "messages/hostiledeveloper-opportunity-27fields-sandbox.xml";

/** Runs `parse` and returns the OutboundMessageError it must throw. */
const parseError = (parse: () => unknown): opportunity.OutboundMessageError => thrownBy(opportunity.OutboundMessageError, parse);

describe("real messages parse to typed values", () => {
  it("Opportunity (27 fields): numbers, ints, booleans, dates and Dates are typed", () => {
    const message = opportunity25.parseNotifications(fixtureBytes(HOSTILE));
    assert.deepEqual(message, {
      OrganizationId: "00D5w000004qGTOEA2",
      ActionId: "04k5w000000TSwMAAW",
      SessionId: "...",
      EnterpriseUrl: "...",
      PartnerUrl: "...",
      Notification: [
        {
          Id: "04l5w00005286hAAAQ",
          sObject: {
            Id: "0065w000023STAmAAO",
            AccountId: "0015w00002BFDeLAAX",
            Amount: 45000,
            CloseDate: "2020-07-11",
            ContactId: "0035w000035gg9GAAQ",
            CreatedById: "0055w00000BhqR0AAJ",
            CreatedDate: new Date(Date.UTC(2020, 4, 8, 13, 40, 22)),
            FiscalQuarter: 3,
            FiscalYear: 2020,
            Follow_Up__c: false,
            HasOpenActivity: false,
            HasOpportunityLineItem: false,
            HasOverdueTask: false,
            IsClosed: false,
            IsDeleted: false,
            IsWon: false,
            LastModifiedById: "0055w00000BhqR0AAJ",
            LastModifiedDate: new Date(Date.UTC(2020, 4, 9, 3, 4, 32)),
            LastReferencedDate: new Date(Date.UTC(2020, 4, 9, 3, 6, 37)),
            LastViewedDate: new Date(Date.UTC(2020, 4, 9, 3, 6, 37)),
            LeadSource: "External Referral",
            Name: "Backpackers, Inc. (Sample)",
            OwnerId: "0055w00000BhqR0AAJ",
            Probability: 80,
            StageName: "Negotiation/Review",
            SystemModstamp: new Date(Date.UTC(2020, 4, 9, 3, 4, 32)),
          },
        },
      ],
    });
    const sObject = message.Notification[0].sObject;
    assert.equal(typeof sObject.Amount, "number");
    assert.ok(sObject.CreatedDate instanceof Date);
  });

  it("Contact, 2 notifications: an array of two, absent fields absent, undeclared fields kept as text", () => {
    const message = contact.parseNotifications(fixture("messages/aspnet-contact-2notifications-api41.xml"));
    assert.equal(message.OrganizationId, "012345678901234");
    assert.equal(message.SessionId?.startsWith("00D1I000003qqqE!AQsAQ"), true);
    assert.equal(message.Notification.length, 2);
    assert.deepEqual(message.Notification[0], {
      Id: "04l1I000000fztEQAQ",
      sObject: {
        Id: "0031I0000081tbPQAQ",
        FirstName: "Jeraldine",
        unknownFields: { CreatedDate: "2017-12-11T21:49:24.000Z", LastName: "Black", Title: "White" },
      },
    });
    assert.equal("Email" in message.Notification[0].sObject, false);
    assert.deepEqual(message.Notification[1]?.sObject, {
      Id: "0031I0000081tb0QAA",
      Email: "drb24@cornell.edu",
      FirstName: "Doug",
      unknownFields: { CreatedDate: "2017-12-11T21:44:55.000Z", LastName: "Bunting", Title: "Supreme Being" },
    });
  });

  it("one notification is still an array, and xsi:nil SessionId is null", () => {
    const message = contactOwner.parseNotifications(fixture("messages/guardian-contact-placeholders.xml"));
    assert.equal(message.SessionId, null);
    assert.ok(Array.isArray(message.Notification));
    assert.deepEqual(message.Notification, [{ Id: "notificationID", sObject: { Id: "aContactId" } }]);
  });

  it("the single-line message parses like an indented one", () => {
    const message = opportunity.parseNotifications(fixture("messages/ejangi-opportunity-singleline-api47.xml"));
    assert.equal(message.SessionId, null);
    assert.deepEqual(message.Notification[0].sObject, {
      Id: "0067F000003pmdWQAQ",
      AccountId: "0017F000007ydJmQAI",
      Amount: 120000,
      Name: "Express Logistics SLA",
      StageName: "Perception Analysis",
      unknownFields: { CloseDate: "2017-04-03", LeadSource: "Phone Inquiry" },
    });
  });

  it("non-ASCII text and a 15-character id in a text field arrive intact (bytes decoded as UTF-8)", () => {
    const message = opportunity.parseNotifications(fixtureBytes("messages-derived/unknownrepo-opportunity-api42-repaired.xml"));
    assert.deepEqual(message.Notification[0].sObject, {
      Id: "0061N00000WD1shQAD",
      StageName: "Pre-Calificación",
      unknownFields: {
        ID_de_funcionario__c: "1127576689",
        Id_de_Lead__c: "00Q1N00000bS2Zo",
        novolink__c: "PC0000002201803278FIgREISTqXghB2Y8Pl3rmncuhuI8ueJYL3uJhnOR0",
      },
    });
  });

  it("15-character ids, an ID lookup and a custom field (mulesoft, API 23)", () => {
    const message = mulesoft.parseNotifications(fixture("messages/mulesoft-opportunity-notification.xml"));
    assert.equal(message.OrganizationId, "00DQ0000000EB93");
    assert.deepEqual(message.Notification[0], {
      Id: "04lV0000001ALshIAG",
      sObject: { Id: "006Q0000009N3gf", AccountId: "001Q000000SvOoG", Billing_Contact_Email__c: "Test email value" },
    });
  });

  it("a managed-package object keeps its names; a field added after generation is reported, not lost", () => {
    const message = appointment.parseNotifications(fixture("messages/pacificbath-i360_appointment-templated-api46.xml"));
    const sObject = message.Notification[0].sObject;
    assert.equal(sObject.i360__Address__c, "FAKER_ADDRESS");
    assert.equal(sObject.i360__Prospect__c, "FAKER_PROSPECT_ID");
    assert.equal(sObject.i360__Type__c, "New");
    assert.deepEqual(sObject.unknownFields, {
      i360__Lead_Source__c: "FAKER_SOURCE",
      i360__StartDateTime__c: "START_DATE_TIME",
    });
  });

  it("an old na5-api message with a non-id ActionId (Case)", () => {
    const message = caseMessage.parseNotifications(fixture("messages/unknownrepo-case-api25-na5api.xml"));
    assert.equal(message.ActionId, "12364");
    assert.deepEqual(message.Notification[0].sObject, { Id: "5007000000OFL5FAAX", ContactId: "0037000000xicp7AAA" });
  });

  it("entities, character references and CDATA are decoded", () => {
    const xml = fixture(HOSTILE)
      .replace("Backpackers, Inc. (Sample)", "Smith &amp; Sons &lt;Ltd&gt; &quot;&apos; &#233;&#x263A;")
      .replace("External Referral", "<![CDATA[a < b & c]]>");
    const sObject = opportunity25.parseNotifications(xml).Notification[0].sObject;
    assert.equal(sObject.Name, "Smith & Sons <Ltd> \"' é☺");
    assert.equal(sObject.LeadSource, "a < b & c");
  });

  it("a BOM, CRLF line ends, comments and other prefixes change nothing", () => {
    const original = opportunity25.parseNotifications(fixture(HOSTILE));
    const reserialised = `\uFEFF${fixture(HOSTILE)}`
      .replace(/\n/g, "\r\n")
      .replaceAll("soapenv:", "S:")
      .replace('xmlns:soapenv="', 'xmlns:S="')
      .replaceAll("sf:", "ns1:")
      .replace('xmlns:sf="urn:sobject.enterprise.soap.sforce.com"', "xmlns:ns1='urn:sobject.enterprise.soap.sforce.com'")
      .replace('<notifications xmlns="http://soap.sforce.com/2005/09/outbound">', "<!-- proxy --><out:notifications xmlns:out='http://soap.sforce.com/2005/09/outbound'>")
      .replace("</notifications>", "</out:notifications>")
      .replace(/<(\/?)(OrganizationId|ActionId|SessionId|EnterpriseUrl|PartnerUrl|Notification|Id|sObject)>/g, "<$1out:$2>")
      .replace(/<sObject /, "<out:sObject ")
      .replace(/<\/sObject>/, "</out:sObject>");
    assert.match(reserialised, /<out:sObject xsi:type="ns1:Opportunity"/);
    assert.deepEqual(opportunity25.parseNotifications(new TextEncoder().encode(reserialised)), original);
  });

  it("xsi:nil on a field gives null, distinct from an absent field", () => {
    const xml = fixture(HOSTILE).replace("<sf:Amount>45000.0</sf:Amount>", '<sf:Amount xsi:nil="true"/>');
    const sObject = opportunity25.parseNotifications(xml).Notification[0].sObject;
    assert.equal(sObject.Amount, null);
    assert.equal("Amount" in sObject, true);
    assert.equal("Description" in sObject, false);
  });

  it("--datetime string keeps xsd:dateTime as the ISO text", () => {
    const xml = fixture("messages/guardian-contact-placeholders.xml")
      .replace('sf:Contact"', 'sf:gwestr__Shipment__c"')
      .replace("<sf:Id>aContactId</sf:Id>", "<sf:Id>a0B</sf:Id><sf:CreatedDate>2012-02-25T10:00:00.000Z</sf:CreatedDate>");
    const sObject = shipmentStrings.parseNotifications(xml).Notification[0].sObject;
    assert.equal(sObject.CreatedDate, "2012-02-25T10:00:00.000Z");
  });
});

describe("bad messages give stable error codes with the element path and line", () => {
  it("MALFORMED_XML: the captured message with a truncated line", () => {
    const error = parseError(() =>
      opportunity.parseNotifications(fixtureBytes("messages/unknownrepo-opportunity-api42-truncatedline-MALFORMED.xml")),
    );
    assert.equal(error.code, "MALFORMED_XML");
    assert.equal(error.message, 'MALFORMED_XML at / (line 3, column 10): "<" is not allowed in an attribute value');
  });

  it("MISSING_ELEMENT: the empty notifications", () => {
    const error = parseError(() => opportunity.parseNotifications(fixtureBytes("messages/aspnet-empty-notifications.xml")));
    assert.equal(
      error.message,
      "MISSING_ELEMENT at /Envelope/Body/notifications (line 4, column 5): <notifications> has no <OrganizationId>",
    );
  });

  it("WRONG_SOBJECT_TYPE: xsi:type sf:Lead1 against the Lead WSDL", () => {
    const error = parseError(() => lead.parseNotifications(fixtureBytes("messages/aspnet-lead-3notifications-anonymized-api34.xml")));
    assert.equal(
      error.message,
      'WRONG_SOBJECT_TYPE at /Envelope/Body/notifications/Notification[1]/sObject (line 12, column 9): expected xsi:type sf:Lead, found "sf:Lead1"',
    );
  });

  it("WRONG_SOBJECT_TYPE: a message of another outbound message", () => {
    const error = parseError(() => contact.parseNotifications(fixture(HOSTILE)));
    assert.equal(error.code, "WRONG_SOBJECT_TYPE");
  });

  it("DOCTYPE_FORBIDDEN: no entity is ever expanded", () => {
    const xml = fixture(HOSTILE).replace(
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lol [<!ENTITY lol "lol">]>\n',
    );
    const error = parseError(() => opportunity25.parseNotifications(xml));
    assert.equal(error.code, "DOCTYPE_FORBIDDEN");
    assert.equal(error.line, 2);
  });

  it("INVALID_VALUE: Amount = abc", () => {
    const xml = fixture(HOSTILE).replace("<sf:Amount>45000.0</sf:Amount>", "<sf:Amount>abc</sf:Amount>");
    const error = parseError(() => opportunity25.parseNotifications(xml));
    assert.equal(
      error.message,
      'INVALID_VALUE at /Envelope/Body/notifications/Notification[1]/sObject/Amount (line 15, column 6): expected an xsd:double, got "abc"',
    );
  });

  it("INVALID_VALUE: IsWon = yes", () => {
    const xml = fixture(HOSTILE).replace("<sf:IsWon>false</sf:IsWon>", "<sf:IsWon>yes</sf:IsWon>");
    const error = parseError(() => opportunity25.parseNotifications(xml));
    assert.equal(error.code, "INVALID_VALUE");
    assert.equal(error.path, "/Envelope/Body/notifications/Notification[1]/sObject/IsWon");
    assert.equal(error.line, 28);
  });

  it("TOO_MANY_NOTIFICATIONS: 101 notifications", () => {
    const xml = fixture(HOSTILE);
    const start = xml.indexOf("   <Notification>");
    const end = xml.indexOf("</Notification>") + "</Notification>\n".length;
    const many = xml.slice(0, start) + xml.slice(start, end).repeat(101) + xml.slice(end);
    const error = parseError(() => opportunity25.parseNotifications(many));
    assert.equal(error.code, "TOO_MANY_NOTIFICATIONS");
    assert.equal(error.path, "/Envelope/Body/notifications/Notification");
    const hundred = xml.slice(0, start) + xml.slice(start, end).repeat(100) + xml.slice(end);
    assert.equal(opportunity25.parseNotifications(hundred).Notification.length, 100);
  });

  it("MALFORMED_XML: the xml2js JSON dump is not XML", () => {
    const error = parseError(() => contact.parseNotifications(fixture("messages/jeffdonthemic-contact-xml2js-lowercased.json")));
    assert.equal(error.code, "MALFORMED_XML");
  });

  it("NOT_NOTIFICATIONS: an Ack or a Fault posted to the endpoint", () => {
    for (const file of ["messages/aspnet-ack-response.xml", "messages/aspnet-soap-fault-response-template.xml"]) {
      assert.equal(parseError(() => contact.parseNotifications(fixture(file))).code, "NOT_NOTIFICATIONS");
    }
  });

  it("MISSING_ELEMENT: the non-standard <notifications><Ack> response", () => {
    const error = parseError(() => contact.parseNotifications(fixture("messages/pacificbath-nonstandard-ack-notifications-Ack1.xml")));
    assert.equal(error.code, "MISSING_ELEMENT");
  });

  it("INVALID_ENCODING: bytes that are not UTF-8", () => {
    const bytes = fixtureBytes(HOSTILE);
    const latin1 = new Uint8Array([...bytes.slice(0, 400), 0xe9, ...bytes.slice(400)]);
    assert.equal(parseError(() => opportunity25.parseNotifications(latin1)).code, "INVALID_ENCODING");
  });
});
