import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutboundMessageError, type OutboundMessageErrorCode } from "../../templates/runtime/errors.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";
import { fixtureBytes, FIXTURES, listFiles } from "../support/fixtures.js";
import { assertElement, checkDocument, elementTree, errorOf, rootText } from "./support.js";

// The strict pull reader on its own: well-formedness (XML 1.0), namespace well-formedness
// (Namespaces in XML 1.0), normalisation, navigation and error locations.

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

interface Rejected {
  readonly name: string;
  readonly xml: string | Uint8Array;
  readonly code: OutboundMessageErrorCode;
  /** The whole message (code, path, line, column and detail); the code alone is checked when absent. */
  readonly message?: string;
  /** How the document is read; `checkDocument` (skip the root) by default. */
  readonly read?: (input: string | Uint8Array) => unknown;
}

function rejects(cases: readonly Rejected[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const error = errorOf(() => (c.read ?? checkDocument)(c.xml));
      assert.equal(error.code, c.code, error.message);
      if (c.message !== undefined) assert.equal(error.message, c.message);
    });
  }
}

function accepts(cases: readonly { readonly name: string; readonly xml: string | Uint8Array }[]): void {
  for (const c of cases) it(c.name, () => assert.doesNotThrow(() => checkDocument(c.xml)));
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

describe("XmlReader: element structure", () => {
  rejects([
    {
      name: "end tag that does not match the open element",
      xml: "<a><b></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a/b (line 1, column 7): expected </b>, found </a>",
    },
    {
      name: "mismatched end tag on a later line",
      xml: "<a>\n  <b>\n  </c>\n</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a/b (line 3, column 3): expected </b>, found </c>",
    },
    {
      name: "end tag that only starts like the open element",
      xml: "<a></ab>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): expected </a>, found </ab>",
    },
    {
      name: "end tag with another prefix",
      xml: '<p:a xmlns:p="urn:x" xmlns:q="urn:x"></q:a>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 38): expected </p:a>, found </q:a>",
    },
    {
      name: "end tag without its >",
      xml: "<a></a",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): malformed end tag </a>",
    },
    {
      name: "end tag with an attribute",
      xml: '<a></a b="1">',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): malformed end tag </a>",
    },
    {
      name: "unclosed root element",
      xml: "<a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 1): element <a> is not closed",
    },
    {
      name: "unclosed child element",
      xml: "<a><b>text",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a/b (line 1, column 4): element <b> is not closed",
    },
    {
      name: "root left open after its last child",
      xml: "<a><b></b>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 1): element <a> is not closed",
    },
    {
      name: "start tag cut off after its name",
      xml: "<a",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): start tag <a> is not closed",
    },
    {
      name: "document cut off after <",
      xml: "<a><",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 5): unexpected end of document",
    },
    {
      name: "end tag as the root",
      xml: "</a>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 2): a name cannot start with "/"',
    },
    {
      name: "a second end tag after the root",
      xml: "<a></a></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 8): content after the root element",
    },
    {
      name: "slash not followed by > in a start tag",
      xml: "<a / >",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 4): expected whitespace, ">" or "/>" in start tag <a>',
    },
  ]);

  accepts([
    { name: "whitespace before > of an end tag", xml: "<a><b></b \n></a \t>" },
    { name: "whitespace before /> and > of a start tag", xml: '<a \n><b x="1"\t/><c />\n</a>' },
    { name: "names with letters, digits, _, ., - and non-ASCII", xml: "<_a.b-c1><é/><日本/></_a.b-c1>" },
  ]);
});

describe("XmlReader: attributes", () => {
  rejects([
    {
      name: "duplicate attribute",
      xml: '<a b="1" b="2"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 10): attribute b appears twice",
    },
    {
      name: "duplicate namespace declaration",
      xml: '<r><a xmlns:p="urn:x" xmlns:p="urn:x"/></r>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /r (line 1, column 23): attribute xmlns:p appears twice",
    },
    {
      name: "two prefixes for one namespace giving the same expanded attribute name (child element)",
      xml: '<r xmlns:p="urn:x" xmlns:q="urn:x"><a p:k="1" q:k="2"/></r>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /r (line 1, column 36): attributes p:k and q:k are both {urn:x}k",
    },
    {
      name: "two prefixes for one namespace giving the same expanded attribute name (declared on the element)",
      xml: '<a xmlns:p="urn:x" xmlns:q="urn:x" p:k="1" q:k="2"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): attributes p:k and q:k are both {urn:x}k",
    },
    {
      name: "unquoted value",
      xml: "<a b=1/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 6): value of b is not quoted",
    },
    {
      name: "attribute without a value",
      xml: "<a b/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 5): attribute b has no value",
    },
    {
      name: "attribute without a value before another attribute",
      xml: '<a b c="1"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 6): attribute b has no value",
    },
    {
      name: "no whitespace between attributes",
      xml: '<a b="1"c="2"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 9): expected whitespace after the value of b",
    },
    {
      name: "value not closed",
      xml: '<a b="1/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 6): value of b is not closed",
    },
    {
      name: "< in a value",
      xml: '<a b="x<y"/>',
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 8): "<" is not allowed in an attribute value',
    },
    {
      name: "< in a value of a nested element",
      xml: "<r>\n <a b='<'/></r>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at /r (line 2, column 8): "<" is not allowed in an attribute value',
    },
    { name: "quotes that do not match", xml: "<a b=\"1'/>", code: "MALFORMED_XML" },
  ]);

  it("reads values in single and double quotes, with the other quote and > inside", () => {
    const r = XmlReader.fromInput(`<a s='say "hi"' d="it's" g="a>b" e="" amp="&amp;&lt;&gt;&quot;&apos;"/>`);
    r.openRoot();
    assert.equal(r.attribute("", "s"), 'say "hi"');
    assert.equal(r.attribute("", "d"), "it's");
    assert.equal(r.attribute("", "g"), "a>b");
    assert.equal(r.attribute("", "e"), "");
    assert.equal(r.attribute("", "amp"), "&<>\"'");
    assert.equal(r.attribute("", "missing"), undefined);
  });

  it("accepts the same local name in two different namespaces and unprefixed", () => {
    const r = XmlReader.fromInput('<a xmlns:p="urn:x" xmlns:q="urn:y" p:k="1" q:k="2" k="3"/>');
    r.openRoot();
    assert.equal(r.attribute("urn:x", "k"), "1");
    assert.equal(r.attribute("urn:y", "k"), "2");
    assert.equal(r.attribute("", "k"), "3");
  });

  it("accepts a prefixed and an unprefixed attribute of one local name when the default namespace is the same", () => {
    // Namespaces in XML 1.0, section 6.3: unprefixed attributes are in no namespace.
    const r = XmlReader.fromInput('<a xmlns:n1="urn:x" xmlns="urn:x" n1:k="1" k="2"/>');
    r.openRoot();
    assert.equal(r.attribute("urn:x", "k"), "1");
    assert.equal(r.attribute("", "k"), "2");
  });
});

