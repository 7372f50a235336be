import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generate, WsdlError } from "../../src/index.js";
import { buildModel, type ModelResult } from "../../src/model/build-model.js";
import type { DateTimeMode, FieldModel, UnnamedMessageModel } from "../../src/model/model.js";
import { readWsdl } from "../../src/wsdl/read-wsdl.js";
import { corpusWsdls, FIXTURES } from "../support/fixtures.js";

// The model of every real WSDL, checked against fixtures/wsdl/SOURCES.md, and the variations a
// re-saved or hand-edited WSDL shows (prefixes, line endings, types the corpus does not use).

interface CorpusCase {
  readonly object: string;
  readonly fields: number;
  /** Fields whose name ends in `__c`. */
  readonly custom: number;
  /** "xsd types used (count)" of SOURCES.md. */
  readonly types: Readonly<Record<string, number>>;
  readonly endpoint: string;
}

/** Transcribed from fixtures/wsdl/SOURCES.md (endpoints from each file's soap:address). */
const CORPUS: Readonly<Record<string, CorpusCase>> = {
  "aldoforce-account-billing.wsdl": {
    object: "Account",
    fields: 10,
    custom: 0,
    types: { "xsd:double": 2, "xsd:string": 8 },
    endpoint: "https://php-uysdug-demo/om.php",
  },
  "aldoforce-opportunity.wsdl": {
    object: "Opportunity",
    fields: 4,
    custom: 0,
    types: { "ent:ID": 1, "xsd:double": 1, "xsd:string": 2 },
    endpoint: "https://php-uysdug-demo.herokuapp.com/om.php",
  },
  "blackcappedchickadee-test_automation__c.wsdl": {
    object: "Test_Automation__c",
    fields: 3,
    custom: 3,
    types: { "xsd:boolean": 1, "xsd:string": 2 },
    endpoint: "http://morning-fortress-3703.herokuapp.com/testAutomationService",
  },
  "comsave-account.wsdl": {
    object: "Account",
    fields: 20,
    custom: 10,
    types: { "ent:ID": 1, "xsd:string": 19 },
    endpoint: "https://webhook.site/7edf0e25-188d-45cb-8305-2e178691736b",
  },
  "comsave-discountrule__c.wsdl": {
    object: "DiscountRule__c",
    fields: 9,
    custom: 5,
    types: { "ent:ID": 1, "xsd:boolean": 1, "xsd:dateTime": 2, "xsd:double": 2, "xsd:string": 3 },
    endpoint: "http://comsave-webservice.joeri.development.comsave.nl/soap/discount_rule",
  },
  "comsave-objecttoberemoved__c.wsdl": {
    object: "ObjectToBeRemoved__c",
    fields: 2,
    custom: 2,
    types: { "xsd:string": 2 },
    endpoint: "http://webhook.site/771e9a40-077b-4ca2-9651-f20e1d2a48ad",
  },
  "entitygenerator-entity__c.wsdl": {
    object: "Entity__c",
    fields: 0,
    custom: 0,
    types: {},
    endpoint: "http://104.155.4.199:8080/entity-generator/",
  },
  "entitygenerator-notificationmessage__c.wsdl": {
    object: "NotificationMessage__c",
    fields: 3,
    custom: 3,
    types: { "xsd:string": 3 },
    endpoint: "http://104.155.4.199:8080/entity-generator/notification/sync-data",
  },
  "gwestersf-shipment__c-namespaced.wsdl": {
    object: "gwestr__Shipment__c",
    fields: 19,
    custom: 11,
    types: { "ent:ID": 3, "xsd:boolean": 2, "xsd:date": 1, "xsd:dateTime": 3, "xsd:double": 3, "xsd:string": 7 },
    endpoint: "https://crm-bridge.herokuapp.com/shipments",
  },
  "haouairen-lead.wsdl": {
    object: "Lead",
    fields: 3,
    custom: 0,
    types: { "xsd:dateTime": 1, "xsd:string": 2 },
    endpoint: "http://80.249.80.237:9425/SforceNotificationServices/notificationservice.php",
  },
  "mulemock-account.wsdl": {
    object: "Account",
    fields: 2,
    custom: 0,
    types: { "xsd:dateTime": 1, "xsd:string": 1 },
    endpoint: "http://13.81.107.246/mule/account",
  },
  "mulesoft-opportunity-reformatted.wsdl": {
    object: "Opportunity",
    fields: 2,
    custom: 1,
    types: { "ent:ID": 1, "xsd:string": 1 },
    endpoint: "http://salesforcetointacctdemo.muleion.com/closed/opportunity",
  },
  "pacificbath-i360_appointment__c-namespaced.wsdl": {
    object: "i360__Appointment__c",
    fields: 14,
    custom: 14,
    types: { "ent:ID": 2, "xsd:date": 1, "xsd:string": 11 },
    endpoint: "https://fuzzy-otter-72.localtunnel.me/api/create-new-lead",
  },
  "paustint-account-83fields-managedpkgs.wsdl": {
    object: "Account",
    fields: 83,
    custom: 34,
    types: {
      "ent:ID": 9,
      "xsd:boolean": 7,
      "xsd:date": 3,
      "xsd:dateTime": 5,
      "xsd:double": 14,
      "xsd:int": 1,
      "xsd:string": 44,
    },
    endpoint: "http://test.com",
  },
  "pcon-case-28fields.wsdl": {
    object: "Case",
    fields: 28,
    custom: 0,
    types: { "ent:ID": 7, "xsd:boolean": 3, "xsd:dateTime": 6, "xsd:string": 12 },
    endpoint: "http://localhost:8181/cxf/Salesforce",
  },
  "raolkn-contact.wsdl": {
    object: "Contact",
    fields: 2,
    custom: 0,
    types: { "xsd:string": 2 },
    endpoint: "https://www.google.com",
  },
  "rhomobile-contact-2011.wsdl": {
    object: "Contact",
    fields: 1,
    custom: 0,
    types: { "ent:ID": 1 },
    endpoint: "http://cijoe.rhomobile.com:7000",
  },
  "ryanbrainard-account-2012.wsdl": {
    object: "Account",
    fields: 1,
    custom: 0,
    types: { "xsd:string": 1 },
    endpoint: "https://sfdc-outbound-msg-demo.herokuapp.com/services/AccountNotification",
  },
  "ryanbrainard-adm_release__c-2011.wsdl": {
    object: "ADM_Release__c",
    fields: 1,
    custom: 0,
    types: { "xsd:string": 1 },
    endpoint: "http://localhost:8081/caseinformer/services/ReleaseNotification",
  },
};

