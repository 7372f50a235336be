import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bindingError, NamespaceScope } from "../../templates/runtime/namespace-scope.js";
import { escapeXml } from "../../templates/runtime/soap.js";
import {
  advanceLines,
  endsLine,
  isXmlChar,
  isXmlName,
  nameCharLength,
  NOT_XML_CHAR,
  xmlCharUnits,
  type LinePosition,
} from "../../templates/runtime/xml-chars.js";
import { lineStarts } from "../../src/wsdl/wsdl-error.js";

// The reader's parts are tested through XmlReader (xml-reader*.test.ts, chunked-input, fuzz);
// these tests hold the rules each part states once.

describe("the Char rule (XML 1.0 [2])", () => {
  it("isXmlChar holds exactly the ranges of the spec", () => {
    const table: [number, boolean][] = [
      [0x0, false], [0x8, false], [0x9, true], [0xa, true], [0xb, false], [0xc, false], [0xd, true],
      [0x1f, false], [0x20, true], [0xd7ff, true], [0xd800, false], [0xdfff, false], [0xe000, true],
      [0xfffd, true], [0xfffe, false], [0xffff, false], [0x10000, true], [0x10ffff, true], [0x110000, false],
      [-1, false], [Number.NaN, false],
    ];
    for (const [cp, expected] of table) assert.equal(isXmlChar(cp), expected, `U+${cp.toString(16)}`);
  });

  it("NOT_XML_CHAR and xmlCharUnits agree with isXmlChar on every UTF-16 unit", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const text = String.fromCharCode(c);
      const expected = isXmlChar(c);
      assert.equal(NOT_XML_CHAR.test(text), !expected, `regex, unit ${c.toString(16)}`);
      if (c < 32 || c >= 0xd800) assert.equal(xmlCharUnits(text, 0, c) === 1, expected, `units, unit ${c.toString(16)}`);
    }
  });

  it("a surrogate pair is one character; a lone surrogate is none", () => {
    const pair = "\u{1F600}";
    assert.equal(NOT_XML_CHAR.test(pair), false);
    assert.equal(xmlCharUnits(pair, 0, pair.charCodeAt(0)), 2);
    assert.equal(NOT_XML_CHAR.exec("ab\uD800c")?.index, 2);
    assert.equal(NOT_XML_CHAR.exec("ab\uDC00\uD800")?.index, 2);
    assert.equal(xmlCharUnits("\uD800x", 0, 0xd800), 0);
  });

  it("escapeXml drops what the rule forbids and keeps pairs", () => {
    assert.equal(escapeXml("a\u0000b\uFFFEc\uD800d\u{1F600}e"), "abcd\u{1F600}e");
  });
});

describe("the Name rule (XML 1.0 [4], [4a])", () => {
  const table: [string, boolean, number][] = [
    ["a", true, 1], ["_", true, 1], [":", true, 1], ["1", true, 0], ["1", false, 1], ["-", false, 1],
    [".", true, 0], ["\u00B7", true, 0], ["\u00B7", false, 1], ["\u00C0", true, 1], ["\u00D7", true, 0],
    ["\u{10000}", true, 2], ["\u{F0000}", true, 0], [" ", false, 0], ["\uD800", true, 0],
  ];
  for (const [text, start, length] of table) {
    it(`${JSON.stringify(text)} ${start ? "starting" : "continuing"} a name: ${length} unit(s)`, () => {
      assert.equal(nameCharLength(text, 0, start), length);
    });
  }
});

describe("isXmlName: a whole Name (XML 1.0 [5]), as the WSDL side checks names", () => {
  const table: [string, boolean][] = [
    ["a", true], ["sf:Account", true], [":", true], ["_x.y-z1", true], ["\u00C0\u00B7", true], ["a\u{10000}", true],
    ["", false], ["1a", false], ["-a", false], ["a b", false], ["a>", false], ["\u00B7a", false], ["a\uD800", false],
    ["\u{F0000}", false],
  ];
  for (const [name, expected] of table) {
    it(`${JSON.stringify(name)}: ${expected}`, () => assert.equal(isXmlName(name), expected));
  }
});

describe("the line-break rule (XML 1.0 2.11)", () => {
  it("ends lines at LF, at CRLF's LF and at a lone CR", () => {
    const text = "a\nb\r\nc\rd\r";
    assert.deepEqual(
      [...text].map((_, i) => endsLine(text, i)),
      [false, true, false, false, true, false, true, false, true],
    );
  });

  it("the WSDL side's line starts and the reader's line counting agree", () => {
    const samples = ["", "x", "\n", "\r", "\r\n", "a\r\rb\n\r\nc", "\r\n\r\n", "one\ntwo\rthree\r\nfour", "a\n\n\rb\r"];
    for (const text of samples) {
      const starts = lineStarts(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const at: LinePosition = { line: 1, lineStart: 0 };
        advanceLines(text, 0, offset, 0, at);
        const line = starts.filter((start) => start <= offset).length;
        assert.deepEqual(at, { line, lineStart: starts[line - 1] }, `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });
});

describe("NamespaceScope", () => {
  it("refuses the bindings Namespaces in XML forbids, with the reader's wording", () => {
    const table: [string, string, string | undefined][] = [
      ["p", "urn:x", undefined],
      ["", "", undefined],
      ["p", "", 'prefix p is bound to ""'],
      ["xmlns", "urn:x", 'prefix xmlns cannot be bound to "urn:x"'],
      ["xml", "urn:x", 'prefix xml cannot be bound to "urn:x"'],
      ["xml", "http://www.w3.org/XML/1998/namespace", undefined],
      ["p", "http://www.w3.org/XML/1998/namespace", 'prefix p cannot be bound to "http://www.w3.org/XML/1998/namespace"'],
      ["", "http://www.w3.org/2000/xmlns/", 'prefix (default) cannot be bound to "http://www.w3.org/2000/xmlns/"'],
    ];
    for (const [prefix, uri, expected] of table) assert.equal(bindingError(prefix, uri), expected, `${prefix}=${uri}`);
  });

  it("resolves prefixes innermost first and forgets what a closed element declared", () => {
    const scope = new NamespaceScope();
    assert.equal(scope.lookup(""), "");
    assert.equal(scope.lookup("p"), undefined);
    assert.equal(scope.lookup("xml"), "http://www.w3.org/XML/1998/namespace");
    scope.declare("p", "urn:outer");
    assert.equal(scope.elementNamespace("p:a", 1), "urn:outer");
    scope.declare("p", "urn:inner");
    // The cached prefix must not survive a new binding.
    assert.equal(scope.elementNamespace("p:a", 1), "urn:inner");
    scope.undeclare(["p"]);
    assert.equal(scope.elementNamespace("p:b", 1), "urn:outer");
    assert.equal(scope.elementNamespace("q:b", 1), undefined);
    assert.equal(scope.elementNamespace("plain", -1), "");
  });
});