describe("XmlReader: entity and character references", () => {
  rejects([
    {
      name: "undefined entity",
      xml: "<a>&nbsp;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): unknown entity &nbsp; (only the five XML entities are defined)",
    },
    {
      name: "undefined entity in an attribute",
      xml: '<a b="&foo;"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 7): unknown entity &foo; (only the five XML entities are defined)",
    },
    {
      name: "&#0;",
      xml: "<a>x&#0;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 5): &#0; is not a legal XML character",
    },
    {
      name: "&#xD800; (a surrogate)",
      xml: "<a>&#xD800;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): &#xD800; is not a legal XML character",
    },
    { name: "&#xDFFF;", xml: "<a>&#xDFFF;</a>", code: "MALFORMED_XML" },
    { name: "&#xFFFE;", xml: "<a>&#xFFFE;</a>", code: "MALFORMED_XML" },
    { name: "&#xFFFF;", xml: "<a>&#xFFFF;</a>", code: "MALFORMED_XML" },
    { name: "&#x110000; (beyond Unicode)", xml: "<a>&#x110000;</a>", code: "MALFORMED_XML" },
    { name: "&#1114112; (beyond Unicode, decimal)", xml: "<a>&#1114112;</a>", code: "MALFORMED_XML" },
    { name: "&#8; (a control character)", xml: "<a>&#8;</a>", code: "MALFORMED_XML" },
    { name: "&#x1F; in an attribute", xml: '<a b="&#x1F;"/>', code: "MALFORMED_XML" },
    {
      name: "zero-padded reference to a character XML forbids",
      xml: "<a>&#x000000000;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): &#x000000000; is not a legal XML character",
    },
    {
      name: "zero-padded reference beyond Unicode",
      xml: "<a>&#0001114112;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): &#0001114112; is not a legal XML character",
    },
    {
      name: "over-long entity name",
      xml: "<a>&averyveryverylongname;</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): unterminated entity reference",
    },
    {
      name: "reference without a semicolon",
      xml: "<a>&amp</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): unterminated entity reference",
    },
    {
      name: "bare ampersand",
      xml: "<a>a & b</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 6): unterminated entity reference",
    },
    { name: "&#X41; (upper-case X is not XML)", xml: "<a>&#X41;</a>", code: "MALFORMED_XML" },
    { name: "&#x; (no digits)", xml: "<a>&#x;</a>", code: "MALFORMED_XML" },
    { name: "&; (no name)", xml: "<a>&;</a>", code: "MALFORMED_XML" },
    { name: "&#-1;", xml: "<a>&#-1;</a>", code: "MALFORMED_XML" },
  ]);

  it("decodes the five predefined entities and character references", () => {
    assert.equal(rootText("<a>&lt;&gt;&amp;&quot;&apos;</a>"), "<>&\"'");
    assert.equal(rootText("<a>&#65;&#x42;&#x0043;&#0000068;&#x00045;</a>"), "ABCDE");
    assert.equal(rootText("<a>&#x1F600;&#128512;</a>"), "😀😀");
    assert.equal(rootText("<a>&#x10FFFF;&#xE000;&#xFFFD;&#x20;</a>"), "\u{10FFFF}\uE000\uFFFD ");
    assert.equal(rootText("<a>&amp;lt;</a>"), "&lt;", "no double decoding");
  });
});

describe("XmlReader: text, CDATA, comments and processing instructions", () => {
  rejects([
    {
      name: "]]> in text",
      xml: "<a>x]]>y</a>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at /a (line 1, column 5): "]]>" is not allowed in text',
    },
    { name: "]]> at the start of text", xml: "<a>]]></a>", code: "MALFORMED_XML", read: rootText },
    {
      name: "-- inside a comment",
      xml: "<a><!-- a -- b --></a>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at /a (line 1, column 11): "--" is not allowed inside a comment',
    },
    {
      name: "comment ending in --->",
      xml: "<a><!-- x ---></a>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at /a (line 1, column 11): "--" is not allowed inside a comment',
    },
    {
      name: "-- inside a comment in the prolog",
      xml: "<!-- a--b --><a/>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 7): "--" is not allowed inside a comment',
    },
    {
      name: "comment not closed",
      xml: "<a><!-- x</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): comment is not closed",
    },
    {
      name: "CDATA section not closed",
      xml: "<a><![CDATA[ x</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): CDATA section is not closed",
    },
    {
      name: "processing instruction not closed",
      xml: "<a><?pi x</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): processing instruction is not closed",
    },
    {
      name: "processing instruction without whitespace after its target",
      xml: '<?pi"x"?><a/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): malformed processing instruction",
    },
    { name: "processing instruction without a target", xml: "<? pi?><a/>", code: "MALFORMED_XML" },
    {
      name: "other <! markup",
      xml: "<a><!ELEMENT a ANY></a>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at /a (line 1, column 4): unexpected markup "<!ELEMENT"',
    },
  ]);

  it("reads CDATA verbatim, including ]] and > inside it", () => {
    assert.equal(rootText("<a><![CDATA[<b>&amp;</b>]]></a>"), "<b>&amp;</b>");
    assert.equal(rootText("<a><![CDATA[a]]b>c]>d]]></a>"), "a]]b>c]>d");
    assert.equal(rootText("<a><![CDATA[]]]></a>"), "]");
    assert.equal(rootText("<a><![CDATA[]]></a>"), "");
  });

  it("joins text around CDATA, comments and processing instructions", () => {
    assert.equal(rootText("<a>x&lt;<![CDATA[&lt;]]>y<!-- c -->z<?pi data?>&#33;<?pi?><!----></a>"), "x<&lt;yz!");
    assert.equal(rootText("<a> a <!-- - --> b </a>"), " a  b ");
  });

  it("allows ] and > in text as long as they do not form ]]>", () => {
    assert.equal(rootText("<a>a > b ]> ] ]> ]]&gt; ]]</a>"), "a > b ]> ] ]> ]]> ]]");
  });

  it("allows comments, processing instructions and whitespace-only CDATA between elements", () => {
    assert.deepEqual(elementTree("<a> <!-- c --> <?pi?>\n<b/> <![CDATA[ \n\t]]> <?pi x y?></a>"), ["{}a", "  {}b"]);
  });

  it("allows comments, processing instructions and whitespace before and after the root", () => {
    assert.deepEqual(elementTree("\n<?pi x?><!-- c -->\n<a/>\n<!-- c --><?pi?>\n \t"), ["{}a"]);
  });
});

