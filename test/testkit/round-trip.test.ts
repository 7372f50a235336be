import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { FieldKind, MessageShape } from "../../templates/runtime/testing-shape.js";
import { corpusWsdls } from "../support/fixtures.js";
import { GOLDEN_DIR } from "../support/golden-cases.js";

// Property: for any message the parser can return, the builder's XML parses back deep-equal to
// it, and building that again gives the same bytes. Over every corpus WSDL, through each golden
// package's own /testing entry and parser.

interface Golden {
  MESSAGE_SHAPE: MessageShape;
  buildNotificationsXml(request: unknown): string;
}
interface Parser {
  parseNotifications(xml: string): unknown;
}

/** Text XML can carry: no control characters other than TAB, LF, CR; no U+FFFE/U+FFFF. */
const xmlText = fc.string({ unit: "binary", maxLength: 12 }).map((text) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));
const pad = (value: number, width: number): string => String(value).padStart(width, "0");
const date = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);
const instant = fc.date({ min: new Date("0100-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true });
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 })).map(([h, m, s, ms]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);

/** Values of each kind as the parser returns them. */
function valueOf(kind: FieldKind, dateTime: "date" | "string"): fc.Arbitrary<unknown> {
  switch (kind) {
    case "double":
      return fc.double();
    case "int":
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case "long":
      return fc.maxSafeInteger();
    case "boolean":
      return fc.boolean();
    case "date":
      return date;
    case "dateTime":
      return dateTime === "date" ? instant : instant.map((d) => d.toISOString());
    case "time":
      return time;
    case "base64Binary":
      return fc.base64String();
    default:
      return xmlText;
  }
}

function recordOf(shape: MessageShape): fc.Arbitrary<Record<string, unknown>> {
  const declared = new Set(["Id", "fieldsToNull", ...shape.fields.map(([name]) => name)]);
  const fields = Object.fromEntries(shape.fields.map(([name, kind]) => [name, fc.option(valueOf(kind, shape.dateTime), { nil: null })]));
  const unknownName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/).filter((name) => !declared.has(name) && name !== "__proto__");
  return fc
    .record({
      Id: xmlText,
      fields: fc.record(fields, { requiredKeys: [], noNullPrototype: true }),
      fieldsToNull: fc.option(fc.array(xmlText, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      unknownFields: fc.option(fc.dictionary(unknownName, fc.option(xmlText, { nil: null }), { minKeys: 1, maxKeys: 2, noNullPrototype: true }), { nil: undefined }),
    }, { noNullPrototype: true })
    .map(({ Id, fields, fieldsToNull, unknownFields }) => ({
      Id,
      ...(fieldsToNull === undefined ? {} : { fieldsToNull }),
      ...fields,
      ...(unknownFields === undefined ? {} : { unknownFields }),
    }));
}

function messageOf(shape: MessageShape): fc.Arbitrary<unknown> {
  return fc.record({
    OrganizationId: xmlText,
    ActionId: xmlText,
    SessionId: fc.option(xmlText, { nil: null }),
    EnterpriseUrl: xmlText,
    PartnerUrl: xmlText,
    Notification: fc.array(fc.record({ Id: xmlText, sObject: recordOf(shape) }, { noNullPrototype: true }), { minLength: 1, maxLength: 3 }),
  }, { noNullPrototype: true });
}

describe("builder round trip (fast-check) over every corpus WSDL", () => {
  for (const wsdl of corpusWsdls()) {
    const name = wsdl.replace(/\.wsdl$/, "");
    it(`${name}: parse(build(m)) deep-equals m, and build is stable`, async () => {
      const testing = (await import(join(GOLDEN_DIR, name, "src", "testing.ts"))) as Golden;
      const { parseNotifications } = (await import(join(GOLDEN_DIR, name, "src", "index.ts"))) as Parser;
      fc.assert(
        fc.property(messageOf(testing.MESSAGE_SHAPE), (message) => {
          const xml = testing.buildNotificationsXml(message);
          const parsed = parseNotifications(xml);
          assert.deepStrictEqual(parsed, message);
          assert.equal(testing.buildNotificationsXml(parsed), xml);
        }),
        { numRuns: 60, seed: 12 },
      );
    });
  }
});
