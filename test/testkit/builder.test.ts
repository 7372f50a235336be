import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseNotifications } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import {
  buildNotificationsXml,
  caseSafeId,
  MESSAGE_SHAPE,
  sampleNotifications,
} from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/testing.js";
import * as Multi from "../../fixtures/golden/multi-contact-opportunities-case/src/testing.js";
import { FIXTURES, fixture } from "../support/fixtures.js";

// The builder writes what Salesforce writes (spec §4); defaults are realistic ids.

/** Messages captured from Salesforce (not anonymised): their ids carry real case-safe suffixes. */
const CAPTURED = [
  "aspnet-contact-2notifications-api41.xml",
  "ejangi-opportunity-singleline-api47.xml",
  "hostiledeveloper-opportunity-27fields-sandbox.xml",
  "mulesoft-opportunity-notification.xml",
  "unknownrepo-case-api25-na5api.xml",
];

/** An 18-character id whose last 3 characters are the case-safe suffix of the first 15. */
function assertSalesforceId(id: string, prefix: string): void {
  assert.match(id, /^[a-zA-Z0-9]{18}$/);
  assert.equal(id.slice(0, 3), prefix, `${id} should start with ${prefix}`);
  assert.equal(caseSafeId(id.slice(0, 15)), id);
}

describe("buildNotificationsXml", () => {
  it("writes fields in WSDL order with Salesforce's lexical forms, nil for null, nothing for absent, escaped text", () => {
    const xml = buildNotificationsXml({
      OrganizationId: "00D5w000004qGTOEA2",
      Notification: [
        {
          Id: "04l5w00005286hAAAQ",
          sObject: {
            // Given out of order on purpose: the wire order is the WSDL's.
            Name: `Müller & <Söhne> "GmbH"\r`,
            Amount: 45000,
            Probability: 12.5,
            IsWon: true,
            FiscalYear: 2020,
            CreatedDate: new Date("2020-05-08T13:40:22Z"),
            CloseDate: "2020-07-11",
            LeadSource: null,
            StageName: undefined,
            Id: "0065w000023STAmAAO",
            unknownFields: { Extra__c: "a & b", Gone__c: null },
          },
        },
      ],
    });
    const sObject = xml.slice(xml.indexOf("    <sObject"), xml.indexOf("</sObject>") + 10);
    assert.equal(
      sObject,
      [
        '    <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">',
        "     <sf:Id>0065w000023STAmAAO</sf:Id>",
        "     <sf:Amount>45000.0</sf:Amount>",
        "     <sf:CloseDate>2020-07-11</sf:CloseDate>",
        "     <sf:CreatedDate>2020-05-08T13:40:22.000Z</sf:CreatedDate>",
        "     <sf:FiscalYear>2020</sf:FiscalYear>",
        "     <sf:IsWon>true</sf:IsWon>",
        '     <sf:LeadSource xsi:nil="true"/>',
        "     <sf:Name>Müller &amp; &lt;Söhne&gt; &quot;GmbH&quot;&#13;</sf:Name>",
        "     <sf:Probability>12.5</sf:Probability>",
        "     <sf:Extra__c>a &amp; b</sf:Extra__c>",
        '     <sf:Gone__c xsi:nil="true"/>',
        "    </sObject>",
      ].join("\n"),
    );
    const parsed = parseNotifications(xml);
    assert.equal(parsed.Notification[0].sObject.Name, `Müller & <Söhne> "GmbH"\r`);
    assert.deepEqual(parsed.Notification[0].sObject.unknownFields, { Extra__c: "a & b", Gone__c: null });
  });

  it("writes the envelope as Salesforce does: soapenv, xsd and xsi on the Envelope, notifications in a default namespace", () => {
    const xml = buildNotificationsXml({ OrganizationId: "00D5w000004qGTOEA2", ActionId: "04k5w000000TSwMAAW" });
    const captured = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml").split("\n");
    // The first four lines of a real capture, byte for byte.
    assert.deepEqual(xml.split("\n").slice(0, 4), captured.slice(0, 4));
    assert.match(xml, /\n   <OrganizationId>00D5w000004qGTOEA2<\/OrganizationId>\n   <ActionId>04k5w000000TSwMAAW<\/ActionId>\n   <SessionId xsi:nil="true"\/>\n/);
    assert.match(xml, /<EnterpriseUrl>https:\/\/[^<]+\/services\/Soap\/c\/[0-9.]+\/00D5w000004qGTO<\/EnterpriseUrl>/);
  });

  it("gives every missing id a realistic 18-character default with the right key prefix", () => {
    const message = parseNotifications(buildNotificationsXml({ Notification: [{}, { sObject: { Name: "x" } }] }));
    assertSalesforceId(message.OrganizationId, "00D");
    assertSalesforceId(message.ActionId, "04k");
    assert.equal(message.Notification.length, 2);
    for (const notification of message.Notification) {
      assertSalesforceId(notification.Id, "04l");
      assertSalesforceId(notification.sObject.Id, MESSAGE_SHAPE.keyPrefix);
    }
    assert.equal(MESSAGE_SHAPE.keyPrefix, "006");
    assert.notEqual(message.Notification[0].Id, message.Notification[1]?.Id);
  });

  it("computes the case-safe suffix exactly as Salesforce: every id of the captured messages", () => {
    const ids = CAPTURED.flatMap((file) => [...fixture(`messages/${file}`).matchAll(/>([a-zA-Z0-9]{18})</g)].map((m) => m[1] as string));
    assert.ok(ids.length >= 20);
    for (const id of ids) assert.equal(caseSafeId(id.slice(0, 15)), id);
  });

  it("refuses more than 100 notifications, like the WSDL", () => {
    assert.throws(() => buildNotificationsXml({ Notification: Array.from({ length: 101 }, () => ({})) }), {
      name: "RangeError",
      message: "a message holds at most 100 notifications, got 101",
    });
  });

  it("is typed by the package's interfaces: a misspelt or mistyped field does not compile", () => {
    // Checked by `npm run typecheck` (tsc over test/); at run time the call is still valid XML.
    // @ts-expect-error Amonut is not a field of Opportunity
    buildNotificationsXml({ Notification: [{ sObject: { Amonut: 1 } }] });
    // @ts-expect-error Amount is a number; JavaScript callers get a TypeError instead
    assert.throws(() => buildNotificationsXml({ Notification: [{ sObject: { Amount: "45000.0" } }] }), {
      name: "TypeError",
      message: "field Amount: expected a number (xsd double), got string",
    });
    // A package of several messages has one builder per message, each with its own types.
    const xml = Multi.Case.buildNotificationsXml({ Notification: [{ sObject: { IsEscalated: true } }] });
    assert.match(xml, /xsi:type="sf:Case"[\s\S]*<sf:IsEscalated>true<\/sf:IsEscalated>/);
  });
});