describe("XmlReader: prolog and epilogue", () => {
  const XML_DECLARATION_AT_START = "the XML declaration is only allowed at the very start";
  rejects([
    {
      name: "XML declaration after whitespace",
      xml: ' <?xml version="1.0"?><a/>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 2): ${XML_DECLARATION_AT_START}`,
    },
    {
      name: "XML declaration after a line break",
      xml: '\n<?xml version="1.0"?><a/>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 2, column 1): ${XML_DECLARATION_AT_START}`,
    },
    {
      name: "XML declaration after a comment",
      xml: '<!-- c --><?xml version="1.0"?><a/>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 11): ${XML_DECLARATION_AT_START}`,
    },
    {
      name: "second XML declaration",
      xml: '<?xml version="1.0"?><?xml version="1.0"?><a/>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 22): ${XML_DECLARATION_AT_START}`,
    },
    {
      name: "XML declaration inside the root",
      xml: '<a><?xml version="1.0"?></a>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at /a (line 1, column 4): ${XML_DECLARATION_AT_START}`,
    },
    {
      name: "XML declaration after the root",
      xml: '<a/><?xml version="1.0"?>',
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 5): ${XML_DECLARATION_AT_START}`,
    },
    { name: "upper-case <?XML", xml: '<?XML version="1.0"?><a/>', code: "MALFORMED_XML" },
    { name: "<?xml without pseudo-attributes", xml: "<?xml?><a/>", code: "MALFORMED_XML" },
    {
      name: "text before the root",
      xml: "x<a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): text before the root element",
    },
    {
      name: "text before the root on line 2",
      xml: "\n  hello <a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 2, column 3): text before the root element",
    },
    { name: "a reference before the root", xml: "&amp;<a/>", code: "MALFORMED_XML" },
    {
      name: "text after the root",
      xml: "<a/>x",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 5): content after the root element",
    },
    {
      name: "a second root element",
      xml: "<a/>\n<b/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 2, column 1): content after the root element",
    },
    { name: "a reference after the root", xml: "<a></a>&#32;", code: "MALFORMED_XML" },
    { name: "CDATA after the root", xml: "<a/><![CDATA[x]]>", code: "MALFORMED_XML" },
    {
      name: "CDATA before the root",
      xml: "<![CDATA[x]]><a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): CDATA outside the root element",
    },
    {
      name: "empty document",
      xml: "",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): the document has no root element",
    },
    {
      name: "document with only a comment",
      xml: "<!-- c -->",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 11): the document has no root element",
    },
    { name: "document with only whitespace", xml: " \n\t\r\n", code: "MALFORMED_XML" },
  ]);

  accepts([
    { name: "a processing instruction whose target starts with xml", xml: '<?xml-stylesheet href="s.xsl"?><a/>' },
    { name: "a processing instruction named xmlfoo", xml: "<?xmlfoo?><a/>" },
  ]);
});

describe("XmlReader: DOCTYPE", () => {
  const DETAIL = "DOCTYPE declarations are not accepted (no DTDs, no entity expansion)";
  rejects([
    {
      name: "DOCTYPE with an internal subset in the prolog",
      xml: '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at / (line 1, column 1): ${DETAIL}`,
    },
    {
      name: "external DOCTYPE after the XML declaration",
      xml: '<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "http://example.com/a.dtd">\n<a/>',
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at / (line 2, column 1): ${DETAIL}`,
    },
    { name: "lower-case doctype", xml: "<!doctype a><a/>", code: "DOCTYPE_FORBIDDEN" },
    {
      name: "DOCTYPE between child elements (nextChild)",
      xml: "<a>\n <!DOCTYPE a>\n</a>",
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at /a (line 2, column 2): ${DETAIL}`,
      read: elementTree,
    },
    {
      name: "DOCTYPE inside text (readText)",
      xml: "<a>x<!DOCTYPE a></a>",
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at /a (line 1, column 5): ${DETAIL}`,
      read: rootText,
    },
    {
      name: "DOCTYPE inside a skipped element",
      xml: "<a><b><!DOCTYPE b></b></a>",
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at /a/b (line 1, column 7): ${DETAIL}`,
    },
    {
      name: "DOCTYPE after the root",
      xml: "<a/><!DOCTYPE a>",
      code: "DOCTYPE_FORBIDDEN",
      message: `DOCTYPE_FORBIDDEN at / (line 1, column 5): ${DETAIL}`,
    },
  ]);
});

