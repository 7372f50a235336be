import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutboundMessageError, parseNotifications } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";
import { thrownBy } from "../support/expect-throws.js";
import { fixture } from "../support/fixtures.js";

// Bytes are decoded piece by piece (16 kB at a time, each piece cut before a "<") and consumed
// text is dropped from the reader's window. Whatever the chunking, the result and every error
// (code, path, line, column) must be the same as for the whole text as one string.

const MESSAGE = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The message with `count` notifications (distinct ids, some non-ASCII text, a comment), with the
 * given line ends; `edit` may change the notification at one index.
 */
function bigMessage(count: number, lineEnd = "\n", edit?: { index: number; change: (xml: string) => string }): string {
  const start = MESSAGE.indexOf("   <Notification>");
  const end = MESSAGE.indexOf("</Notification>") + "</Notification>\n".length;
  const one = MESSAGE.slice(start, end);
  const many = Array.from({ length: count }, (_, i) => {
    const notification = one
      .replace("04l5w00005286hAAAQ", `04l5w0000${String(i).padStart(9, "0")}`)
      .replace("Backpackers, Inc. (Sample)", `Sociedad Ñandú ${i} &amp; Søn <!-- a comment with < and > -->`);
    return edit?.index === i ? edit.change(notification) : notification;
  });
  return (MESSAGE.slice(0, start) + many.join("") + MESSAGE.slice(end)).replace(/\n/g, lineEnd);
}

/** Splits bytes into chunks of the given sizes, cycling through them. */
function chunks(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length] as number;
    out.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}

const errorOf = (parse: () => unknown): OutboundMessageError => thrownBy(OutboundMessageError, parse);

/** Reads a whole document of any elements, as a caller walking every element and text would. */
function elementTreeOf(input: string | Uint8Array[]): void {
  const reader = XmlReader.fromInput(input);
  reader.openRoot();
  const walk = (): void => {
    while (reader.nextChild()) {
      if (reader.localName === "v" || reader.localName === "b") reader.readText();
      else walk();
    }
  };
  walk();
  reader.finish();
}

