import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { generate, WsdlError } from "../../src/index.js";
import { findXmlProblem } from "../../src/wsdl/well-formed.js";
import { parseXml, type XmlElement } from "../../src/wsdl/xml-tree.js";
import { thrownBy } from "../support/expect-throws.js";
import { fixture } from "../support/fixtures.js";

// The WSDL is read once by fast-xml-parser; what it lets through that XML does not allow, and what
// it refuses, is reported in our own words (not fast-xml-parser's, which change between releases)
// at the place where a reader first notices it.

const D = '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/">';
const DEEP_CHILD = join(import.meta.dirname, "children", "deep-wsdl.ts");
const SMALL = fixture("wsdl/comsave-objecttoberemoved__c.wsdl");

const refusal = (text: string): WsdlError => thrownBy(WsdlError, () => parseXml("in.wsdl", text));
const malformed = (at: string, detail: string): string =>
  `in.wsdl:${at}: error WSDL_MALFORMED_XML: not well-formed XML: ${detail}`;

describe("malformed XML is refused in our words at the place it is noticed", () => {
  // [case, text, line:column, detail]
  const cases: ReadonlyArray<readonly [string, string, string, string]> = [
    ["a comment that is not closed", `${D}\n  <!-- x\n</definitions>`, "2:3", "comment is not closed"],
    ["a CDATA section that is not closed", `${D}<![CDATA[ x</definitions>`, "1:55", "CDATA section is not closed"],
    [
      "a processing instruction that is not closed",
      `${D}\n<?x y</definitions>`,
      "2:1",
      "processing instruction is not closed",
    ],
    ["an end tag without >", `${D}</definitions`, "1:55", 'end tag </definitions> is not closed with ">"'],
    ["an end tag with more in it", `${D}<a>x</a </definitions>`, "1:59", 'end tag </a> is not closed with ">"'],
    ["an element with no end tag", `${D}\n<types>`, "2:1", "<types> has no end tag"],
    ["an end tag with no start tag", `${D}</definitions>\n</x>`, "2:1", "end tag </x> has no start tag"],
    [
      "an attribute given twice",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" a="1" a="2"/>`,
      "1:61",
      'attribute "a" appears twice in <definitions>',
    ],
    [
      "an attribute without a value",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" a/>`,
      "1:55",
      'attribute "a" of <definitions> has no quoted value',
    ],
    [
      "an attribute value without quotes",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" a=1/>`,
      "1:55",
      'attribute "a" of <definitions> has no quoted value',
    ],
    [
      "a < in an attribute value",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" a="<"/>`,
      "1:58",
      'the value of attribute "a" of <definitions> contains "<"',
    ],
    ["a bare & in text", `${D}a & b</definitions>`, "1:57", '"&" starts no character or entity reference'],
    ["an entity XML does not define", `${D}<a b="&nbsp;"/></definitions>`, "1:61", 'unknown entity reference "&nbsp;"'],
    ["text before the root", `hello ${D}</definitions>`, "1:1", "text before the root element"],
    ["text after the root", `${D}</definitions>\nhello`, "2:1", "text after the root element"],
    ["a second root", `${D}</definitions>\n<definitions/>`, "2:1", "more than one root element"],
    ["an element name that is not a name", `${D}\n  <1a/></definitions>`, "2:3", '"1a" is not an element name'],
    [
      "markup that is neither comment nor CDATA",
      `${D}<!ELEMENT x ANY></definitions>`,
      "1:55",
      '"<!" starts neither a comment nor a CDATA section',
    ],
    [
      "an XML declaration that is not first",
      `\n${D}</definitions>`.replace("\n", '\n<?xml version="1.0"?>'),
      "2:1",
      "the XML declaration is only allowed at the very start of the file",
    ],
    [
      "a broken XML declaration",
      `<?xml version="1.0?>\n${D}</definitions>`,
      "2:1",
      'the value of attribute "version" of the XML declaration contains "<"',
    ],
    // A lone CR ends a line, as XML counts lines (the old validator counted only LF and CRLF).
    [
      "lines ended by lone CRs",
      `${D}\r<a>\r</b></definitions>`,
      "3:1",
      "end tag </b> does not match the start tag <a> at line 2, column 1",
    ],
  ];
  for (const [name, text, at, detail] of cases) {
    it(name, () => {
      const error = refusal(text);
      assert.equal(error.message, malformed(at, detail));
      assert.equal(error.code, "WSDL_MALFORMED_XML");
    });
  }

  // The root is level 1; level 257 is the 256th <a> after it.
  const TOO_DEEP = `in.wsdl:1:${55 + 255 * 3}: error WSDL_UNSUPPORTED: elements are nested more than 256 deep`;

  it("elements nested deeper than any WSDL are refused at the first one too deep, not with a stack trace", () => {
    const text = `${D}${"<a>".repeat(300)}${"</a>".repeat(300)}</definitions>`;
    assert.equal(refusal(text).message, TOO_DEEP);
  });

  it("an empty element is refused at level 257 too, and 256 levels are read", () => {
    const nested = (depth: number, innermost: string): string =>
      `${D}${"<a>".repeat(depth - 2)}${innermost}${"</a>".repeat(depth - 2)}</definitions>`;
    assert.equal(refusal(nested(257, "<a/>")).message, TOO_DEEP);
    for (const innermost of ["<a/>", "<a>text</a>"]) {
      let element = parseXml("in.wsdl", nested(256, innermost));
      for (let level = 1; level < 256; level++) element = element.children[0] as XmlElement;
      assert.equal(element.qualifiedName, "a");
      assert.deepEqual(element.children, []);
    }
  });

  it("the first problem in document order wins between nesting too deep and malformed XML", () => {
    const deep = `${"<a>".repeat(300)}${"</a>".repeat(300)}`;
    assert.equal(
      refusal(`${D}<b x></b>${deep}</definitions>`).message,
      malformed("1:58", 'attribute "x" of <b> has no quoted value'),
    );
    assert.equal(refusal(`${D}${deep}<b x></b></definitions>`).message, TOO_DEEP);
  });

  it("a WSDL 200,000 elements deep is refused at level 257 without reading it all (quadratic before)", async () => {
    // Bounded by a timeout, which a read quadratic in the depth overruns by far (minutes), not a timing.
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", DEEP_CHILD, "200000"], {
      cwd: join(import.meta.dirname, "..", ".."),
      timeout: 20_000,
    });
    assert.equal(stdout, `${TOO_DEEP}\n`);
  });

  it("malformed XML is reported before an undeclared prefix that comes earlier", () => {
    assert.equal(
      refusal(`${D}<x:a/><b></c></definitions>`).message,
      malformed("1:64", "end tag </c> does not match the start tag <b> at line 1, column 61"),
    );
  });
});