describe("XmlReader: namespace well-formedness", () => {
  rejects([
    {
      name: "unbound element prefix on the root",
      xml: "<p:a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): namespace prefix p is not declared",
    },
    {
      name: "unbound element prefix on a child",
      xml: "<a><p:b/></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 4): namespace prefix p is not declared",
    },
    {
      name: "prefix used after the element that declared it closed",
      xml: '<a><b xmlns:p="urn:x"/><p:c/></a>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 24): namespace prefix p is not declared",
    },
    {
      name: "unbound attribute prefix on the root",
      xml: '<a p:x="1"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): namespace prefix p is not declared",
    },
    {
      name: "unbound attribute prefix on a child",
      xml: '<r><a p:x="1"/></r>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /r (line 1, column 4): namespace prefix p is not declared",
    },
    {
      name: "unbound attribute prefix while other prefixes are bound",
      xml: '<r xmlns:q="urn:q"><a q:y="1" p:x="1"/></r>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /r (line 1, column 20): namespace prefix p is not declared",
    },
    {
      name: "unbound attribute prefix on an element that declares another",
      xml: '<r><a xmlns:q="urn:q" p:x="1"/></r>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /r (line 1, column 4): namespace prefix p is not declared",
    },
    {
      name: 'xmlns:p=""',
      xml: '<a xmlns:p=""/>',
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 4): prefix p is bound to ""',
    },
    {
      name: "xml bound to another namespace",
      xml: '<a xmlns:xml="urn:x"/>',
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 4): prefix xml cannot be bound to "urn:x"',
    },
    {
      name: "another prefix bound to the xml namespace",
      xml: `<a xmlns:p="${XML_NS}"/>`,
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 4): prefix p cannot be bound to "${XML_NS}"`,
    },
    {
      name: "default namespace set to the xml namespace",
      xml: `<a xmlns="${XML_NS}"/>`,
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 4): prefix (default) cannot be bound to "${XML_NS}"`,
    },
    {
      name: "xmlns declared as a prefix",
      xml: '<a xmlns:xmlns="urn:x"/>',
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 4): prefix xmlns cannot be bound to "urn:x"',
    },
    {
      name: "a prefix bound to the xmlns namespace",
      xml: `<a xmlns:p="${XMLNS_NS}"/>`,
      code: "MALFORMED_XML",
      message: `MALFORMED_XML at / (line 1, column 4): prefix p cannot be bound to "${XMLNS_NS}"`,
    },
    { name: "default namespace set to the xmlns namespace", xml: `<a xmlns="${XMLNS_NS}"/>`, code: "MALFORMED_XML" },
    {
      name: "element with the xmlns prefix",
      xml: "<xmlns:a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): namespace prefix xmlns is not declared",
    },
    {
      name: "element name with two colons",
      xml: "<a:b:c/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 5): a name may contain one colon at most",
    },
    {
      name: "element name with a leading colon",
      xml: "<:a/>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 2): a name cannot start with ":"',
    },
    {
      name: "element name with a trailing colon",
      xml: "<a:/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 3): a name cannot end with a colon",
    },
    {
      name: "attribute name with two colons",
      xml: '<a b:c:d="1"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 7): a name may contain one colon at most",
    },
    {
      name: "attribute name with a leading colon",
      xml: '<a :b="1"/>',
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 4): a name cannot start with ":"',
    },
    {
      name: "attribute name with a trailing colon",
      xml: '<a b:="1"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 5): a name cannot end with a colon",
    },
    { name: "namespace declaration with two colons", xml: '<a xmlns:p:q="urn:x"/>', code: "MALFORMED_XML" },
    {
      name: "element name starting with a digit",
      xml: "<1a/>",
      code: "MALFORMED_XML",
      message: 'MALFORMED_XML at / (line 1, column 2): a name cannot start with "1"',
    },
    { name: "space after <", xml: "< a/>", code: "MALFORMED_XML" },
  ]);

  accepts([
    { name: "xml bound to its own namespace, and xml:lang", xml: `<a xmlns:xml="${XML_NS}" xml:lang="en"/>` },
    { name: "xml:lang without a declaration", xml: '<a xml:lang="en"><b xml:space="preserve"/></a>' },
    { name: 'xmlns="" with no default namespace in scope', xml: '<a xmlns=""/>' },
  ]);

  it('applies the default namespace and undeclares it with xmlns=""', () => {
    assert.deepEqual(elementTree('<a xmlns="urn:1"><b/><c xmlns=""><d/></c><e/></a>'), [
      "{urn:1}a",
      "  {urn:1}b",
      "  {}c",
      "    {}d",
      "  {urn:1}e",
    ]);
  });

  it("scopes a redeclared prefix to the element that redeclares it", () => {
    const xml =
      '<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/><p:e xmlns:p="urn:3"/><p:f/>' +
      '<q:g xmlns:q="urn:1"><p:h/></q:g></p:a>';
    assert.deepEqual(elementTree(xml), [
      "{urn:1}a",
      "  {urn:2}b",
      "    {urn:2}c",
      "  {urn:1}d",
      "  {urn:3}e",
      "  {urn:1}f",
      "  {urn:1}g",
      "    {urn:1}h",
    ]);
  });

  it("scopes a redeclared default namespace the same way", () => {
    assert.deepEqual(elementTree('<a xmlns="urn:1"><b xmlns="urn:2"><c/></b><d xmlns="urn:3"/><e/></a>'), [
      "{urn:1}a",
      "  {urn:2}b",
      "    {urn:2}c",
      "  {urn:3}d",
      "  {urn:1}e",
    ]);
  });

  it("restores bindings after a skipped element that redeclared them", () => {
    const r = XmlReader.fromInput('<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c><p:x/></p:c></p:b><p:d/></p:a>');
    r.openRoot();
    assert.equal(r.nextChild(), true);
    assertElement(r, "urn:2", "b");
    r.skipElement();
    assert.equal(r.nextChild(), true);
    assertElement(r, "urn:1", "d");
    assert.equal(r.qualifiedName, "p:d");
  });

  it("matches elements by namespace URI, not by prefix", () => {
    const r = XmlReader.fromInput('<x:a xmlns:x="urn:s"><y:a xmlns:y="urn:s"/><a xmlns="urn:s"/><x:b/></x:a>');
    r.openRoot();
    assertElement(r, "urn:s", "a");
    assert.equal(r.qualifiedName, "x:a");
    assert.equal(r.nextChild(), true);
    assertElement(r, "urn:s", "a");
    assert.equal(r.qualifiedName, "y:a");
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    assertElement(r, "urn:s", "a");
    assert.equal(r.qualifiedName, "a");
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    assertElement(r, "urn:s", "b");
    assert.equal(r.is("urn:s", "b"), true);
    assert.equal(r.is("x", "b"), false, "a prefix is not a namespace");
    assert.equal(r.is("urn:s", "x:b"), false, "is() takes a local name");
  });
});

describe("XmlReader: attribute() and resolveQName()", () => {
  it("finds attributes by namespace URI whatever their prefix", () => {
    const r = XmlReader.fromInput(
      '<a xmlns:x="urn:t" xmlns:y="urn:u" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" x:k="1" y:k="2" k="3" i:nil="true"/>',
    );
    r.openRoot();
    assert.equal(r.hasAttributes, true);
    assert.equal(r.attribute("urn:t", "k"), "1");
    assert.equal(r.attribute("urn:u", "k"), "2");
    assert.equal(r.attribute("", "k"), "3");
    assert.equal(r.attribute("http://www.w3.org/2001/XMLSchema-instance", "nil"), "true");
    assert.equal(r.attribute("x", "k"), undefined, "a prefix is not a namespace");
    assert.equal(r.attribute("urn:other", "k"), undefined);
    assert.equal(r.attribute("urn:t", "x:k"), undefined);
    assert.equal(r.attribute("", "x:k"), undefined);
    assert.equal(r.attribute("urn:t", "kk"), undefined);
  });

  it("does not put unprefixed attributes in the default namespace", () => {
    const r = XmlReader.fromInput('<a xmlns="urn:d" k="1"/>');
    r.openRoot();
    assert.equal(r.attribute("urn:d", "k"), undefined);
    assert.equal(r.attribute("", "k"), "1");
  });

  it("does not expose namespace declarations as attributes", () => {
    const r = XmlReader.fromInput('<a xmlns="urn:d" xmlns:p="urn:p"><b k="1"/><c/></a>');
    r.openRoot();
    assert.equal(r.hasAttributes, false);
    assert.equal(r.attribute(XMLNS_NS, "p"), undefined);
    assert.equal(r.attribute("", "xmlns"), undefined);
    assert.equal(r.nextChild(), true);
    assert.equal(r.hasAttributes, true);
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    assert.equal(r.hasAttributes, false, "attributes of the previous element do not leak");
    assert.equal(r.attribute("", "k"), undefined);
  });

  it("resolves an attribute whose prefix is declared after it on the same element", () => {
    const r = XmlReader.fromInput('<a p:k="1" xmlns:p="urn:p"/>');
    r.openRoot();
    assert.equal(r.attribute("urn:p", "k"), "1");
  });

  it("resolves QNames in the scope of the current element", () => {
    const r = XmlReader.fromInput(
      '<a xmlns:sf="urn:s" xmlns:o="urn:s" xmlns:p="urn:1"><b xmlns:p="urn:2" xmlns="urn:d"/><c/></a>',
    );
    r.openRoot();
    assert.deepEqual(r.resolveQName("sf:Account"), { namespaceUri: "urn:s", localName: "Account" });
    assert.deepEqual(r.resolveQName("o:Account"), { namespaceUri: "urn:s", localName: "Account" });
    assert.deepEqual(r.resolveQName(" \n sf:Account\t"), { namespaceUri: "urn:s", localName: "Account" });
    assert.deepEqual(r.resolveQName("p:x"), { namespaceUri: "urn:1", localName: "x" });
    assert.deepEqual(r.resolveQName("Account"), { namespaceUri: "", localName: "Account" });
    assert.equal(r.resolveQName("zz:Account"), undefined);
    assert.equal(r.nextChild(), true);
    assert.deepEqual(r.resolveQName("p:x"), { namespaceUri: "urn:2", localName: "x" });
    assert.deepEqual(r.resolveQName("Account"), { namespaceUri: "urn:d", localName: "Account" });
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    assert.deepEqual(r.resolveQName("p:x"), { namespaceUri: "urn:1", localName: "x" }, "binding restored");
    assert.deepEqual(r.resolveQName("Account"), { namespaceUri: "", localName: "Account" });
  });
});