describe("byte input read in pieces", () => {
  it("a small message split in two at every byte gives the same result as the string", () => {
    const text = MESSAGE.replace("Backpackers", "Bäckpackers ☺");
    const expected = parseNotifications(text);
    const bytes = encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(parseNotifications([bytes.subarray(0, cut), bytes.subarray(cut)]), expected, `cut at ${cut}`);
    }
  });

  for (const [name, lineEnd] of [["LF", "\n"], ["CRLF", "\r\n"], ["CR", "\r"]] as const) {
    it(`a 100-notification message (${name} line ends) gives the same result whatever the chunking`, () => {
      const text = bigMessage(100, lineEnd);
      assert.ok(text.length > 150_000, "the message must span many pieces");
      const expected = parseNotifications(text);
      assert.equal(expected.Notification.length, 100);
      assert.equal(expected.Notification[99]?.sObject.Name, "Sociedad Ñandú 99 & Søn ");
      const bytes = encode(text);
      assert.deepEqual(parseNotifications(bytes), expected);
      for (const sizes of [[1], [7, 3, 1000], [16 * 1024], [65_536], [100_000, 1, 2]]) {
        if (sizes[0] === 1 && lineEnd !== "\n") continue; // one-byte chunks once is enough
        assert.deepEqual(parseNotifications(chunks(bytes, sizes)), expected, `chunk sizes ${sizes.join(",")}`);
      }
    });
  }

  it("an error deep in a large message has the same path, line and column from bytes as from text", () => {
    for (const lineEnd of ["\n", "\r\n", "\r"]) {
      const broken = bigMessage(90, lineEnd, { index: 77, change: (xml) => xml.replace(">45000.0<", ">nope<") });
      const fromText = errorOf(() => parseNotifications(broken));
      assert.equal(fromText.code, "INVALID_VALUE");
      assert.match(fromText.message, /^INVALID_VALUE at \/Envelope\/Body\/notifications\/Notification\[78\]\/sObject\/Amount \(line 2\d\d\d, column 6\)/);
      for (const sizes of [[16 * 1024], [4096, 999], [300_000]]) {
        assert.equal(errorOf(() => parseNotifications(chunks(encode(broken), sizes))).message, fromText.message);
      }
    }
  });

  it("a malformed tag far into the message is reported at the same place from bytes", () => {
    const text = bigMessage(60, "\n", { index: 55, change: (xml) => xml.replace("</sf:StageName>", "</sf:StageNam>") });
    const fromText = errorOf(() => parseNotifications(text));
    assert.equal(fromText.code, "MALFORMED_XML");
    assert.equal(errorOf(() => parseNotifications(encode(text))).message, fromText.message);
  });

  it("a comment and a CDATA section longer than a piece, full of <, are read across pieces", () => {
    const filler = "<x> < & ".repeat(5000);
    const text = MESSAGE.replace("<sf:LeadSource>External Referral</sf:LeadSource>", `<!-- ${filler} --><sf:LeadSource><![CDATA[${filler}]]></sf:LeadSource>`);
    const expected = parseNotifications(text);
    assert.equal(expected.Notification[0].sObject.LeadSource, filler);
    assert.deepEqual(parseNotifications(chunks(encode(text), [10_000])), expected);
  });

  it("reads values of megabytes from bytes: a long text, a long attribute, a comment and a CDATA section full of <", () => {
    const text = "x".repeat(4_000_000);
    const lts = "<b ".repeat(1_000_000);
    const cases: [string, (r: XmlReader) => unknown, unknown][] = [
      [`<a>${text}</a>`, (r) => r.readText(), text],
      [`<a v="${text}"/>`, (r) => r.attribute("", "v"), text],
      [`<a><!--${lts}-->ok</a>`, (r) => r.readText(), "ok"],
      [`<a><![CDATA[${lts}]]></a>`, (r) => r.readText(), lts],
    ];
    for (const [xml, read, expected] of cases) {
      const r = XmlReader.fromInput(chunks(encode(xml), [65_536]));
      r.openRoot();
      assert.equal(read(r), expected);
    }
  });

  it("invalid UTF-8 in a late chunk is INVALID_ENCODING", () => {
    const bytes = encode(bigMessage(50));
    const bad = new Uint8Array(bytes);
    bad[bad.length - 2000] = 0xff;
    assert.equal(errorOf(() => parseNotifications(chunks(bad, [16 * 1024]))).code, "INVALID_ENCODING");
  });

  it("a BOM is dropped once, whether it arrives alone or with the text", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const expected = parseNotifications(MESSAGE);
    assert.deepEqual(parseNotifications([bom, encode(MESSAGE)]), expected);
    assert.deepEqual(parseNotifications([bom.subarray(0, 2), bom.subarray(2), encode(MESSAGE)]), expected);
    assert.equal(errorOf(() => parseNotifications([bom, bom, encode(MESSAGE)])).code, "MALFORMED_XML");
  });

  it("an XML declaration naming another encoding is refused for chunked bytes too", () => {
    const latin = MESSAGE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    assert.equal(errorOf(() => parseNotifications(chunks(encode(latin), [5]))).code, "INVALID_ENCODING");
  });

  it("errors found after text was dropped are located like the string's (lines are counted again from the start)", () => {
    // Lines are not counted while reading: once the window dropped text, an error's line comes
    // from reading the body again. Line ends of every kind, a CR last in a piece, a BOM and
    // characters of 2 to 4 bytes before the error must all count as they do in the string.
    const bom = "\uFEFF";
    const filler = (lineEnd: string, n: number): string =>
      Array.from({ length: n }, (_, i) => `<v>é ☺ 😀 ${i}</v>${i % 3 === 0 ? "\r" : lineEnd}`).join("");
    const cases: [string, string][] = [];
    for (const lineEnd of ["\n", "\r\n", "\r"]) {
      cases.push([`${bom}<a>${filler(lineEnd, 3000)}<v>x</w></a>`, "a mismatched end tag"]);
      cases.push([`<a>${filler(lineEnd, 3000)}</a>${lineEnd}${"\r".repeat(20_000)}x`, "text after the root element"]);
      cases.push([`<a>${"\r".repeat(30_000)}<b>&bogus;</b></a>`, "an unknown entity after 30,000 CRs"]);
      cases.push([`<a>${filler(lineEnd, 2000)}<b c="1" c="2"/></a>`, "a repeated attribute"]);
      cases.push([`${"\r\n".repeat(20_000)}<a>${filler(lineEnd, 10)}`, "an element left open after 20,000 CRLFs"]);
    }
    for (const [text, what] of cases) {
      const fromText = errorOf(() => elementTreeOf(text));
      const bytes = encode(text);
      for (const sizes of [[bytes.length], [16 * 1024], [16 * 1024 - 1], [7, 3, 1000], [65_536, 1]]) {
        const fromBytes = errorOf(() => elementTreeOf(chunks(bytes, sizes)));
        assert.equal(fromBytes.message, fromText.message, `${what}, chunk sizes ${sizes.join(",")}`);
      }
    }
  });

  it("reads an empty chunk list as an empty document", () => {
    const reader = XmlReader.fromInput([]);
    assert.throws(() => reader.openRoot(), { code: "MALFORMED_XML", message: /has no root element/ });
  });
});
