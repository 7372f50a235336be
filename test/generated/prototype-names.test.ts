import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as message from "../../fixtures/golden/aldoforce-opportunity-prototype-names/src/index.js";
import { fixture, fixtureBytes } from "../support/fixtures.js";

// Fields named like Object.prototype members (fixtures/wsdl-derived/aldoforce-opportunity-prototype-names.wsdl):
// the generated parser reads them as fields, never as the inherited members.

const DELIVERY = "messages-derived/mulesoft-opportunity-prototype-names.xml";

describe("fields named like Object.prototype members", () => {
  it("parse to their values, as text and as bytes", () => {
    for (const body of [fixture(DELIVERY), fixtureBytes(DELIVERY)]) {
      const [notification] = message.parseNotifications(body).Notification;
      const record = notification.sObject;
      assert.deepEqual(
        { ...record },
        {
          Id: "006Q0000009N3gf",
          AccountId: "001Q000000SvOoG",
          Name: "Test opportunity",
          constructor: "Test constructor value",
          toString: 42.5,
          ["__proto__"]: "Test proto value", // computed: a literal `__proto__:` would set the prototype
          hasOwnProperty: true,
        },
      );
      // `__proto__` is an own field, the prototype untouched; a field not sent is absent, not inherited.
      assert.equal(Object.getOwnPropertyDescriptor(record, "__proto__")?.value, "Test proto value");
      assert.equal(Object.getPrototypeOf(record), null);
      assert.equal(record.valueOf, undefined);
      assert.equal(Object.keys(record).length, 7);
    }
  });

  it("still refuses a field sent twice", () => {
    const twice = fixture(DELIVERY).replace(
      "<sf:toString>42.5</sf:toString>",
      "<sf:toString>42.5</sf:toString><sf:toString>1</sf:toString>",
    );
    assert.throws(() => message.parseNotifications(twice), { code: "DUPLICATE_ELEMENT" });
  });
});
