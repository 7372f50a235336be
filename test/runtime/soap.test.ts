import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OUTBOUND_NS, SOAP11_ENVELOPE_NS } from "../../templates/runtime/namespaces.js";
import { ACK_FALSE, ACK_TRUE, ackResponse, escapeXml, faultResponse } from "../../templates/runtime/soap.js";
import { readBoolean } from "../../templates/runtime/values.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";
import { assertElement } from "./support.js";

// The replies of an endpoint: the canonical Ack of the spec (section 5) and SOAP 1.1 Faults.

/** Verbatim from Salesforce Help article 000381752, as quoted in the spec. */
const CANONICAL_ACK =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"> <soapenv:Body> <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"> <Ack>true</Ack> </notificationsResponse> </soapenv:Body> </soapenv:Envelope>';

/** Opens a SOAP 1.1 envelope strictly and returns the reader on the Body's one child, which must be `{ns}local`. */
function openBodyChild(xml: string, namespaceUri: string, localName: string): XmlReader {
  const r = XmlReader.fromInput(xml);
  r.openRoot();
  assertElement(r, SOAP11_ENVELOPE_NS, "Envelope");
  assert.equal(r.nextChild(), true);
  assertElement(r, SOAP11_ENVELOPE_NS, "Body");
  assert.equal(r.nextChild(), true);
  assertElement(r, namespaceUri, localName);
  return r;
}

/** Parses an Ack envelope strictly and returns the Ack value. */
function readAck(xml: string): boolean | null {
  const r = openBodyChild(xml, OUTBOUND_NS, "notificationsResponse");
  assert.equal(r.nextChild(), true);
  assertElement(r, OUTBOUND_NS, "Ack");
  const ack = readBoolean(r);
  assert.equal(r.nextChild(), false, "notificationsResponse holds only Ack");
  assert.equal(r.nextChild(), false, "Body holds only notificationsResponse");
  assert.equal(r.nextChild(), false, "Envelope holds only Body");
  r.finish();
  return ack;
}