/** The TypeScript type of each XSD type (outbound-messaging.md §2), with the default `--datetime date`. */
const TS_TYPE: Readonly<Record<string, string>> = {
  "ent:ID": "SalesforceId",
  "xsd:string": "string",
  "xsd:double": "number",
  "xsd:int": "number",
  "xsd:boolean": "boolean",
  "xsd:date": "string",
  "xsd:dateTime": "Date",
};

function corpusText(file: string): string {
  return readFileSync(join(FIXTURES, "wsdl", file), "utf8");
}

function modelOf(text: string, file = "edge.wsdl", dateTime: DateTimeMode = "date"): ModelResult {
  return buildModel(readWsdl(file, text), text, { dateTime, sourceFile: file });
}

function typeCounts(fields: readonly FieldModel[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const field of fields) counts[field.xsdType] = (counts[field.xsdType] ?? 0) + 1;
  return counts;
}

/** The model without the WSDL text, which every variant changes by construction. */
function semantic(model: UnnamedMessageModel): Omit<UnnamedMessageModel, "sourceText"> {
  const { sourceText: _text, ...rest } = model;
  return rest;
}

/** The model without the text and the field locations, for variants that move columns. */
function withoutLocations(model: UnnamedMessageModel): unknown {
  return { ...semantic(model), fields: model.fields.map(({ location: _location, ...field }) => field) };
}