describe("DOCTYPE", () => {
  const doctype = (at: string): string =>
    `in.wsdl:${at}: error WSDL_DOCTYPE: DOCTYPE declarations are not accepted in a WSDL`;

  it("is refused before the root, after it and inside it, at the declaration", () => {
    assert.equal(refusal(`<?xml version="1.0"?>\n<!DOCTYPE definitions>\n${D}</definitions>`).message, doctype("2:1"));
    assert.equal(refusal(`${D}</definitions>\n  <!DOCTYPE x>`).message, doctype("2:3"));
    assert.equal(refusal(`${D}\n  <!DOCTYPE x>\n</definitions>`).message, doctype("2:3"));
  });

  it("is refused even when its entities are never used, and its entities are not expanded", () => {
    const text = `<!DOCTYPE d [<!ENTITY e "evil">]>\n${D}<a name="&e;"/></definitions>`;
    assert.equal(refusal(text).message, doctype("1:1"));
  });

  it("inside a comment, a CDATA section or a processing instruction is only text: the WSDL is accepted", async () => {
    const comment = "<!-- Our simple ID Type -->";
    const variants = [
      [SMALL.replace(comment, "<!-- <!DOCTYPE definitions> -->"), ""],
      [SMALL.replace(comment, "<documentation><![CDATA[<!DOCTYPE x>]]></documentation>"), "documentation[]"],
      [SMALL.replace(comment, "<?note <!DOCTYPE x>?>"), ""],
    ] as const;
    for (const [text, added] of variants) {
      assert.ok(text.includes("<!DOCTYPE"));
      const expected = shape(parseXml("in.wsdl", SMALL.replace(comment, added === "" ? "" : "<documentation/>")));
      assert.equal(shape(parseXml("in.wsdl", text)), expected);
    }
    const result = await generate({ inputs: [{ name: "in.wsdl", text: variants[0][0] }] });
    assert.ok(result.files.some((file) => file.path === "src/types.ts"));
  });
});

describe("what is read", () => {
  it("character and predefined entity references in attribute values are decoded", () => {
    const root = parseXml(
      "in.wsdl",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" a="&lt;&#65;&#x42;&amp;&quot;&apos;&gt;"/>`,
    );
    assert.equal(root.attributes.get("a"), `<AB&"'>`);
  });

  it("a WSDL is read by fast-xml-parser once, and never by its validator", async () => {
    const calls = { parse: 0, validate: 0 };
    const parse = XMLParser.prototype.parse;
    const validate = XMLValidator.validate;
    XMLParser.prototype.parse = function (this: XMLParser, xml: string | Uint8Array) {
      calls.parse++;
      return (parse as (this: XMLParser, xml: string | Uint8Array) => unknown).call(this, xml);
    };
    XMLValidator.validate = (...args: Parameters<typeof validate>) => {
      calls.validate++;
      return validate(...args);
    };
    after(() => {
      XMLParser.prototype.parse = parse;
      XMLValidator.validate = validate;
    });
    await generate({ inputs: [{ name: "in.wsdl", text: SMALL }] });
    assert.deepEqual(calls, { parse: 1, validate: 0 });
  });

  it("edited WSDLs are accepted or refused with a WsdlError, and a refusal names the first problem", () => {
    // Random edits with the characters XML is made of; whatever fast-xml-parser makes of them, the
    // result is a tree or our error, never its exception or a stack trace.
    const pieces = [
      "<",
      ">",
      "&",
      '"',
      "'",
      "/",
      "=",
      " ",
      "<!--",
      "-->",
      "<![CDATA[",
      "]]>",
      "<?",
      "?>",
      "</",
      "<!DOCTYPE x>",
      "\r",
      ":",
      "&amp;",
      "&x;",
    ];
    const edit = fc.tuple(fc.nat(SMALL.length), fc.nat(5), fc.constantFrom(...pieces));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = SMALL;
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        let error: unknown;
        try {
          parseXml("in.wsdl", text);
          return;
        } catch (caught) {
          error = caught;
        }
        assert.ok(error instanceof WsdlError, String(error));
        if (error.detail.startsWith("namespace prefix")) return;
        assert.equal(error.detail, findXmlProblem(text)?.detail);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });
});

/** The element names, attribute names and nesting of a tree, to compare two reads. */
function shape(element: XmlElement): string {
  const attributes = [...element.attributes.keys()].join(" ");
  return `${element.qualifiedName}${attributes === "" ? "" : ` ${attributes}`}[${element.children.map(shape).join(",")}]`;
}