describe("XmlReader: navigation", () => {
  it("walks self-closing and empty elements with nextChild, readText and skipElement", () => {
    const r = XmlReader.fromInput("<a><b/><c>t</c><d/><e></e><f/><g x='1'/></a>");
    r.openRoot();
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "b");
    assert.equal(r.nextChild(), false, "<b/> has no children");
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "c");
    assert.equal(r.readText(), "t");
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "d");
    assert.equal(r.readText(), "", "<d/> has empty text");
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "e");
    assert.equal(r.readText(), "");
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "f");
    r.skipElement();
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "g");
    assert.equal(r.attribute("", "x"), "1");
    assert.equal(r.readText(), "");
    assert.equal(r.nextChild(), false);
    r.finish();
  });

  it("handles a self-closing root with each method", () => {
    for (const read of [
      (r: XmlReader) => assert.equal(r.nextChild(), false),
      (r: XmlReader) => assert.equal(r.readText(), ""),
      (r: XmlReader) => r.skipElement(),
    ]) {
      const r = XmlReader.fromInput("<a/>\n");
      r.openRoot();
      read(r);
      r.finish();
    }
  });

  it("skips an element with everything in it and continues with its next sibling", () => {
    const r = XmlReader.fromInput(
      '<r><s a="1" xmlns:p="urn:p"><p:x>t&amp;<![CDATA[<y>]]><!-- c --><?pi?></p:x><z/>text</s>\n<n>v</n></r>',
    );
    r.openRoot();
    assert.equal(r.nextChild(), true);
    r.skipElement();
    assert.equal(r.nextChild(), true);
    assert.equal(r.localName, "n");
    assert.equal(r.readText(), "v");
    assert.equal(r.nextChild(), false);
    r.finish();
  });

  const skipS = (xml: string | Uint8Array): void => {
    const r = XmlReader.fromInput(xml);
    r.openRoot();
    assert.equal(r.nextChild(), true);
    r.skipElement();
  };
  describe("skipElement still checks what it skips", () => {
    rejects([
      {
        name: "mismatched end tag",
        xml: "<r><s><x></y></s></r>",
        code: "MALFORMED_XML",
        message: "MALFORMED_XML at /r/s/x (line 1, column 10): expected </x>, found </y>",
        read: skipS,
      },
      {
        name: "undefined entity",
        xml: "<r><s>&bogus;</s></r>",
        code: "MALFORMED_XML",
        message:
          "MALFORMED_XML at /r/s (line 1, column 7): unknown entity &bogus; (only the five XML entities are defined)",
        read: skipS,
      },
      {
        name: "unbound prefix",
        xml: "<r><s><p:x/></s></r>",
        code: "MALFORMED_XML",
        message: "MALFORMED_XML at /r/s (line 1, column 7): namespace prefix p is not declared",
        read: skipS,
      },
      { name: "]]> in text", xml: "<r><s>]]></s></r>", code: "MALFORMED_XML", read: skipS },
      { name: "control character in text", xml: "<r><s>\u0001</s></r>", code: "MALFORMED_XML", read: skipS },
      {
        name: "control character in CDATA",
        xml: "<r><s><![CDATA[\u0002]]></s></r>",
        code: "MALFORMED_XML",
        read: skipS,
      },
      { name: "< in an attribute", xml: '<r><s><x a="<"/></s></r>', code: "MALFORMED_XML", read: skipS },
      { name: "DOCTYPE", xml: "<r><s><!DOCTYPE x></s></r>", code: "DOCTYPE_FORBIDDEN", read: skipS },
      {
        name: "unclosed element",
        xml: "<r><s><x>",
        code: "MALFORMED_XML",
        message: "MALFORMED_XML at /r/s/x (line 1, column 7): element <x> is not closed",
        read: skipS,
      },
      {
        name: "nesting too deep",
        xml: `<r><s>${"<e>".repeat(63)}${"</e>".repeat(63)}</s></r>`,
        code: "NESTING_TOO_DEEP",
        read: skipS,
      },
    ]);
  });

  rejects([
    {
      name: "text between child elements is UNEXPECTED_TEXT",
      xml: "<a><b/>x<c/></a>",
      code: "UNEXPECTED_TEXT",
      message: 'UNEXPECTED_TEXT at /a (line 1, column 8): unexpected text "x"',
      read: elementTree,
    },
    {
      name: "text before the first child element",
      xml: "<a>\n  text\n  <b/></a>",
      code: "UNEXPECTED_TEXT",
      message: 'UNEXPECTED_TEXT at /a (line 2, column 3): unexpected text "text"',
      read: elementTree,
    },
    {
      name: "text after the last child element",
      xml: "<a><b/> tail </a>",
      code: "UNEXPECTED_TEXT",
      message: 'UNEXPECTED_TEXT at /a (line 1, column 9): unexpected text "tail"',
      read: elementTree,
    },
    {
      name: "a reference between child elements",
      xml: "<a>&amp;<b/></a>",
      code: "UNEXPECTED_TEXT",
      message: 'UNEXPECTED_TEXT at /a (line 1, column 4): unexpected text "&amp;"',
      read: elementTree,
    },
    {
      name: "CDATA with text between child elements",
      xml: "<a><b/><![CDATA[x]]></a>",
      code: "UNEXPECTED_TEXT",
      message: 'UNEXPECTED_TEXT at /a (line 1, column 17): unexpected text "x"',
      read: elementTree,
    },
    {
      name: "an element inside readText is UNEXPECTED_ELEMENT",
      xml: "<a>x<b/></a>",
      code: "UNEXPECTED_ELEMENT",
      message: "UNEXPECTED_ELEMENT at /a (line 1, column 5): <a> has a simple type and cannot contain elements",
      read: rootText,
    },
    {
      name: "UNEXPECTED_ELEMENT names the element as written",
      xml: '<p:a xmlns:p="urn:x"><p:b>1</p:b></p:a>',
      code: "UNEXPECTED_ELEMENT",
      message: "UNEXPECTED_ELEMENT at /a (line 1, column 22): <p:a> has a simple type and cannot contain elements",
      read: rootText,
    },
  ]);
});

