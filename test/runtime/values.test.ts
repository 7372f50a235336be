import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutboundMessageError } from "../../templates/runtime/errors.js";
import {
  readBoolean,
  readDate,
  readDateTime,
  readDateTimeString,
  readDouble,
  readInt,
  readLong,
  readString,
  readTime,
} from "../../templates/runtime/values.js";
import { XmlReader } from "../../templates/runtime/xml-reader.js";
import { errorOf } from "./support.js";

// The XSD value readers: lexical spaces (XML Schema 1.0 Part 2, with +INF as in 1.1), whitespace
// collapsing, xsi:nil, and where a bad value is reported.

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const ROOT = `<root xmlns:xsi="${XSI}">`;
/** Column of `<v` in every document built by `read`. */
const VALUE_COLUMN = ROOT.length + 1;

type ValueReader<T> = (r: XmlReader) => T;

/**
 * Reads `<v attributes>content</v>` (`<v attributes/>` when content is null) with `reader`, and
 * checks that the reader consumed exactly that element: its next sibling follows.
 */
function read<T>(reader: ValueReader<T>, content: string | null, attributes = ""): T {
  const element = content === null ? `<v${attributes}/>` : `<v${attributes}>${content}</v>`;
  const r = XmlReader.fromInput(`${ROOT}${element}<next/></root>`);
  r.openRoot();
  assert.equal(r.nextChild(), true);
  const value = reader(r);
  assert.equal(r.nextChild(), true, "the element after the value is read next");
  assert.equal(r.localName, "next");
  assert.equal(r.nextChild(), false);
  assert.equal(r.nextChild(), false);
  r.finish();
  return value;
}

/** The INVALID_VALUE error that reading must raise, checked to point at `<v>`. */
function readError<T>(reader: ValueReader<T>, content: string | null, attributes = ""): OutboundMessageError {
  const error = errorOf(() => read(reader, content, attributes));
  assert.equal(error.code, "INVALID_VALUE", error.message);
  assert.equal(error.path, "/root/v");
  assert.equal(error.line, 1);
  assert.equal(error.column, VALUE_COLUMN);
  return error;
}

/** Accept and reject tables for one reader. `expected` is compared with Object.is (NaN, -0). */
function lexicalSpace<T>(
  reader: ValueReader<T>,
  type: string,
  accepted: readonly (readonly [string, T])[],
  rejected: readonly string[],
): void {
  for (const [text, expected] of accepted) {
    it(`accepts ${JSON.stringify(text)}`, () => assert.equal(read(reader, text), expected));
  }
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(readError(reader, text).detail, `expected ${type}, got ${JSON.stringify(text)}`);
    });
  }
}

describe("readDouble", () => {
  lexicalSpace(
    readDouble,
    "an xsd:double",
    [
      ["1", 1],
      ["-1.5", -1.5],
      [".5", 0.5],
      ["5.", 5],
      ["1e10", 1e10],
      ["1.0E7", 1e7],
      ["1E-3", 0.001],
      ["+1.5e+2", 150],
      ["45000.0", 45000],
      ["0045000.0", 45000],
      ["-0", -0],
      ["0", 0],
      ["INF", Infinity],
      ["+INF", Infinity],
      ["-INF", -Infinity],
      ["NaN", NaN],
      [" 1.5 ", 1.5],
      ["\n\t2\r\n", 2],
      [" -INF\n", -Infinity],
      ["\tNaN ", NaN],
    ],
    [
      "",
      "   ",
      "abc",
      "1,5",
      "0x10",
      "Infinity",
      "-Infinity",
      "inf",
      "nan",
      "+NaN",
      "-NaN",
      "1e",
      "1e+",
      "e1",
      ".e1",
      "--1",
      "+-1",
      "1_0",
      "1 0",
      ".",
      "+",
      "-",
      "1.2.3",
      "1e1.5",
      "1d",
      "1f",
      "INF x",
    ],
  );
});

describe("readInt", () => {
  const type = "an xsd:int (a whole number from -2147483648 to 2147483647)";
  lexicalSpace(
    readInt,
    type,
    [
      ["0", 0],
      ["-0", 0],
      ["+7", 7],
      ["007", 7],
      ["-17", -17],
      [" 42 ", 42],
      ["2147483647", 2147483647],
      ["-2147483648", -2147483648],
    ],
    [
      "2147483648",
      "-2147483649",
      "99999999999999999999",
      "1.0",
      "1.",
      "1e3",
      "",
      "abc",
      "0x1F",
      "1 000",
      "+",
      "-",
      "1_0",
      "٣",
    ],
  );
});

