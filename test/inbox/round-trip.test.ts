import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildModel } from "../../src/model/build-model.js";
import type { FieldModel, ValueKind } from "../../src/model/model.js";
import { readWsdl } from "../../src/wsdl/read-wsdl.js";
import { GOLDEN_CASES } from "../support/golden-cases.js";
import { fixture } from "../support/fixtures.js";

// For every corpus WSDL (and the --datetime string variant): a message that uses every field of
// the object, as a value, as xsi:nil and absent, with special numbers and unknown fields, is
// parsed by the generated package; each notification serialized and revived is deep-equal
// (strictly: Dates as Date, -0, NaN, null vs absent) to the parsed one.

interface GeneratedPackage {
  parseNotifications(body: string): { Notification: { Id: string; sObject: Record<string, unknown> }[] };
  serializeNotification(notification: unknown): string;
  reviveNotification(text: string): unknown;
}

/** A value of each kind per variant: plain, and the edge cases JSON does not keep by itself. */
const VALUES: Record<ValueKind, readonly [string, string]> = {
  string: ["Tom &amp; Jerry &lt;3", "  "],
  id: ["0015w00002BFDeLAAX", "0015w00002BFDeL"],
  double: ["45000.25", "NaN"],
  int: ["-7", "-0"],
  long: ["9007199254740991", "-0"],
  boolean: ["true", "false"],
  date: ["2020-07-11", "1969-12-31"],
  dateTime: ["2020-05-08T13:40:22.123Z", "1969-12-31T23:59:59.999-05:00"],
  time: ["13:40:22.000Z", "00:00:00.000Z"],
  base64Binary: ["aGVsbG8=", ""],
  unknown: ["anything", "-INF"],
};
const SPECIAL_DOUBLES = ["NaN", "INF", "-INF", "-0"];

function fieldXml(field: FieldModel, variant: number, index: number): string {
  const tag = `sf:${field.name}`;
  switch (variant) {
    case 0:
      return `<${tag}>${VALUES[field.valueKind][0]}</${tag}>`;
    case 1:
      return field.nillable ? `<${tag} xsi:nil="true"/>` : "";
    case 2:
      return "";
    default: {
      const value = field.valueKind === "double" ? SPECIAL_DOUBLES[index % SPECIAL_DOUBLES.length] : VALUES[field.valueKind][1];
      return `<${tag}>${value}</${tag}>`;
    }
  }
}

/** Fields the WSDL lacks, by name (a WSDL that declares `__proto__` gets that one as a field instead). */
function unknownFieldsFor(fields: readonly FieldModel[]): [string, string][] {
  const all: [string, string][] = [
    ["Added_Later__c", "<sf:Added_Later__c>new</sf:Added_Later__c>"],
    ["Nil_Later__c", '<sf:Nil_Later__c xsi:nil="true"/>'],
    ["Other", '<x:Other xmlns:x="urn:other">o</x:Other>'],
    ["__proto__", "<sf:__proto__>p</sf:__proto__>"],
  ];
  return all.filter(([name]) => !fields.some((field) => field.name === name));
}

function messageFor(objectName: string, fields: readonly FieldModel[]): string {
  const notifications = [0, 1, 2, 3].map((variant) => {
    const unknown = variant === 0 ? unknownFieldsFor(fields).map(([, xml]) => xml).join("") : "";
    const toNull = variant === 1 ? "<sf:fieldsToNull>Name</sf:fieldsToNull><sf:fieldsToNull>Amount</sf:fieldsToNull>" : "";
    return `<Notification><Id>04l5w0000528${variant}hAAAQ</Id>
      <sObject xsi:type="sf:${objectName}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">${toNull}<sf:Id>0065w000023STAmAA${variant}</sf:Id>${fields
        .map((field, index) => fieldXml(field, variant, index))
        .join("")}${unknown}</sObject></Notification>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
  <OrganizationId>00D5w000004qGTOEA2</OrganizationId><ActionId>04k5w000000TSwMAAW</ActionId>
  <SessionId xsi:nil="true"/><EnterpriseUrl>https://e</EnterpriseUrl><PartnerUrl>https://p</PartnerUrl>
  ${notifications.join("\n  ")}
 </notifications></soapenv:Body></soapenv:Envelope>`;
}

const CASES = GOLDEN_CASES.filter((golden) => golden.wsdls.length === 1);

describe("serializeNotification / reviveNotification round trip", () => {
  for (const golden of CASES) {
    it(golden.name, async () => {
      const [path] = golden.wsdls as [string];
      const text = fixture(path);
      const { model } = buildModel(readWsdl(path, text), text, { dateTime: golden.options?.dateTime ?? "date", sourceFile: path });
      const pkg = (await import(`../../fixtures/golden/${golden.name}/src/index.js`)) as GeneratedPackage;
      const message = pkg.parseNotifications(messageFor(model.objectName, model.fields));
      assert.equal(message.Notification.length, 4);
      const [full, nil, absent] = message.Notification as [(typeof message.Notification)[number], (typeof message.Notification)[number], (typeof message.Notification)[number]];
      // The message really holds what the round trip must keep.
      assert.equal(Object.keys(full.sObject["unknownFields"] as object).length, unknownFieldsFor(model.fields).length);
      assert.ok(model.fields.every((field) => !(field.name in absent.sObject)));
      assert.ok(model.fields.filter((field) => field.nillable).every((field) => nil.sObject[field.name] === null));
      if (model.dateTime === "date" && model.fields.some((field) => field.value.tsType.name === "Date")) {
        assert.ok(model.fields.filter((field) => field.value.tsType.name === "Date").every((field) => full.sObject[field.name] instanceof Date));
      }
      for (const notification of message.Notification) {
        const revived = pkg.reviveNotification(pkg.serializeNotification(notification));
        assert.deepStrictEqual(revived, notification);
        // deepStrictEqual treats NaN as NaN and -0 as distinct from 0; check the prototype too
        // (none when a field is named like a member of Object.prototype, as the parser makes it).
        const prototype = Object.getPrototypeOf((revived as { sObject: object }).sObject);
        assert.equal(prototype, Object.getPrototypeOf(notification.sObject));
        assert.equal(prototype, golden.name.endsWith("prototype-names") ? null : Object.prototype);
      }
    });
  }

  it("reviveNotification rejects text that is not a notification, with its message", async () => {
    const pkg = (await import("../../fixtures/golden/aldoforce-opportunity/src/index.js")) as unknown as GeneratedPackage;
    assert.throws(() => pkg.reviveNotification('{"sObject":{}}'), {
      name: "TypeError",
      message: "reviveNotification: the text is not a serialized OpportunityNotification",
    });
  });
});
