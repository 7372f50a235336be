import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseXml, type XmlElement } from "../../src/wsdl/xml-tree.js";
import { corpusWsdls, FIXTURES } from "../support/fixtures.js";

// Every location the generator reports comes from XmlElement.location, so it must be the start
// tag of the element in whatever the file looks like: CRLF, tabs, entities, comments, a BOM.

function elements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(elements)];
}

/** Asserts that each element's line:column is `<` + its name as written; returns how many were checked. */
function assertLocations(file: string, text: string): number {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split("\n");
  const all = elements(parseXml(file, text));
  for (const element of all) {
    const { line, column } = element.location;
    assert.equal(element.location.file, file);
    const at = (lines[line - 1] ?? "").slice(column - 1);
    assert.ok(
      at.startsWith(`<${element.qualifiedName}`) && /^(?:[\s/>]|$)/.test(at.slice(element.qualifiedName.length + 1)),
      `<${element.qualifiedName}> at ${line}:${column} points at ${JSON.stringify(at.slice(0, 40))}`,
    );
  }
  return all.length;
}

const SMALL = readFileSync(join(FIXTURES, "wsdl", "comsave-objecttoberemoved__c.wsdl"), "utf8");
const COMMENT = "<!-- Our simple ID Type -->";

describe("element locations", () => {
  for (const file of corpusWsdls()) {
    it(`${file}: every element is located at its start tag`, () => {
      const count = assertLocations(file, readFileSync(join(FIXTURES, "wsdl", file), "utf8"));
      assert.ok(count > 60, `only ${count} elements`);
    });
  }

  // [name, text, elements added to the file]
  const variants: ReadonlyArray<[string, string, number]> = [
    [
      "entities in text before the element",
      SMALL.replace(COMMENT, "<documentation>a &amp;&lt;&#x41;&#65;&quot; b</documentation>"),
      1,
    ],
    ["entities and > in attribute values", SMALL.replace("<types>", '<types a="&amp;&lt;&#x41;&gt;>" b=">">'), 0],
    [
      "CDATA with markup",
      SMALL.replace(COMMENT, "<documentation><![CDATA[ <element name='x'/> & ]]></documentation>"),
      1,
    ],
    ["a comment with markup", SMALL.replace(COMMENT, "<!-- <element name='x'/> -->"), 0],
    ["a processing instruction", SMALL.replace(COMMENT, "<?foo <bar>?>"), 0],
    ["non-ASCII text", SMALL.replace(COMMENT, "<documentation>Pré-Calificación ü</documentation>"), 1],
    ["a byte-order mark", `\uFEFF${SMALL}`, 0],
    ["CRLF", SMALL.replaceAll("\n", "\r\n"), 0],
    ["tabs", SMALL.replace(/^(?: {4})+/gm, (spaces) => "\t".repeat(spaces.length / 4)), 0],
    ["everything on one line", SMALL.replace(/\n\s*/g, " "), 0],
  ];
  const smallCount = elements(parseXml("small.wsdl", SMALL)).length;
  for (const [name, text, added] of variants) {
    it(`with ${name}`, () => {
      assert.notEqual(text, SMALL);
      assert.equal(assertLocations("v.wsdl", text), smallCount + added);
    });
  }

  it("a processing instruction before the root is neither the root nor a second root", () => {
    const text = SMALL.replace(
      "<!--\nSalesforce",
      '<?xml-stylesheet type="text/xsl" href="wsdl.xsl"?>\n<!--\nSalesforce',
    );
    assert.notEqual(text, SMALL);
    const root = parseXml("pi.wsdl", text);
    assert.equal(root.qualifiedName, "definitions");
    assert.deepEqual(root.location, { file: "pi.wsdl", line: 10, column: 1 });
    assert.equal(elements(root).length, smallCount);
  });

  it("a byte-order mark does not shift the root's column", () => {
    const root = parseXml("bom.wsdl", `\uFEFF<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>`);
    assert.deepEqual(root.location, { file: "bom.wsdl", line: 1, column: 1 });
  });
});