describe("readLong", () => {
  const type = "an xsd:long within ±9007199254740991";
  lexicalSpace(
    readLong,
    type,
    [
      ["9007199254740991", 9007199254740991],
      ["-9007199254740991", -9007199254740991],
      ["2147483648", 2147483648],
      ["-0", 0],
      ["+5", 5],
      ["000000000000000000000042", 42],
      [" 12\n", 12],
    ],
    ["9007199254740992", "-9007199254740992", "9223372036854775807", "1.5", "1e3", "", "abc"],
  );
});

describe("readBoolean", () => {
  lexicalSpace(
    readBoolean,
    "an xsd:boolean (true, false, 1 or 0)",
    [
      ["true", true],
      ["false", false],
      ["1", true],
      ["0", false],
      [" true\n", true],
      ["\t0 ", false],
    ],
    ["TRUE", "True", "FALSE", "yes", "no", "", "01", "t", "f", "2", "-1", "1.0", "true false"],
  );
});

describe("readDate", () => {
  lexicalSpace(
    readDate,
    "an xsd:date (YYYY-MM-DD)",
    [
      ["2020-02-29", "2020-02-29"],
      ["2000-02-29", "2000-02-29"],
      ["2021-02-28", "2021-02-28"],
      ["2020-07-11", "2020-07-11"],
      ["2020-12-31", "2020-12-31"],
      ["2020-04-30", "2020-04-30"],
      [" 2020-07-11\n", "2020-07-11"],
    ],
    [
      "2021-02-29",
      "1900-02-29",
      "2020-13-01",
      "2020-00-10",
      "2020-04-31",
      "2020-01-00",
      "2020-01-32",
      "2020-1-1",
      "20-01-01",
      "2020/01/01",
      "20200101",
      "2020-01-01T00:00:00",
      "",
    ],
  );
});

