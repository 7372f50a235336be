import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generate, WsdlError } from "../../src/index.js";
import { rejectionOf } from "../support/expect-throws.js";
import { fixture } from "../support/fixtures.js";

// Field facets the model must read strictly, and locations in files with old Mac line ends.

const WSDL = fixture("wsdl/ryanbrainard-account-2012.wsdl");

const errorOf = (text: string): Promise<WsdlError> => rejectionOf(WsdlError, () => generate({ inputs: [{ name: "x.wsdl", text }] }));

describe("field facets", () => {
  it("a minOccurs that is not a whole number is refused at its element", async () => {
    const text = WSDL.replace('<element name="Name" nillable="true" minOccurs="0"', '<element name="Name" nillable="true" minOccurs="x"');
    const error = await errorOf(text);
    assert.equal(error.code, "WSDL_UNSUPPORTED");
    assert.equal(error.detail, 'field "Name" has minOccurs="x", which is not a whole number');
    assert.equal(error.location.line, WSDL.slice(0, WSDL.indexOf('<element name="Name"')).split("\n").length);
  });

  it("lines ending in a lone CR are counted as lines", async () => {
    const text = WSDL.replace(/\r?\n/g, "\r").replace('type="xsd:string"/>', 'type="ens:Nope"/>');
    const error = await errorOf(text);
    assert.equal(error.code, "WSDL_UNRESOLVED_TYPE");
    assert.equal(error.location.line, WSDL.slice(0, WSDL.indexOf('<element name="Name"')).split("\n").length);
  });
});