describe("XmlReader: forbidden characters", () => {
  rejects([
    {
      name: "U+0001 in text",
      xml: "<a>x\u0001y</a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 5): character not allowed in XML",
    },
    { name: "U+0000 in text", xml: "<a>\u0000</a>", code: "MALFORMED_XML", read: rootText },
    { name: "U+000B in text", xml: "<a>\u000B</a>", code: "MALFORMED_XML", read: rootText },
    { name: "U+000C in text", xml: "<a>\u000C</a>", code: "MALFORMED_XML", read: rootText },
    { name: "U+001F in text", xml: "<a>\u001F</a>", code: "MALFORMED_XML", read: rootText },
    { name: "U+FFFE in text", xml: "<a>\uFFFE</a>", code: "MALFORMED_XML", read: rootText },
    { name: "U+FFFF in text", xml: "<a>\uFFFF</a>", code: "MALFORMED_XML", read: rootText },
    {
      name: "U+0001 in an attribute",
      xml: '<a b="x\u0001"/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 8): character not allowed in XML",
    },
    { name: "U+FFFF in an attribute", xml: '<a b="\uFFFF"/>', code: "MALFORMED_XML" },
    {
      name: "U+0008 in CDATA",
      xml: "<a><![CDATA[x\u0008]]></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 14): character not allowed in XML",
      read: rootText,
    },
    { name: "U+FFFE in CDATA", xml: "<a><![CDATA[\uFFFE]]></a>", code: "MALFORMED_XML", read: rootText },
    {
      name: "U+0001 in a comment",
      xml: "<a><!-- \u0001 --></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 9): character not allowed in XML",
    },
    {
      name: "U+0001 in a comment in the prolog",
      xml: "<!--\u0001--><a/>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 5): character not allowed in XML",
    },
    {
      name: "U+0001 in a processing instruction",
      xml: "<a><?pi \u0001?></a>",
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at /a (line 1, column 9): character not allowed in XML",
      read: rootText,
    },
  ]);

  it("accepts TAB, LF, CR and every other legal character", () => {
    const legal = "\t\n \u007F\u0085\u00A0\uD7FF\uE000\uFFFD😀\u{10FFFF}";
    assert.equal(rootText(`<a>${legal}</a>`), legal);
    assert.equal(rootText(`<a><![CDATA[${legal}]]></a>`), legal);
    const r = XmlReader.fromInput(`<a b="${legal.slice(3)}"><!--${legal}--><?pi ${legal}?></a>`);
    r.openRoot();
    assert.equal(r.attribute("", "b"), legal.slice(3));
    assert.equal(r.readText(), "");
  });
});