/** Replaces `search`, which must occur exactly `count` times, so a changed fixture fails loudly. */
function edit(text: string, search: string, replacement: string, count = 1): string {
  const found = text.split(search).length - 1;
  assert.equal(found, count, `expected ${count} × ${JSON.stringify(search)}, found ${found}`);
  return text.split(search).join(replacement);
}

function field(model: UnnamedMessageModel, name: string): FieldModel {
  const found = model.fields.find((f) => f.name === name);
  assert.ok(found, `no field ${name}`);
  return found;
}

describe("model of the 19 corpus WSDLs", () => {
  it("covers exactly the corpus", () => {
    assert.deepEqual(corpusWsdls(), Object.keys(CORPUS).sort());
  });

  it("the table above agrees with fixtures/wsdl/SOURCES.md", () => {
    const sources = readFileSync(join(FIXTURES, "wsdl", "SOURCES.md"), "utf8");
    const rows = sources
      .split("\n")
      .map((line) => line.split("|").map((cell) => cell.trim()))
      .filter((cells) => (cells[1] ?? "").endsWith(".wsdl"));
    assert.equal(rows.length, 19);
    for (const cells of rows) {
      const [, file = "", , , , , object, fields, custom, types = ""] = cells;
      const expected = CORPUS[file];
      assert.ok(expected, `${file} is not in the table`);
      assert.equal(object, expected.object, file);
      assert.equal(Number(fields), expected.fields, file);
      assert.equal(Number(custom), expected.custom, file);
      const listed =
        types === "(none)"
          ? {}
          : Object.fromEntries(
              types.split(", ").map((entry) => {
                const [type = "", count = ""] = entry.split("×");
                return [type, Number(count)];
              }),
            );
      assert.deepEqual(listed, expected.types, file);
    }
  });

  it("the per-file counts add up to the aggregate of SOURCES.md", () => {
    const total: Record<string, number> = {};
    for (const file of corpusWsdls()) {
      for (const [type, count] of Object.entries(typeCounts(modelOf(corpusText(file), file).model.fields))) {
        total[type] = (total[type] ?? 0) + count;
      }
    }
    assert.deepEqual(total, {
      "xsd:string": 121,
      "ent:ID": 26,
      "xsd:double": 22,
      "xsd:dateTime": 18,
      "xsd:boolean": 14,
      "xsd:date": 5,
      "xsd:int": 1,
    });
  });

  for (const [file, expected] of Object.entries(CORPUS)) {
    it(`${file}: ${expected.object}, ${expected.fields} fields`, () => {
      const text = corpusText(file);
      const { model, diagnostics } = modelOf(text, file);
      assert.deepEqual(diagnostics, []);
      assert.equal(model.sourceFile, file);
      assert.equal(model.sourceText, text);
      assert.equal(model.objectName, expected.object);
      assert.equal(model.notificationTypeName, `${expected.object}Notification`);
      assert.equal(model.endpoint, expected.endpoint);
      assert.equal(model.dateTime, "date");
      assert.equal(model.fields.length, expected.fields);
      assert.equal(model.fields.filter((f) => f.name.endsWith("__c")).length, expected.custom);
      assert.deepEqual(typeCounts(model.fields), expected.types);
      const lines = text.split("\n");
      for (const f of model.fields) {
        assert.equal(f.nillable, true, `${f.name} nillable`);
        assert.equal(f.minOccurs, 0, `${f.name} minOccurs`);
        assert.equal(f.value.tsType.name, TS_TYPE[f.xsdType], `${f.name}: ${f.xsdType}`);
        assert.ok(!["Id", "fieldsToNull"].includes(f.name), "base sObject members are not fields");
        // The location is the field's start tag.
        assert.equal(f.location.file, file);
        const at = (lines[f.location.line - 1] ?? "").slice(f.location.column - 1);
        assert.ok(
          at.startsWith("<element"),
          `${f.name} at ${f.location.line}:${f.location.column}: ${at.slice(0, 30)}`,
        );
        assert.match(at, new RegExp(`^<element\\s+name="${f.name}"`));
      }
      assert.equal(new Set(model.fields.map((f) => f.name)).size, model.fields.length, "field names are unique");
    });
  }
});