describe("readDateTime", () => {
  const type = "an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm])";
  const instants: [string, string][] = [
    ["2020-05-08T13:40:22.000Z", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22Z", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22.000", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22+00:00", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22-00:00", "2020-05-08T13:40:22.000Z"],
    ["2020-05-08T13:40:22+02:00", "2020-05-08T11:40:22.000Z"],
    ["2020-05-08T13:40:22-05:30", "2020-05-08T19:10:22.000Z"],
    ["2020-05-08T23:30:00-05:30", "2020-05-09T05:00:00.000Z"],
    ["2020-03-01T01:00:00+02:00", "2020-02-29T23:00:00.000Z"],
    ["2021-01-01T00:30:00+01:00", "2020-12-31T23:30:00.000Z"],
    ["2020-05-08T13:40:22+14:00", "2020-05-07T23:40:22.000Z"],
    ["2020-05-08T13:40:22-14:00", "2020-05-09T03:40:22.000Z"],
    ["2020-05-08T13:40:22.5-01:00", "2020-05-08T14:40:22.500Z"],
    ["2020-02-29T12:00:00Z", "2020-02-29T12:00:00.000Z"],
    ["2020-12-31T23:59:59.999Z", "2020-12-31T23:59:59.999Z"],
    ["0099-01-01T00:00:00.000Z", "0099-01-01T00:00:00.000Z"],
    ["0099-12-31T23:00:00-02:00", "0100-01-01T01:00:00.000Z"],
    [" 2020-05-08T13:40:22.000Z\n", "2020-05-08T13:40:22.000Z"],
  ];
  for (const [text, iso] of instants) {
    it(`reads ${JSON.stringify(text)} as ${iso}`, () => {
      const value = read(readDateTime, text);
      assert.ok(value instanceof Date, `expected a Date, got ${String(value)}`);
      assert.equal(value.toISOString(), iso);
    });
  }

  const fractions: [string, number][] = [
    [".1", 100],
    [".12", 120],
    [".123", 123],
    [".1234", 123],
    [".12345", 123],
    [".123456", 123],
    [".1234567", 123],
    [".12345678", 123],
    [".123456789", 123],
    [".9", 900],
    [".05", 50],
    [".001", 1],
    [".999999999", 999],
  ];
  for (const [fraction, millis] of fractions) {
    it(`reads fractional seconds ${fraction} as ${millis} ms, with Z, an offset or no zone`, () => {
      const utc = Date.UTC(2020, 4, 8, 13, 40, 22, millis);
      assert.equal(read(readDateTime, `2020-05-08T13:40:22${fraction}Z`)?.getTime(), utc);
      assert.equal(read(readDateTime, `2020-05-08T13:40:22${fraction}`)?.getTime(), utc);
      assert.equal(read(readDateTime, `2020-05-08T15:40:22${fraction}+02:00`)?.getTime(), utc);
    });
  }

  const rejected = [
    "2020-05-08T24:00:00Z",
    "2020-05-08T24:00:00.000Z",
    "2020-05-08T13:60:00Z",
    "2020-05-08T13:60:00.000Z",
    "2020-05-08T13:40:60Z",
    "2020-05-08T13:40:60.000Z",
    "2020-05-08T13:40:22+15:00",
    "2020-05-08T13:40:22+14:01",
    "2020-05-08T13:40:22-14:30",
    "2020-05-08T13:40:22+02:60",
    "2020-05-08T13:40:22+0200",
    "2020-05-08T13:40:22+2:00",
    "2020-05-08T13:40:22+02",
    "2020-05-08T13:40:22+02:00Z",
    "2020-05-08T13:40:22 Z",
    "2020-05-08 13:40:22Z",
    "2020-05-08t13:40:22Z",
    "2020-05-08T13:40:22z",
    "2020-05-08T13:40Z",
    "2020-05-08T13:40:22.Z",
    "2020-05-08T13:40:22,000Z",
    "2020-05-08T13:40:22.00aZ",
    "2020-05-08T1:40:22Z",
    "2020-02-30T00:00:00Z",
    "2021-02-29T00:00:00.000Z",
    "2020-13-01T00:00:00.000Z",
    "2020-00-01T00:00:00Z",
    "2020-05-08",
    "+2020-05-08T13:40:22Z",
    "now",
    "",
  ];
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(readError(readDateTime, text).detail, `expected ${type}, got ${JSON.stringify(text)}`);
    });
  }
});

describe("readDateTimeString", () => {
  const type = "an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm])";
  lexicalSpace(
    readDateTimeString,
    type,
    [
      ["2020-05-08T13:40:22.000Z", "2020-05-08T13:40:22.000Z"],
      [" 2020-05-08T13:40:22.000Z\n", "2020-05-08T13:40:22.000Z"],
      ["2020-05-08T13:40:22+02:00", "2020-05-08T13:40:22+02:00"],
      ["2020-05-08T13:40:22.123456789", "2020-05-08T13:40:22.123456789"],
    ],
    ["2020-05-08T24:00:00Z", "2020-05-08T13:40:22+15:00", "2021-02-29T00:00:00.000Z", "2020-05-08", ""],
  );
});

describe("readTime", () => {
  lexicalSpace(
    readTime,
    "an xsd:time (hh:mm:ss[.sss][Z])",
    [
      ["13:20:00", "13:20:00"],
      ["13:20:00.5", "13:20:00.5"],
      ["13:20:00.123456789", "13:20:00.123456789"],
      ["13:20:00Z", "13:20:00Z"],
      ["13:20:00+05:30", "13:20:00+05:30"],
      ["13:20:00-14:00", "13:20:00-14:00"],
      ["00:00:00", "00:00:00"],
      ["23:59:59", "23:59:59"],
      [" 13:20:00\n", "13:20:00"],
    ],
    [
      "24:00:00",
      "12:60:00",
      "12:00:60",
      "1:00:00",
      "12:00",
      "12:00:00+15:00",
      "12:00:00+02:60",
      "12:00:00 Z",
      "12:00:00.",
      "T12:00:00",
      "",
    ],
  );
});