describe("XmlReader: nesting and attribute limits", () => {
  const nested = (levels: number): string => {
    let open = "";
    let close = "";
    for (let i = 0; i < levels; i++) {
      open += `<e${i}>`;
      close = `</e${i}>` + close;
    }
    return open + close;
  };

  it("reads elements nested 64 deep", () => {
    const tree = elementTree(nested(64));
    assert.equal(tree.length, 64);
    assert.equal(tree[63], `${"  ".repeat(63)}{}e63`);
  });

  it("refuses a 65th level, with a shortened path", () => {
    const xml = nested(65);
    for (const read of [checkDocument, elementTree]) {
      const error = errorOf(() => read(xml));
      const path = "/…/" + Array.from({ length: 16 }, (_, i) => `e${48 + i}`).join("/");
      assert.equal(
        error.message,
        `NESTING_TOO_DEEP at ${path} (line 1, column ${xml.indexOf("<e64>") + 1}): elements are nested more than 64 levels deep`,
      );
    }
  });

  it("refuses a 65th level even when it is self-closing", () => {
    const xml = nested(64).replace("<e63></e63>", "<e63><x/></e63>");
    assert.equal(errorOf(() => checkDocument(xml)).code, "NESTING_TOO_DEEP");
  });

  const withAttributes = (count: number): string =>
    `<a${Array.from({ length: count }, (_, i) => ` a${i}="${i}"`).join("")}/>`;

  it("reads 64 attributes", () => {
    const r = XmlReader.fromInput(withAttributes(64));
    r.openRoot();
    assert.equal(r.attribute("", "a0"), "0");
    assert.equal(r.attribute("", "a63"), "63");
  });

  it("refuses a 65th attribute", () => {
    const xml = withAttributes(65);
    assert.equal(
      errorOf(() => checkDocument(xml)).message,
      `NESTING_TOO_DEEP at / (line 1, column ${xml.indexOf(" a64=") + 2}): <a> has more than 64 attributes`,
    );
  });

  it("counts namespace declarations towards the limit", () => {
    const declarations = Array.from({ length: 64 }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join("");
    assert.doesNotThrow(() => checkDocument(`<a${declarations}/>`));
    assert.equal(errorOf(() => checkDocument(`<a${declarations} b="1"/>`)).code, "NESTING_TOO_DEEP");
  });
});

describe("XmlReader: BOM, XML declaration and encoding", () => {
  it("drops a leading BOM from strings and bytes", () => {
    assert.equal(rootText("\uFEFF<a>x</a>"), "x");
    assert.equal(rootText('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<a>x</a>'), "x");
    assert.equal(rootText(new Uint8Array([...BOM, ...bytes("<a>x</a>")])), "x");
    assert.equal(rootText(new Uint8Array([...BOM, ...bytes('<?xml version="1.0" encoding="UTF-8"?><a>x</a>')])), "x");
  });

  it("does not count the BOM in columns", () => {
    const error = errorOf(() => checkDocument(new Uint8Array([...BOM, ...bytes("<a>&x;</a>")])));
    assert.equal(error.column, 4);
    assert.equal(errorOf(() => checkDocument("\uFEFF<a>&x;</a>")).column, 4);
  });

  it("drops only one BOM", () => {
    const expected = "MALFORMED_XML at / (line 1, column 1): text before the root element";
    assert.equal(errorOf(() => checkDocument("\uFEFF\uFEFF<a/>")).message, expected);
    assert.equal(errorOf(() => checkDocument(new Uint8Array([...BOM, ...BOM, ...bytes("<a/>")]))).message, expected);
  });

  it("keeps U+FEFF inside text", () => {
    assert.equal(rootText("<a>\uFEFF</a>"), "\uFEFF");
  });

  accepts([
    { name: "declaration with version only", xml: '<?xml version="1.0"?><a/>' },
    { name: "declaration in single quotes", xml: "<?xml version='1.0' encoding='utf-8'?><a/>" },
    { name: "declaration with standalone=yes", xml: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>' },
    { name: "declaration with standalone='no' and no encoding", xml: "<?xml version='1.0' standalone='no'?><a/>" },
    { name: "declaration with spaces around =", xml: '<?xml  version = "1.0"\n encoding = "UTF-8"  ?>\n<a/>' },
    { name: "declaration with version 1.1", xml: '<?xml version="1.1"?><a/>' },
  ]);

  rejects([
    {
      name: "declaration without version",
      xml: '<?xml encoding="UTF-8"?><a/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): the XML declaration has no valid version",
    },
    { name: 'version="2.0"', xml: '<?xml version="2.0"?><a/>', code: "MALFORMED_XML" },
    { name: "version in mismatched quotes", xml: "<?xml version=\"1.0'?><a/>", code: "MALFORMED_XML" },
    { name: "unquoted version", xml: "<?xml version=1.0?><a/>", code: "MALFORMED_XML" },
    {
      name: "declaration not closed",
      xml: '<?xml version="1.0"<a/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): the XML declaration is not closed",
    },
    {
      name: 'standalone="maybe"',
      xml: '<?xml version="1.0" standalone="maybe"?><a/>',
      code: "MALFORMED_XML",
      message: "MALFORMED_XML at / (line 1, column 1): the XML declaration is malformed",
    },
    { name: "unknown pseudo-attribute", xml: '<?xml version="1.0" foo="bar"?><a/>', code: "MALFORMED_XML" },
    {
      name: "standalone before encoding",
      xml: '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>',
      code: "MALFORMED_XML",
    },
    { name: "no whitespace before encoding", xml: '<?xml version="1.0"encoding="UTF-8"?><a/>', code: "MALFORMED_XML" },
    { name: "empty encoding", xml: '<?xml version="1.0" encoding=""?><a/>', code: "MALFORMED_XML" },
    { name: "version twice", xml: '<?xml version="1.0" version="1.0"?><a/>', code: "MALFORMED_XML" },
  ]);

  it('refuses encoding="ISO-8859-1" as bytes and as a string alike', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>';
    const expected = 'INVALID_ENCODING at / (line 1, column 1): encoding "ISO-8859-1" is not supported; send UTF-8';
    assert.equal(errorOf(() => checkDocument(bytes(xml))).message, expected);
    assert.equal(errorOf(() => checkDocument(xml)).message, expected);
  });

  it("refuses other non-UTF-8 encodings for bytes", () => {
    for (const encoding of ["UTF-16", "windows-1252", "latin1", "Shift_JIS"]) {
      const error = errorOf(() => checkDocument(bytes(`<?xml version="1.0" encoding='${encoding}'?><a/>`)));
      assert.equal(error.code, "INVALID_ENCODING", encoding);
    }
  });

  it("accepts UTF-8 and ASCII declarations for bytes", () => {
    for (const encoding of ["UTF-8", "utf-8", "UTF8", "US-ASCII", "us-ascii"]) {
      assert.equal(rootText(bytes(`<?xml version="1.0" encoding="${encoding}"?><a>x</a>`)), "x", encoding);
    }
  });

  it("decodes UTF-8 bytes", () => {
    assert.equal(rootText(bytes("<a>Pre-Calificación 日本 😀</a>")), "Pre-Calificación 日本 😀");
  });

  const invalidUtf8: [string, number[]][] = [
    ["a byte 0xFF", [0xff]],
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xc3]],
    ["a truncated sequence before ASCII", [0xe6, 0x97, 0x3c]],
    ["an overlong encoding of /", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a code point beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["Latin-1 é", [0xe9]],
  ];
  for (const [name, sequence] of invalidUtf8) {
    it(`refuses invalid UTF-8: ${name}`, () => {
      const input = new Uint8Array([...bytes("<a>x"), ...sequence, ...bytes("</a>")]);
      assert.equal(
        errorOf(() => checkDocument(input)).message,
        "INVALID_ENCODING at / (line 1, column 1): the body is not valid UTF-8",
      );
    });
  }
});

describe("XmlReader: line-end and attribute-value normalisation", () => {
  it("turns CRLF and lone CR into LF in text", () => {
    assert.equal(rootText("<a>1\r\n2\r3\n4\r\r\n5\r</a>"), "1\n2\n3\n4\n\n5\n");
  });

  it("turns CRLF and lone CR into LF in CDATA", () => {
    assert.equal(rootText("<a><![CDATA[1\r\n2\r3]]>\r\n</a>"), "1\n2\n3\n");
  });

  it("keeps a CR written as a character reference", () => {
    assert.equal(rootText("<a>&#13;</a>"), "\r");
    assert.equal(rootText("<a>&#xD;&#xA;</a>"), "\r\n");
    assert.equal(rootText("<a>x&#13;\r\ny</a>"), "x\r\ny");
  });

  it("turns CRLF, CR, LF and TAB into spaces in attribute values, without collapsing them", () => {
    const r = XmlReader.fromInput('<a b="1\r\n2\t3\n4\r5" c="  x  y  " d="x\r\r\ny" e="&#13;&#10;&#9;&#32;"/>');
    r.openRoot();
    assert.equal(r.attribute("", "b"), "1 2 3 4 5");
    assert.equal(r.attribute("", "c"), "  x  y  ");
    assert.equal(r.attribute("", "d"), "x  y");
    assert.equal(r.attribute("", "e"), "\r\n\t ", "references are not normalised");
  });

  it("counts lines across CRLF line ends", () => {
    const error = errorOf(() => checkDocument("<a>\r\n<b>\r\n</c></a>"));
    assert.equal(error.message, "MALFORMED_XML at /a/b (line 3, column 1): expected </b>, found </c>");
  });
});