describe("sampleNotifications", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const xml = buildNotificationsXml(sampleNotifications({ count: 5, seed: 42, nullRate: 0.2 }));
    assert.equal(buildNotificationsXml(sampleNotifications({ count: 5, seed: 42, nullRate: 0.2 })), xml);
    assert.notEqual(buildNotificationsXml(sampleNotifications({ count: 5, seed: 43, nullRate: 0.2 })), xml);
    // Notification i is the same whatever the count, so messages can be continued with `first`.
    const longer = sampleNotifications({ count: 8, seed: 42, nullRate: 0.2 });
    assert.deepEqual(longer.Notification.slice(0, 5), sampleNotifications({ count: 5, seed: 42, nullRate: 0.2 }).Notification);
    assert.deepEqual(sampleNotifications({ count: 3, seed: 42, nullRate: 0.2, first: 5 }).Notification, longer.Notification.slice(5));
  });

  it("gives realistic values: typed as the parser returns them, Salesforce ids, names, emails, amounts, non-ASCII and &", () => {
    const sample = sampleNotifications({ count: 100, seed: 7 });
    assert.deepEqual(parseNotifications(buildNotificationsXml(sample)), sample);
    const records = sample.Notification.map((n) => n.sObject);
    assert.equal(new Set(sample.Notification.map((n) => n.Id)).size, 100);
    for (const record of records) {
      assertSalesforceId(record.Id, "006");
      assertSalesforceId(record.AccountId as string, "001");
      assertSalesforceId(record.OwnerId as string, "005");
      assert.equal(typeof record.Amount, "number");
      assert.ok(record.CreatedDate instanceof Date && record.CreatedDate.getUTCMilliseconds() === 0);
      assert.match(record.CloseDate as string, /^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/);
      assert.ok((record.Probability as number) >= 0 && (record.Probability as number) <= 100);
      assert.ok(typeof record.IsWon === "boolean");
    }
    const names = records.map((r) => r.Name as string);
    assert.ok(names.some((name) => name.includes("&")), "some names contain &");
    assert.ok(names.some((name) => /[^\u0000-\u007f]/.test(name)), "some names are not ASCII");
    assert.ok(records.some((r) => Number.isInteger(r.Amount)) && records.some((r) => !Number.isInteger(r.Amount)));
    assert.ok(buildNotificationsXml(sample).includes("<sf:Amount>") && /<sf:Amount>[0-9]+\.0<\/sf:Amount>/.test(buildNotificationsXml(sample)));
    assert.ok(new Set(records.map((r) => r.StageName)).size > 2, "StageName looks like a picklist");
  });

  it("nullRate: 0 fills every field; 1 leaves half out and sends half as xsi:nil", () => {
    const full = sampleNotifications({ count: 20, seed: 3, nullRate: 0 });
    for (const { sObject } of full.Notification) {
      for (const [name] of MESSAGE_SHAPE.fields) assert.notEqual((sObject as unknown as Record<string, unknown>)[name] ?? null, null, name);
    }
    const empty = sampleNotifications({ count: 20, seed: 3, nullRate: 1 });
    const values = empty.Notification.flatMap(({ sObject }) => MESSAGE_SHAPE.fields.map(([name]) => (sObject as unknown as Record<string, unknown>)[name]));
    assert.ok(values.every((value) => value === undefined || value === null));
    const nulls = values.filter((value) => value === null).length;
    assert.ok(nulls > values.length * 0.3 && nulls < values.length * 0.7, `${nulls} of ${values.length} are null`);
    assert.equal((buildNotificationsXml(empty).match(/xsi:nil="true"/g) ?? []).length, nulls + 1); // + SessionId
  });

  it("refuses a count outside 1..100 and a nullRate outside 0..1", () => {
    assert.throws(() => sampleNotifications({ count: 101 }), {
      message: "count must be a whole number from 1 to 100 (one message holds at most 100 notifications), got 101",
    });
    assert.throws(() => sampleNotifications({ count: 0 }), /got 0$/);
    assert.throws(() => sampleNotifications({ nullRate: 1.5 }), { message: "nullRate must be from 0 to 1, got 1.5" });
  });
});

describe("the main entry point does not load /testing", () => {
  it("no module reachable from dist/esm/index.js or dist/cjs/index.js is a testing module", () => {
    const dir = join(FIXTURES, "golden", "hostiledeveloper-opportunity-25fields");
    for (const entry of ["dist/esm/index.js", "dist/cjs/index.js"]) {
      const seen = new Set<string>();
      const pending = [entry];
      for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
        if (seen.has(path)) continue;
        seen.add(path);
        const source = readFileSync(join(dir, path), "utf8");
        for (const [, spec] of source.matchAll(/(?:from |require\()"(\.[^"]+)"/g)) {
          pending.push(join(path, "..", spec as string));
        }
      }
      assert.ok(seen.size > 10, `${entry} imports its modules`);
      assert.deepEqual([...seen].filter((path) => /testing/.test(path)), [], entry);
    }
  });
});