describe("readString", () => {
  const cases: [string | null, string][] = [
    [" a  b ", " a  b "],
    ["\n\t x \n", "\n\t x \n"],
    ["&lt;x&gt; &amp; &#x1F600;", "<x> & 😀"],
    ["<![CDATA[<raw>]]>", "<raw>"],
    ["a\r\nb", "a\nb"],
    ["", ""],
    [null, ""],
  ];
  for (const [content, expected] of cases) {
    it(`reads ${JSON.stringify(content)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(read(readString, content), expected);
    });
  }
});

describe("xsi:nil", () => {
  const readers: [string, ValueReader<unknown>, string, unknown][] = [
    ["readString", readString, "x", "x"],
    ["readDouble", readDouble, "1.5", 1.5],
    ["readInt", readInt, "5", 5],
    ["readLong", readLong, "5", 5],
    ["readBoolean", readBoolean, "true", true],
    ["readDate", readDate, "2020-07-11", "2020-07-11"],
    ["readDateTimeString", readDateTimeString, "2020-05-08T13:40:22.000Z", "2020-05-08T13:40:22.000Z"],
    ["readTime", readTime, "13:20:00", "13:20:00"],
  ];

  for (const [name, reader, sample, value] of readers) {
    describe(name, () => {
      it('reads xsi:nil="true" and xsi:nil="1" as null', () => {
        assert.equal(read(reader, null, ' xsi:nil="true"'), null);
        assert.equal(read(reader, "", ' xsi:nil="true"'), null);
        assert.equal(read(reader, null, ' xsi:nil="1"'), null);
        assert.equal(read(reader, null, ' xsi:nil=" true "'), null);
        assert.equal(read(reader, null, ' other="x" xsi:nil="true"'), null);
      });

      it('reads the value when xsi:nil is "false" or "0"', () => {
        assert.equal(read(reader, sample, ' xsi:nil="false"'), value);
        assert.equal(read(reader, sample, ' xsi:nil="0"'), value);
        assert.equal(read(reader, sample, ' other="x"'), value);
      });

      it("refuses an invalid xsi:nil value", () => {
        for (const flag of ["yes", "TRUE", "True", "", "2"]) {
          assert.equal(
            readError(reader, null, ` xsi:nil="${flag}"`).message,
            `INVALID_VALUE at /root/v (line 1, column ${VALUE_COLUMN}): xsi:nil must be true or false, got ${JSON.stringify(flag)}`,
          );
        }
      });

      it('refuses xsi:nil="true" with content', () => {
        assert.equal(
          readError(reader, sample, ' xsi:nil="true"').message,
          `INVALID_VALUE at /root/v (line 1, column ${VALUE_COLUMN}): an element with xsi:nil="true" must be empty`,
        );
      });

      it('refuses xsi:nil="true" with a child element', () => {
        assert.equal(errorOf(() => read(reader, "<x/>", ' xsi:nil="true"')).code, "UNEXPECTED_ELEMENT");
      });

      it("recognises nil by namespace, not by prefix", () => {
        assert.equal(read(reader, null, ` i:nil="true" xmlns:i="${XSI}"`), null);
        assert.equal(read(reader, sample, ' nil="true"'), value);
        assert.equal(read(reader, sample, ' xsi:nil="true" xmlns:xsi="urn:not-xsi"'), value);
      });
    });
  }

  it('still validates the value when xsi:nil="false"', () => {
    assert.equal(
      readError(readInt, "", ' xsi:nil="false"').detail,
      `expected an xsd:int (a whole number from -2147483648 to 2147483647), got ""`,
    );
  });
});

describe("value error locations", () => {
  it("points at the start tag of the bad value, with the [n] index of its ancestors", () => {
    const r = XmlReader.fromInput(`${ROOT}\n <n/>\n <n>\n   <Amount>abc</Amount>\n </n>\n</root>`);
    r.openRoot();
    assert.equal(r.nextChild(), true);
    assert.equal(r.nextChild(), false);
    assert.equal(r.nextChild(), true);
    r.setIndex(2);
    assert.equal(r.nextChild(), true);
    assert.equal(
      errorOf(() => readDouble(r)).message,
      'INVALID_VALUE at /root/n[2]/Amount (line 4, column 4): expected an xsd:double, got "abc"',
    );
  });

  it("shortens long values in messages", () => {
    const text = "x".repeat(100);
    assert.equal(
      readError(readInt, text).detail,
      `expected an xsd:int (a whole number from -2147483648 to 2147483647), got "${"x".repeat(40)}…"`,
    );
  });
});