/** Parses a Fault envelope strictly and returns its faultcode (resolved) and faultstring. */
function readFault(xml: string): { code: { namespaceUri: string; localName: string } | undefined; text: string } {
  const r = openBodyChild(xml, SOAP11_ENVELOPE_NS, "Fault");
  assert.equal(r.nextChild(), true);
  assertElement(r, "", "faultcode"); // SOAP 1.1 fault children are unqualified
  const code = r.resolveQName(r.readText());
  assert.equal(r.nextChild(), true);
  assertElement(r, "", "faultstring");
  const text = r.readText();
  assert.equal(r.nextChild(), false);
  assert.equal(r.nextChild(), false);
  assert.equal(r.nextChild(), false);
  r.finish();
  return { code, text };
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** What a fault can carry of `message`: the characters XML allows (iterating by code point pairs surrogates). */
function carried(message: string): string {
  let out = "";
  for (const ch of message) if (isXmlChar(ch.codePointAt(0) as number)) out += ch;
  // escapeXml writes CR as &#13;, so it survives line-end normalisation (XML 1.0 section 2.11).
  return out;
}

describe("ACK_TRUE and ackResponse", () => {
  it("is exactly the canonical acknowledgement", () => {
    assert.equal(ACK_TRUE, CANONICAL_ACK);
    assert.equal(ackResponse(true), CANONICAL_ACK);
  });

  it("Ack false differs only in the Ack text", () => {
    assert.equal(ackResponse(false), ACK_FALSE);
    const at = CANONICAL_ACK.indexOf("<Ack>true</Ack>") + "<Ack>".length;
    assert.equal(ACK_FALSE.slice(0, at), CANONICAL_ACK.slice(0, at));
    assert.equal(ACK_FALSE.slice(at, at + "false".length), "false");
    assert.equal(ACK_FALSE.slice(at + "false".length), CANONICAL_ACK.slice(at + "true".length));
    assert.equal(ACK_FALSE.length, CANONICAL_ACK.length + 1);
  });

  it("parses as well-formed SOAP with the right Ack", () => {
    assert.equal(readAck(ackResponse(true)), true);
    assert.equal(readAck(ackResponse(false)), false);
  });
});

describe("faultResponse", () => {
  it("builds a SOAP 1.1 Client or Server fault", () => {
    assert.deepEqual(readFault(faultResponse("Client", "bad request")), {
      code: { namespaceUri: SOAP11_ENVELOPE_NS, localName: "Client" },
      text: "bad request",
    });
    assert.deepEqual(readFault(faultResponse("Server", "try later")), {
      code: { namespaceUri: SOAP11_ENVELOPE_NS, localName: "Server" },
      text: "try later",
    });
  });

  it("has the same envelope as the Ack around the Fault", () => {
    const fault = faultResponse("Client", "m");
    const head = CANONICAL_ACK.slice(0, CANONICAL_ACK.indexOf("<notificationsResponse"));
    assert.equal(fault.slice(0, head.length), head);
    const tail = " </soapenv:Body> </soapenv:Envelope>";
    assert.equal(fault.slice(-tail.length), tail);
  });

  const escaped: [string, string, string][] = [
    ["ampersand", "a & b", "a &amp; b"],
    ["less-than and greater-than", "<tag>x</tag>", "&lt;tag&gt;x&lt;/tag&gt;"],
    ["double quote", 'say "hi"', "say &quot;hi&quot;"],
    ["apostrophe (left as is)", "it's", "it's"],
    ["]]> (not a CDATA end once escaped)", "a]]>b", "a]]&gt;b"],
    ["something that looks like a reference", "&amp; &#0;", "&amp;amp; &amp;#0;"],
    ["tab and line feed (kept)", "a\tb\nc", "a\tb\nc"],
    ["carriage return (as a reference, so it stays a CR)", "a\r\nb", "a&#13;\nb"],
    ["control characters (dropped)", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u000Eg\u001Fh", "abcdefgh"],
    ["U+FFFE and U+FFFF (dropped)", "a\uFFFEb\uFFFFc", "abc"],
    ["a lone high surrogate (dropped)", "a\uD800b", "ab"],
    ["a lone low surrogate (dropped)", "a\uDC00b", "ab"],
    ["a reversed surrogate pair (dropped)", "a\uDE00\uD83Db", "ab"],
    ["a lone high surrogate at the end (dropped)", "ab\uD83D", "ab"],
    ["emoji (kept)", "ok 😀 👍🏽", "ok 😀 👍🏽"],
    ["an emoji next to a lone surrogate", "\uD83D\uD83D\uDE00\uDE00", "😀"],
    ["non-ASCII text (kept)", "Pre-Calificación 日本", "Pre-Calificación 日本"],
    ["U+FFFD and U+E000 (kept)", "\uFFFD\uE000", "\uFFFD\uE000"],
  ];
  for (const [name, message, raw] of escaped) {
    it(`escapes ${name}`, () => {
      assert.equal(escapeXml(message), raw);
      const fault = faultResponse("Client", message);
      assert.ok(fault.includes(`<faultstring>${raw}</faultstring>`), fault);
      assert.equal(readFault(fault).text, carried(message));
    });
  }

  it("escapes attribute-significant characters for attribute values too", () => {
    const value = escapeXml('a"b<c&d>\u0001');
    const r = XmlReader.fromInput(`<a v="${value}"/>`);
    r.openRoot();
    assert.equal(r.attribute("", "v"), 'a"b<c&d>');
  });

  it("always produces well-formed XML, whatever the message", () => {
    // A fixed-seed generator over all UTF-16 code units, weighted towards the awkward ones.
    let seed = 0x2545f491;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const awkward = [
      0x0, 0x9, 0xa, 0xd, 0x1f, 0x26, 0x3c, 0x3e, 0x22, 0x27, 0x5d, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xfffe, 0xffff,
    ];
    for (let round = 0; round < 500; round++) {
      let message = "";
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) {
        const unit =
          next() < 0.5 ? (awkward[Math.floor(next() * awkward.length)] as number) : Math.floor(next() * 0x10000);
        message += String.fromCharCode(unit);
      }
      const fault = faultResponse(round % 2 === 0 ? "Client" : "Server", message);
      assert.equal(readFault(fault).text, carried(message), JSON.stringify(message));
    }
  });
});