describe("XmlReader: error locations", () => {
  it("builds OutboundMessageErrors with code, detail, path, line and column", () => {
    const error = errorOf(() => checkDocument("<a>\n  <b>&x;</b>\n</a>"));
    assert.equal(error instanceof OutboundMessageError, true);
    assert.equal(error instanceof Error, true);
    assert.equal(error.name, "OutboundMessageError");
    assert.equal(error.code, "MALFORMED_XML");
    assert.equal(error.detail, "unknown entity &x; (only the five XML entities are defined)");
    assert.equal(error.path, "/a/b");
    assert.equal(error.line, 2);
    assert.equal(error.column, 6);
    assert.equal(error.message, `MALFORMED_XML at /a/b (line 2, column 6): ${error.detail}`);
  });

  it("counts columns in UTF-16 code units", () => {
    assert.equal(errorOf(() => checkDocument("<a>é😀&x;</a>")).column, 7);
  });

  it("shows the [n] index set with setIndex in fail and failClosed", () => {
    const r = XmlReader.fromInput("<r>\n <n><v>1</v></n>\n <n>\n  <v>2</v>\n </n>\n <m/>\n</r>");
    r.openRoot();
    assert.equal(r.nextChild(), true);
    r.setIndex(1);
    assert.equal(
      errorOf(() => r.fail("INVALID_VALUE", "bad")).message,
      "INVALID_VALUE at /r/n[1] (line 2, column 2): bad",
    );
    assert.equal(r.nextChild(), true);
    assert.equal(r.readText(), "1");
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    r.setIndex(2);
    assert.equal(
      errorOf(() => r.fail("MISSING_ELEMENT", "m")).message,
      "MISSING_ELEMENT at /r/n[2] (line 3, column 2): m",
    );
    assert.equal(r.nextChild(), true);
    assert.equal(
      errorOf(() => r.fail("INVALID_VALUE", "bad")).message,
      "INVALID_VALUE at /r/n[2]/v (line 4, column 3): bad",
    );
    assert.equal(r.readText(), "2");
    assert.equal(
      errorOf(() => r.failClosed("INVALID_VALUE", "bad")).message,
      "INVALID_VALUE at /r/n[2]/v (line 4, column 3): bad",
    );
    assert.equal(r.nextChild(), false);
    assert.equal(
      errorOf(() => r.failClosed("MISSING_ELEMENT", "no x")).message,
      "MISSING_ELEMENT at /r/n[2] (line 3, column 2): no x",
    );
    assert.equal(r.nextChild(), true);
    assert.equal(
      errorOf(() => r.fail("INVALID_VALUE", "bad")).message,
      "INVALID_VALUE at /r/m (line 6, column 2): bad",
    );
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), false);
    assert.equal(
      errorOf(() => r.failClosed("MISSING_ELEMENT", "x")).message,
      "MISSING_ELEMENT at /r (line 1, column 1): x",
    );
    r.finish();
  });

  it("shows the [n] index in well-formedness errors inside the indexed element", () => {
    const r = XmlReader.fromInput("<r><n></n><n><v></w></n></r>");
    r.openRoot();
    assert.equal(r.nextChild(), true);
    r.setIndex(1);
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    r.setIndex(2);
    assert.equal(
      errorOf(() => r.skipElement()).message,
      "MALFORMED_XML at /r/n[2]/v (line 1, column 17): expected </v>, found </w>",
    );
  });

  it("failClosed points at the element just read, even a self-closing one", () => {
    const r = XmlReader.fromInput("<r>\n  <Amount>abc</Amount>\n  <Empty/>\n</r>");
    r.openRoot();
    assert.equal(r.nextChild(), true);
    assert.equal(r.readText(), "abc");
    assert.equal(
      errorOf(() => r.failClosed("INVALID_VALUE", 'expected an xsd:double, got "abc"')).message,
      'INVALID_VALUE at /r/Amount (line 2, column 3): expected an xsd:double, got "abc"',
    );
    assert.equal(r.nextChild(), true);
    assert.equal(r.nextChild(), false);
    assert.equal(
      errorOf(() => r.failClosed("INVALID_VALUE", "x")).message,
      "INVALID_VALUE at /r/Empty (line 3, column 3): x",
    );
  });

  it("shortens paths deeper than 16 elements", () => {
    const levels = 20;
    let xml = "";
    for (let i = 0; i < levels; i++) xml += `<e${i}>`;
    const r = XmlReader.fromInput(xml);
    r.openRoot();
    for (let i = 1; i < levels; i++) assert.equal(r.nextChild(), true);
    const error = errorOf(() => r.fail("INVALID_VALUE", "deep"));
    assert.equal(error.path, "/…/" + Array.from({ length: 16 }, (_, i) => `e${i + 4}`).join("/"));
    assert.equal(error.column, xml.indexOf("<e19>") + 1);
  });
});

describe("XmlReader: real captured messages", () => {
  const xmlFixtures = listFiles(FIXTURES).filter(
    (path) => /^messages(-derived)?\/.*\.xml$/.test(path) && !path.includes("MALFORMED"),
  );

  it("finds the captured messages", () => assert.ok(xmlFixtures.length >= 10, xmlFixtures.join()));

  for (const path of xmlFixtures) {
    it(`reads all of ${path} as bytes and as a string`, () => {
      const input = fixtureBytes(path);
      assert.doesNotThrow(() => checkDocument(input));
      assert.doesNotThrow(() => checkDocument(new TextDecoder().decode(input)));
    });
  }

  it("reads the structure of a captured message", () => {
    const r = XmlReader.fromInput(fixtureBytes("messages/aspnet-contact-2notifications-api41.xml"));
    r.openRoot();
    assertElement(r, "http://schemas.xmlsoap.org/soap/envelope/", "Envelope");
    assert.equal(r.nextChild(), true);
    assertElement(r, "http://schemas.xmlsoap.org/soap/envelope/", "Body");
    assert.equal(r.nextChild(), true);
    assertElement(r, "http://soap.sforce.com/2005/09/outbound", "notifications");
    const seen: string[] = [];
    while (r.nextChild()) {
      seen.push(r.localName);
      if (r.localName === "Notification") {
        assert.equal(r.nextChild(), true);
        assertElement(r, "http://soap.sforce.com/2005/09/outbound", "Id");
        r.readText();
        assert.equal(r.nextChild(), true);
        assertElement(r, "http://soap.sforce.com/2005/09/outbound", "sObject");
        assert.deepEqual(r.resolveQName(r.attribute("http://www.w3.org/2001/XMLSchema-instance", "type") ?? ""), {
          namespaceUri: "urn:sobject.enterprise.soap.sforce.com",
          localName: "Contact",
        });
        assert.equal(r.nextChild(), true);
        assertElement(r, "urn:sobject.enterprise.soap.sforce.com", "Id");
        r.readText();
        while (r.nextChild()) r.readText();
        assert.equal(r.nextChild(), false);
      } else r.readText();
    }
    assert.deepEqual(seen, [
      "OrganizationId",
      "ActionId",
      "SessionId",
      "EnterpriseUrl",
      "PartnerUrl",
      "Notification",
      "Notification",
    ]);
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), false);
    r.finish();
  });

  it("refuses the truncated capture", () => {
    const error = errorOf(() =>
      checkDocument(fixtureBytes("messages/unknownrepo-opportunity-api42-truncatedline-MALFORMED.xml")),
    );
    assert.equal(error.code, "MALFORMED_XML");
  });
});