describe("model edge cases", () => {
  // The richest small sample: ID, boolean, date, dateTime, double and string; mixed CRLF/LF.
  const GWESTERSF = "gwestersf-shipment__c-namespaced.wsdl";
  const gwestersf = corpusText(GWESTERSF);
  const reference = modelOf(gwestersf).model;

  it("the reference model has the fields in WSDL order, with the first at 54:25", () => {
    assert.equal(reference.fields[0]?.name, "CreatedById");
    assert.deepEqual(reference.fields[0]?.location, { file: "edge.wsdl", line: 54, column: 25 });
    assert.equal(reference.fields.at(-1)?.name, "gwestr__Weight__c");
  });

  it("`xs:` instead of `xsd:` for XML Schema gives the same model", () => {
    let text = edit(
      gwestersf,
      'xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
      'xmlns:xs="http://www.w3.org/2001/XMLSchema"',
    );
    text = edit(text, '"xsd:', '"xs:', 22);
    assert.deepEqual(semantic(modelOf(text).model), semantic(reference));
  });

  it("schema components written with an `xs:` prefix (no default namespace) give the same model", () => {
    const start = gwestersf.indexOf("<types>");
    const end = gwestersf.indexOf("</types>");
    const types = gwestersf
      .slice(start, end)
      .replace(
        /<(\/?)(schema|simpleType|restriction|length|pattern|import|complexType|complexContent|sequence|extension|element|any)\b/g,
        "<$1xs:$2",
      )
      .replaceAll(' xmlns="http://www.w3.org/2001/XMLSchema"', ' xmlns:xs="http://www.w3.org/2001/XMLSchema"')
      .replaceAll('"xsd:', '"xs:');
    const text = gwestersf.slice(0, start) + types + gwestersf.slice(end);
    assert.ok(!text.slice(start, end).includes("<element"));
    assert.deepEqual(semantic(modelOf(text).model), semantic(reference));
  });

  it("the schema's default namespace instead of `xsd:` (and `xsd` bound elsewhere) gives the same model", () => {
    let text = edit(gwestersf, 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"', 'xmlns:xsd="urn:not-xml-schema"');
    text = edit(text, '"xsd:', '"', 22);
    const { model, diagnostics } = modelOf(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(semantic(model), semantic(reference));
  });

  it("renamed tns/ens/ent prefixes give the same model", () => {
    let text = edit(gwestersf, "xmlns:tns=", "xmlns:out=");
    text = edit(text, '"tns:', '"out:', 7);
    text = edit(text, "xmlns:ens=", "xmlns:sobj=");
    text = edit(text, '"ens:', '"sobj:', 3);
    text = edit(text, "xmlns:ent=", "xmlns:sfid=");
    text = edit(text, '"ent:', '"sfid:', 7);
    assert.deepEqual(semantic(modelOf(text).model), semantic(reference));
  });

  it("swapped ens and ent prefixes give the same model (types resolve by namespace URI)", () => {
    let text = edit(gwestersf, "xmlns:ent=", "xmlns:TMP=");
    text = edit(text, "xmlns:ens=", "xmlns:ent=");
    text = edit(text, "xmlns:TMP=", "xmlns:ens=");
    text = edit(text, '"ent:', '"TMP:', 7);
    text = edit(text, '"ens:', '"ent:', 3);
    text = edit(text, '"TMP:', '"ens:', 7);
    const { model } = modelOf(text);
    assert.deepEqual(semantic(model), semantic(reference));
    assert.equal(field(model, "OwnerId").xsdType, "ent:ID");
  });

  it("CRLF line endings and tab indentation give the same model, located by line and tab-counted column", () => {
    const file = "comsave-discountrule__c.wsdl";
    const lf = corpusText(file);
    assert.ok(!lf.includes("\r") && !lf.includes("\t"));
    const converted = lf.replace(/^(?: {4})+/gm, (spaces) => "\t".repeat(spaces.length / 4)).replaceAll("\n", "\r\n");
    const original = modelOf(lf, file).model;
    const model = modelOf(converted, file).model;
    assert.deepEqual(withoutLocations(model), withoutLocations(original));
    // Line 52 starts with 28 spaces, i.e. 7 tabs.
    assert.deepEqual(original.fields[0]?.location, { file, line: 52, column: 29 });
    assert.deepEqual(model.fields[0]?.location, { file, line: 52, column: 8 });
    assert.deepEqual(
      model.fields.map((f) => f.location.line),
      original.fields.map((f) => f.location.line),
    );
  });

  it("an empty field sequence (entitygenerator-entity__c) gives no fields and an empty interface", async () => {
    const file = "entitygenerator-entity__c.wsdl";
    const text = corpusText(file);
    assert.match(text, /<sequence>\s*<\/sequence>/);
    const { model, diagnostics } = modelOf(text, file);
    assert.deepEqual(model.fields, []);
    assert.deepEqual(diagnostics, []);
    assert.equal(model.objectName, "Entity__c");
    const { files } = await generate({ inputs: [{ name: file, text }] });
    const types = files.find((f) => f.path === "src/types.ts")?.content ?? "";
    assert.match(types, /^export interface Entity__c extends SObjectBase \{\}$/m);
  });

  it("an unknown XSD type (xsd:decimal) becomes a string field with one WSDL_UNKNOWN_TYPE warning at the field", async () => {
    const text = edit(
      gwestersf,
      '<element name="gwestr__Weight__c" nillable="true" minOccurs="0" type="xsd:double"/>',
      '<element name="gwestr__Weight__c" nillable="true" minOccurs="0" type="xsd:decimal"/>',
    );
    const { model, diagnostics } = modelOf(text);
    const expectedDiagnostic = {
      severity: "warning",
      code: "WSDL_UNKNOWN_TYPE",
      message:
        'field "gwestr__Weight__c" has type xsd:decimal, which outbound messages do not use; it is kept as a string',
      location: { file: "edge.wsdl", line: 72, column: 25 },
    };
    assert.deepEqual(diagnostics, [expectedDiagnostic]);
    const weight = field(model, "gwestr__Weight__c");
    assert.equal(weight.xsdType, "xsd:decimal");
    assert.equal(weight.valueKind, "unknown");
    assert.equal(weight.value.tsType.name, "string");
    // Every other field is untouched.
    assert.deepEqual(
      model.fields.filter((f) => f.name !== "gwestr__Weight__c"),
      reference.fields.filter((f) => f.name !== "gwestr__Weight__c"),
    );
    // generate() reports the same warning and still produces the package.
    const result = await generate({ inputs: [{ name: "edge.wsdl", text }] });
    assert.deepEqual(result.diagnostics, [expectedDiagnostic]);
    const types = result.files.find((f) => f.path === "src/types.ts")?.content ?? "";
    assert.match(types, /^ {2}gwestr__Weight__c\?: string \| null;$/m);
  });

  it("xsd:long, xsd:time, xsd:base64Binary and xsd:anyType map without a warning", () => {
    let text = gwestersf;
    const retype = (name: string, from: string, to: string): void => {
      text = edit(
        text,
        `<element name="${name}" nillable="true" minOccurs="0" type="${from}"/>`,
        `<element name="${name}" nillable="true" minOccurs="0" type="${to}"/>`,
      );
    };
    retype("gwestr__Insurance__c", "xsd:double", "xsd:long");
    retype("gwestr__Scheduled_Delivery__c", "xsd:date", "xsd:time");
    retype("gwestr__Warnings__c", "xsd:string", "xsd:base64Binary");
    retype("gwestr__Tracking_URL__c", "xsd:string", "xsd:anyType");
    const { model, diagnostics } = modelOf(text);
    assert.deepEqual(diagnostics, []);
    const pick = (name: string) => {
      const { xsdType, valueKind, value } = field(model, name);
      return { xsdType, valueKind, tsType: value.tsType.name };
    };
    assert.deepEqual(pick("gwestr__Insurance__c"), { xsdType: "xsd:long", valueKind: "long", tsType: "number" });
    assert.deepEqual(pick("gwestr__Scheduled_Delivery__c"), {
      xsdType: "xsd:time",
      valueKind: "time",
      tsType: "string",
    });
    assert.deepEqual(pick("gwestr__Warnings__c"), {
      xsdType: "xsd:base64Binary",
      valueKind: "base64Binary",
      tsType: "string",
    });
    assert.deepEqual(pick("gwestr__Tracking_URL__c"), {
      xsdType: "xsd:anyType",
      valueKind: "string",
      tsType: "string",
    });
  });

  it("a field without a type is xsd:anyType, a string, without a warning", () => {
    const text = edit(
      gwestersf,
      '<element name="gwestr__Warnings__c" nillable="true" minOccurs="0" type="xsd:string"/>',
      '<element name="gwestr__Warnings__c" nillable="true" minOccurs="0"/>',
    );
    const { model, diagnostics } = modelOf(text);
    assert.deepEqual(diagnostics, []);
    const warnings = field(model, "gwestr__Warnings__c");
    assert.equal(warnings.xsdType, "xsd:anyType");
    assert.equal(warnings.value.tsType.name, "string");
  });

  describe("simple types", () => {
    // Inserted on the line of the comment before the base sObject, so no line number moves.
    const COMMENT = "<!-- Base sObject (abstract) -->";
    const withSimpleTypes = (declarations: string): string => edit(gwestersf, COMMENT, `${COMMENT}${declarations}`);

    it("a restriction chain resolves to its base: ens:Weight → ens:Measure → xsd:double; ens:OwnerRef → ent:ID", () => {
      let text = withSimpleTypes(
        '<simpleType name="Weight"><restriction base="ens:Measure"><maxInclusive value="1000"/></restriction></simpleType>' +
          '<simpleType name="Measure"><restriction base="xsd:double"><minInclusive value="0"/></restriction></simpleType>' +
          '<simpleType name="OwnerRef"><restriction base="ent:ID"/></simpleType>',
      );
      text = edit(
        text,
        'name="gwestr__Weight__c" nillable="true" minOccurs="0" type="xsd:double"',
        'name="gwestr__Weight__c" nillable="true" minOccurs="0" type="ens:Weight"',
      );
      text = edit(
        text,
        'name="OwnerId" nillable="true" minOccurs="0" type="ent:ID"',
        'name="OwnerId" nillable="true" minOccurs="0" type="ens:OwnerRef"',
      );
      const { model, diagnostics } = modelOf(text);
      assert.deepEqual(diagnostics, []);
      const weight = field(model, "gwestr__Weight__c");
      assert.deepEqual([weight.xsdType, weight.valueKind, weight.value.tsType.name], ["ens:Weight", "double", "number"]);
      const owner = field(model, "OwnerId");
      assert.deepEqual([owner.xsdType, owner.valueKind, owner.value.tsType.name], ["ens:OwnerRef", "id", "SalesforceId"]);
    });

    it("an inline simpleType resolves to its base", () => {
      const text = edit(
        gwestersf,
        '<element name="gwestr__Rush__c" nillable="true" minOccurs="0" type="xsd:boolean"/>',
        '<element name="gwestr__Rush__c" nillable="true" minOccurs="0"><simpleType><restriction base="xsd:boolean"/></simpleType></element>',
      );
      const rush = field(modelOf(text).model, "gwestr__Rush__c");
      assert.deepEqual([rush.valueKind, rush.value.tsType.name], ["boolean", "boolean"]);
    });

    it("a chain that ends in an unknown XSD type warns at the restriction that names it", () => {
      let text = withSimpleTypes('<simpleType name="Money"><restriction base="xsd:decimal"/></simpleType>');
      text = edit(
        text,
        'name="gwestr__Insurance__c" nillable="true" minOccurs="0" type="xsd:double"',
        'name="gwestr__Insurance__c" nillable="true" minOccurs="0" type="ens:Money"',
      );
      const { model, diagnostics } = modelOf(text);
      const column = (text.split("\n")[31] ?? "").indexOf('<restriction base="xsd:decimal"') + 1;
      assert.ok(column > 0);
      assert.deepEqual(diagnostics, [
        {
          severity: "warning",
          code: "WSDL_UNKNOWN_TYPE",
          message:
            'field "gwestr__Insurance__c" has type xsd:decimal, which outbound messages do not use; it is kept as a string',
          location: { file: "edge.wsdl", line: 32, column },
        },
      ]);
      assert.equal(field(model, "gwestr__Insurance__c").value.tsType.name, "string");
    });

    it("a chain that loops is refused with a WsdlError, not a stack overflow", () => {
      let text = withSimpleTypes(
        '<simpleType name="A"><restriction base="ens:B"/></simpleType><simpleType name="B"><restriction base="ens:A"/></simpleType>',
      );
      text = edit(
        text,
        'name="Name" nillable="true" minOccurs="0" type="xsd:string"',
        'name="Name" nillable="true" minOccurs="0" type="ens:A"',
      );
      assert.throws(
        () => modelOf(text),
        (error: unknown) => {
          assert.ok(error instanceof WsdlError);
          assert.equal(error.code, "WSDL_UNSUPPORTED");
          assert.equal(error.detail, 'simple type of field "Name" restricts itself');
          assert.equal(error.location.line, 32);
          return true;
        },
      );
    });
  });

  it("--datetime string (options.dateTime) changes only the dateTime fields' tsType to string", async () => {
    const { model } = modelOf(gwestersf, "edge.wsdl", "string");
    assert.equal(model.dateTime, "string");
    const dateTimes = model.fields.filter((f) => f.xsdType === "xsd:dateTime").map((f) => f.name);
    assert.deepEqual(dateTimes, ["CreatedDate", "LastModifiedDate", "SystemModstamp"]);
    model.fields.forEach((f, i) => {
      const before = reference.fields[i] as FieldModel;
      assert.equal(before.name, f.name);
      assert.equal(f.value.tsType.name, f.xsdType === "xsd:dateTime" ? "string" : before.value.tsType.name, f.name);
      assert.equal(before.value.tsType.name, f.xsdType === "xsd:dateTime" ? "Date" : f.value.tsType.name, f.name);
    });
    const types = async (dateTime: DateTimeMode) =>
      (await generate({ inputs: [{ name: GWESTERSF, text: gwestersf }], options: { dateTime } })).files.find(
        (f) => f.path === "src/types.ts",
      )?.content ?? "";
    assert.match(await types("string"), /^ {2}CreatedDate\?: string \| null;$/m);
    assert.match(await types("date"), /^ {2}CreatedDate\?: Date \| null;$/m);
  });

  it("a field name that is not a JS identifier is kept verbatim and quoted, not renamed, in src/types.ts", async () => {
    const text = edit(gwestersf, 'name="gwestr__Rush__c"', 'name="gwestr__Rush-Order__c"');
    const { model } = modelOf(text);
    const rush = field(model, "gwestr__Rush-Order__c");
    assert.equal(rush.value.tsType.name, "boolean");
    const { files } = await generate({ inputs: [{ name: "edge.wsdl", text }] });
    const types = files.find((f) => f.path === "src/types.ts")?.content ?? "";
    assert.match(types, /^ {2}"gwestr__Rush-Order__c"\?: boolean \| null;$/m);
    assert.doesNotMatch(types, /gwestr__Rush_Order__c/);
  });

  it("a field named unknownFields, where records keep undeclared fields, is refused with its location", () => {
    const text = edit(corpusText("ryanbrainard-account-2012.wsdl"), '<element name="Name"', '<element name="unknownFields"');
    assert.throws(() => modelOf(text), {
      name: "WsdlError",
      code: "WSDL_UNSUPPORTED",
      message:
        'edge.wsdl:54:25: error WSDL_UNSUPPORTED: field "unknownFields" of "Account" has the name under which records keep the fields a WSDL does not declare',
    });
  });
});
