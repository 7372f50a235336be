import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseNotifications } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { fixture } from "../support/fixtures.js";
import { checkDocument, errorOf, rootText } from "./support.js";

// Regressions of the hardening issue (#8): XML 1.0 name and character rules exactly, one verdict
// per byte sequence whatever the chunking, one rule for encoding declarations.

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");

/** `bytes` as chunks of `size` bytes (the last one shorter). */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) out.push(bytes.subarray(offset, offset + size));
  return out;
}

/** The error message for a document as a string, as bytes and as chunks of 1, 3 and 16 kB bytes; all must agree. */
function oneVerdict(read: (input: string | Uint8Array | Uint8Array[]) => unknown, bytes: Uint8Array): string {
  const whole = errorOf(() => read(bytes)).message;
  for (const size of [1, 3, 16 * 1024]) assert.equal(errorOf(() => read(chunked(bytes, size))).message, whole, `chunks of ${size}`);
  return whole;
}

function readAll(input: string | Uint8Array | Uint8Array[]): void {
  checkDocument(input as string);
}

describe("XML 1.0 names and characters exactly (issue 8, item 9)", () => {
  const refused: [string, string, string][] = [
    [
      "U+00A0 inside an element name",
      '<sf:A\u00a0B xmlns:sf="urn:x"/>',
      'MALFORMED_XML at / (line 1, column 6): expected whitespace, ">" or "/>" in start tag <sf:A>',
    ],
    ["U+00D7 as a local name", '<sf:\u00d7 xmlns:sf="urn:x"/>', 'MALFORMED_XML at / (line 1, column 5): a local name cannot start with "×"'],
    ["U+FFFE in an element name", "<a\uFFFE/>", 'MALFORMED_XML at / (line 1, column 3): expected whitespace, ">" or "/>" in start tag <a>'],
    ["U+FFFF in an element name", "<aa\uFFFF></aa\uFFFF>", 'MALFORMED_XML at / (line 1, column 4): expected whitespace, ">" or "/>" in start tag <aa>'],
    ["U+2028 as a processing instruction target", "<?\u2028 x?><a/>", 'MALFORMED_XML at / (line 1, column 3): a name cannot start with "\u2028"'],
    ["a digit after the colon of a qualified name", '<p:1 xmlns:p="urn:x"/>', 'MALFORMED_XML at / (line 1, column 4): a local name cannot start with "1"'],
    ["a colon in a processing instruction target", "<?a:b x?><a/>", "MALFORMED_XML at / (line 1, column 1): a processing instruction target cannot contain a colon"],
    ["a lone high surrogate in text", "<a>\uD800</a>", "MALFORMED_XML at /a (line 1, column 4): character not allowed in XML"],
    ["a lone low surrogate in text", "<a>x\uDC00</a>", "MALFORMED_XML at /a (line 1, column 5): character not allowed in XML"],
    ["surrogates in the wrong order", "<a>\uDC00\uD800</a>", "MALFORMED_XML at /a (line 1, column 4): character not allowed in XML"],
    ["a lone surrogate in an attribute value", '<a b="\uDC00"/>', "MALFORMED_XML at / (line 1, column 7): character not allowed in XML"],
    ["a lone surrogate in a comment", "<a><!--\uD800--></a>", "MALFORMED_XML at /a (line 1, column 8): character not allowed in XML"],
    ["a lone surrogate in CDATA", "<a><![CDATA[\uDBFF]]></a>", "MALFORMED_XML at /a (line 1, column 13): character not allowed in XML"],
    ["a lone surrogate in a processing instruction", "<a><?p \uD800?></a>", "MALFORMED_XML at /a (line 1, column 8): character not allowed in XML"],
    ["a lone surrogate in a name", "<a\uD800/>", 'MALFORMED_XML at / (line 1, column 3): expected whitespace, ">" or "/>" in start tag <a>'],
  ];
  for (const [name, xml, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.equal(errorOf(() => checkDocument(xml)).message, message);
      // Lone surrogates have no UTF-8 form; every other case reads the same as bytes.
      if (!/[\uD800-\uDFFF]/.test(xml)) assert.equal(errorOf(() => checkDocument(encode(xml))).message, message);
    });
  }

  it("accepts names and text with characters beyond U+FFFF (surrogate pairs)", () => {
    assert.doesNotThrow(() => checkDocument('<a\u{10000}\u{EFFFF} b\u00b7="\u{1F600}"/>'));
    assert.equal(rootText("<a>\u{10FFFF}\u{1F600}</a>"), "\u{10FFFF}\u{1F600}");
  });

  it("accepts zero-padded character references, in text and attribute values", () => {
    assert.equal(rootText("<a>&#0000000065;</a>"), "A");
    assert.equal(rootText("<a>&#x0000000041;&#00000000000000000000066;&#x0001F600;</a>"), "AB\u{1F600}");
    assert.equal(rootText(encode("<a>&#0000000065;</a>")), "A");
    const message = MESSAGE.replace(">00D5w000004qGTOEA2<", ">00D5w000004qGTO&#000000069;A2<");
    assert.equal(parseNotifications(message).OrganizationId, "00D5w000004qGTOEA2");
  });
});

