import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BASE_MEMBERS, isBaseMember } from "../../src/model/base-members.js";
import type { ValueKind } from "../../src/model/model.js";
import { builtinKind, VALUE_KINDS, valueForm } from "../../src/model/value-kinds.js";
import * as sobject from "../../templates/runtime/sobject.js";
import { FIELD_KINDS } from "../../templates/runtime/testing-lexical.js";
import * as values from "../../templates/runtime/values.js";

// The one table of value kinds: what it names must exist in the runtime the package ships.

describe("VALUE_KINDS", () => {
  it("names a reader that templates/runtime/values.ts exports, in both --datetime modes", () => {
    for (const kind of Object.keys(VALUE_KINDS) as ValueKind[]) {
      for (const mode of ["date", "string"] as const) {
        const { reader } = valueForm(kind, mode);
        assert.equal(typeof (values as Record<string, unknown>)[reader], "function", `${kind} (${mode}): ${reader}`);
      }
    }
  });

  it("has the kinds the runtime's test kit writes and samples (FieldKind), no more and no fewer", () => {
    assert.deepEqual([...FIELD_KINDS].sort(), Object.keys(VALUE_KINDS).sort());
  });

  it("maps each built-in XSD type to one kind, and others to unknown", () => {
    const listed = Object.values(VALUE_KINDS).flatMap((info) => info.xsdTypes);
    assert.equal(new Set(listed).size, listed.length, "an XSD type is listed under two kinds");
    assert.equal(builtinKind("normalizedString"), "string");
    assert.equal(builtinKind("dateTime"), "dateTime");
    assert.equal(builtinKind("decimal"), "unknown");
    assert.equal(builtinKind("constructor"), "unknown");
  });

  it("types xsd:dateTime as Date, or as a string read as it came with --datetime string", () => {
    assert.deepEqual(valueForm("dateTime", "date"), {
      tsType: { kind: "global", name: "Date" },
      reader: "readDateTime",
    });
    assert.deepEqual(valueForm("dateTime", "string"), {
      tsType: { kind: "keyword", name: "string" },
      reader: "readDateTimeString",
    });
    assert.deepEqual(valueForm("double", "string"), valueForm("double", "date"));
  });
});

describe("BASE_MEMBERS", () => {
  it("are Id then fieldsToNull, each read by a function of templates/runtime/sobject.ts", () => {
    assert.deepEqual(
      BASE_MEMBERS.map((member) => member.name),
      ["Id", "fieldsToNull"],
    );
    for (const member of BASE_MEMBERS) {
      assert.equal(typeof (sobject as Record<string, unknown>)[member.reader], "function", member.reader);
      assert.ok(isBaseMember(member.name));
    }
    assert.equal(isBaseMember("Name"), false);
  });
});