describe("one verdict per byte sequence (issue 8, item 8)", () => {
  it("an early structural error wins over a late invalid UTF-8 byte, as one array and in any chunks", () => {
    const text = MESSAGE.replace("<sf:Name>Backpackers", "<sf:Name><b/>Backpackers");
    const bytes = encode(text.replace("</soapenv:Body>", `${"x".repeat(40_000)}</soapenv:Body>`));
    const bad = new Uint8Array(bytes);
    bad[bad.length - 100] = 0xff;
    const message = oneVerdict(parseNotifications, bad);
    assert.equal(errorOf(() => parseNotifications(text)).message, message);
    assert.match(message, /^UNEXPECTED_ELEMENT at \/Envelope\/Body\/notifications\/Notification\[1\]\/sObject\/Name /);
  });

  it("a mismatched end tag before an invalid byte is MALFORMED_XML on every path", () => {
    const bytes = new Uint8Array([...encode(`<a><b>x</c>${"y".repeat(50_000)}`), 0xc3, ...encode("</a>")]);
    assert.equal(oneVerdict(readAll, bytes), "MALFORMED_XML at /a/b (line 1, column 8): expected </b>, found </c>");
  });

  it("an invalid byte before any other error is INVALID_ENCODING on every path", () => {
    const bytes = new Uint8Array([...encode("<a><b>x"), 0xe9, ...encode(`</c>${"y".repeat(50_000)}</a>`)]);
    assert.equal(oneVerdict(readAll, bytes), "INVALID_ENCODING at / (line 1, column 1): the body is not valid UTF-8");
  });

  it("an invalid byte after a complete document is INVALID_ENCODING on every path", () => {
    const bytes = new Uint8Array([...encode(MESSAGE), 0xff]);
    assert.equal(oneVerdict(parseNotifications, bytes), "INVALID_ENCODING at / (line 1, column 1): the body is not valid UTF-8");
  });

  it("a problem in a comment before an invalid byte inside it wins on every path", () => {
    const bytes = new Uint8Array([...encode("<a><!-- x -- y "), 0xff, ...encode(" --></a>")]);
    assert.equal(oneVerdict(readAll, bytes), 'MALFORMED_XML at /a (line 1, column 11): "--" is not allowed inside a comment');
  });

  it("a sequence cut by the end of the body is INVALID_ENCODING, whatever the chunking", () => {
    const bytes = new Uint8Array([...encode("<a>x</a>"), 0xe6, 0x97]);
    assert.equal(oneVerdict(readAll, bytes), "INVALID_ENCODING at / (line 1, column 1): the body is not valid UTF-8");
  });

  it("an encoding declaration other than UTF-8 gets one verdict as a string, as bytes and in chunks", () => {
    const latin = MESSAGE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const expected = 'INVALID_ENCODING at / (line 1, column 1): encoding "ISO-8859-1" is not supported; send UTF-8';
    assert.equal(errorOf(() => parseNotifications(latin)).message, expected);
    assert.equal(oneVerdict(parseNotifications, encode(latin)), expected);
  });

  // Found by the fuzzer: a piece of bytes may end right after a "<" when the next starts with one.
  const pieceEdges: [string, string, (input: string | Uint8Array | Uint8Array[]) => unknown][] = [
    ["<a>x<<b/></a>", "UNEXPECTED_ELEMENT at /a (line 1, column 5): <a> has a simple type and cannot contain elements", (input) => rootText(input as string)],
    ["<a><!x --><<b/></a>", 'MALFORMED_XML at /a (line 1, column 4): unexpected markup "<!x --><<"', readAll],
    ["<a><p:<b/></a>", 'MALFORMED_XML at /a (line 1, column 7): a local name cannot start with "<"', readAll],
    ["<a><!-- x --<b/>--></a>", 'MALFORMED_XML at /a (line 1, column 11): "--" is not allowed inside a comment', readAll],
  ];
  for (const [xml, message, read] of pieceEdges) {
    it(`${JSON.stringify(xml)} reads the same as a string and in any chunks`, () => {
      assert.equal(errorOf(() => read(xml)).message, message);
      assert.equal(oneVerdict(read, encode(xml)), message);
    });
  }
});
