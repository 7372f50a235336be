import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generate, WsdlError, type WsdlErrorCode } from "../../src/index.js";
import { runCli } from "../support/cli.js";
import { rejectionOf } from "../support/expect-throws.js";
import { FIXTURES, ROOT } from "../support/fixtures.js";

// Every WSDL the generator refuses must be refused with a WsdlError whose message starts with
// `file:line:col` (the start tag of the offending element, checked by hand against the file) and
// carries a stable code; the CLI prints exactly that line and exits 2.

interface BrokenCase {
  readonly file: string;
  readonly code: WsdlErrorCode;
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  /** What the location points at: the text that starts there. */
  readonly at: string;
}

const BROKEN: readonly BrokenCase[] = [
  {
    file: "not-a-wsdl-ack-response.xml",
    code: "WSDL_NOT_A_WSDL",
    line: 2,
    column: 1,
    detail:
      "not a WSDL: the root element is <soapenv:Envelope> in namespace http://schemas.xmlsoap.org/soap/envelope/, expected <definitions> in namespace http://schemas.xmlsoap.org/wsdl/",
    at: "<soapenv:Envelope ",
  },
  {
    file: "not-a-wsdl-plain-xsd.wsdl",
    code: "WSDL_NOT_A_WSDL",
    line: 1,
    column: 9,
    detail:
      "not a WSDL: the root element is <schema> in namespace http://www.w3.org/2001/XMLSchema, expected <definitions> in namespace http://schemas.xmlsoap.org/wsdl/",
    at: '<schema elementFormDefault="qualified"',
  },
  {
    file: "not-a-wsdl-no-namespace.wsdl",
    code: "WSDL_NOT_A_WSDL",
    line: 11,
    column: 1,
    detail:
      "not a WSDL: the root element is <definitions> in no namespace, expected <definitions> in namespace http://schemas.xmlsoap.org/wsdl/",
    at: "<definitions ",
  },
  {
    // Malformed XML is located where a reader notices it: the end tag that does not match.
    // The message names the start tag that was left open (line 53, column 25).
    file: "malformed-unclosed-tag.wsdl",
    code: "WSDL_MALFORMED_XML",
    line: 55,
    column: 25,
    detail:
      "not well-formed XML: end tag </sequence> does not match the start tag <element> at line 53, column 25",
    at: "</sequence>",
  },
  {
    file: "undeclared-element-prefix.wsdl",
    code: "WSDL_MALFORMED_XML",
    line: 136,
    column: 9,
    detail: "namespace prefix of <wsoap:binding> is not declared",
    at: '<wsoap:binding style="document"',
  },
  {
    file: "doctype.wsdl",
    code: "WSDL_DOCTYPE",
    line: 2,
    column: 1,
    detail: "DOCTYPE declarations are not accepted in a WSDL",
    at: "<!DOCTYPE definitions",
  },
  {
    file: "no-notifications.wsdl",
    code: "WSDL_NO_NOTIFICATIONS",
    line: 9,
    column: 1,
    detail:
      'no element "notifications" in namespace http://soap.sforce.com/2005/09/outbound: this is not a Salesforce outbound-message WSDL',
    at: "<definitions ",
  },
  {
    file: "unresolved-field-type.wsdl",
    code: "WSDL_UNRESOLVED_TYPE",
    line: 62,
    column: 25,
    detail: 'type "ens:Nope" of field "i360__Start__c" is not defined in the WSDL',
    at: '<element name="i360__Start__c"',
  },
  {
    // CRLF file: the column must not count the carriage returns.
    file: "undeclared-type-prefix.wsdl",
    code: "WSDL_UNRESOLVED_TYPE",
    line: 68,
    column: 25,
    detail: 'the prefix of type "foo:string" of field "gwestr__Status__c" is not declared',
    at: '<element name="gwestr__Status__c"',
  },
  {
    file: "unresolved-notification-type.wsdl",
    code: "WSDL_UNRESOLVED_TYPE",
    line: 75,
    column: 25,
    detail: 'type "tns:Test_Automation__c_Notification" of element "Notification" is not defined in the WSDL',
    at: '<element name="Notification"',
  },
  {
    file: "unresolved-base-type.wsdl",
    code: "WSDL_UNRESOLVED_TYPE",
    line: 50,
    column: 21,
    detail: 'base type "ens:SObject" is not defined in the WSDL',
    at: '<extension base="ens:SObject">',
  },
  {
    // Tab-indented file: a tab is one column.
    file: "duplicate-field.wsdl",
    code: "WSDL_DUPLICATE_FIELD",
    line: 53,
    column: 7,
    detail: 'field "IsClosed" of "Case" is declared twice (first at line 52)',
    at: '<element name="IsClosed"',
  },
  {
    file: "field-redeclares-id.wsdl",
    code: "WSDL_DUPLICATE_FIELD",
    line: 54,
    column: 25,
    detail: 'field "Id" of "Account" is declared twice (first at line 36)',
    at: '<element name="Id" nillable="true" minOccurs="0" type="ent:ID"/>',
  },
  {
    file: "complex-type-field.wsdl",
    code: "WSDL_UNSUPPORTED",
    line: 52,
    column: 25,
    detail: 'field "AccountId" has the complex type "ens:sObject"; outbound messages only carry simple fields',
    at: '<element name="AccountId"',
  },
  {
    file: "unbounded-field.wsdl",
    code: "WSDL_UNSUPPORTED",
    line: 54,
    column: 29,
    detail: 'field "Discount__c" repeats (maxOccurs="unbounded"); outbound messages send single values',
    at: '<element name="Discount__c"',
  },
  {
    file: "duplicate-definition.wsdl",
    code: "WSDL_DUPLICATE_DEFINITION",
    line: 38,
    column: 13,
    detail: 'complexType "sObject" is defined twice in urn:sobject.enterprise.soap.sforce.com',
    at: '<complexType name="sObject">',
  },
];

const BROKEN_DIR = join(FIXTURES, "broken-wsdl");
const relative = (file: string): string => `fixtures/broken-wsdl/${file}`;
const expectedMessage = (c: BrokenCase): string =>
  `${relative(c.file)}:${c.line}:${c.column}: error ${c.code}: ${c.detail}`;

/** Runs generate() on one input and returns the WsdlError it must throw. */
const refusal = (name: string, text: string): Promise<WsdlError> => rejectionOf(WsdlError, () => generate({ inputs: [{ name, text }] }));

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wsdl-to-ts-errors-"));
  tempDirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("broken WSDL fixtures", () => {
  it("covers every file in fixtures/broken-wsdl, and SOURCES.md lists each with its code", () => {
    const files = readdirSync(BROKEN_DIR)
      .filter((name) => name !== "SOURCES.md")
      .sort();
    assert.deepEqual(files, BROKEN.map((c) => c.file).sort());
    const sources = readFileSync(join(BROKEN_DIR, "SOURCES.md"), "utf8");
    const rows = new Map(
      sources
        .split("\n")
        .map((line) => line.split("|").map((cell) => cell.trim()))
        .filter((cells) => cells.length > 5 && files.includes(cells[1] ?? ""))
        .map((cells) => [cells[1], cells[4]]),
    );
    assert.deepEqual([...rows.keys()].sort(), files, "SOURCES.md must have one row per broken file");
    for (const c of BROKEN) assert.equal(rows.get(c.file), `\`${c.code}\``, `expected code of ${c.file} in SOURCES.md`);
  });
});

describe("generate() refuses broken WSDLs with the exact location and code", () => {
  for (const c of BROKEN) {
    it(`${c.file}: ${c.code} at ${c.line}:${c.column}`, async () => {
      const text = readFileSync(join(BROKEN_DIR, c.file), "utf8");
      const error = await refusal(relative(c.file), text);
      assert.equal(error.message, expectedMessage(c));
      assert.equal(error.code, c.code);
      assert.equal(error.detail, c.detail);
      assert.equal(error.name, "WsdlError");
      assert.deepEqual(error.location, { file: relative(c.file), line: c.line, column: c.column });
      // The location really is that place in the file (lines split on LF, so a CR stays at the end).
      const line = text.split("\n")[c.line - 1] ?? "";
      assert.ok(
        line.slice(c.column - 1).startsWith(c.at),
        `${c.line}:${c.column} points at ${JSON.stringify(line.slice(c.column - 1, c.column + 39))}, not ${c.at}`,
      );
    });
  }
});

describe("generate() refuses inputs that are not XML at all", () => {
  const cases: ReadonlyArray<{ name: string; text: string; message: string }> = [
    {
      name: "empty file",
      text: "",
      message: "in.wsdl:1:1: error WSDL_MALFORMED_XML: not well-formed XML: the file has no root element",
    },
    {
      name: "only an XML declaration and a comment",
      text: '<?xml version="1.0" encoding="UTF-8"?>\n<!-- nothing -->\n',
      message: "in.wsdl:1:1: error WSDL_MALFORMED_XML: not well-formed XML: the file has no root element",
    },
    {
      name: "JSON",
      text: '{\n  "notifications": []\n}\n',
      message: "in.wsdl:1:1: error WSDL_MALFORMED_XML: not well-formed XML: text before the root element",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const error = await refusal("in.wsdl", c.text);
      assert.equal(error.message, c.message);
      assert.equal(error.code, "WSDL_MALFORMED_XML");
    });
  }

  it("an element after the root element", async () => {
    const wsdl = readFileSync(join(FIXTURES, "wsdl", "ryanbrainard-account-2012.wsdl"), "utf8");
    assert.ok(wsdl.endsWith("</definitions>\n"));
    const error = await refusal("in.wsdl", `${wsdl}<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>\n`);
    const lines = wsdl.split("\n").length;
    assert.equal(
      error.message,
      `in.wsdl:${lines}:1: error WSDL_MALFORMED_XML: not well-formed XML: more than one root element`,
    );
  });
});

describe("CLI on broken WSDLs", () => {
  for (const c of BROKEN) {
    it(`${c.file}: exit 2 and one line on stderr`, async () => {
      const out = tempDir();
      const io = await runCli(ROOT, relative(c.file), "--out", out);
      assert.equal(io.code, 2);
      assert.equal(io.stdout, "");
      assert.equal(io.stderr, `${expectedMessage(c)}\n`);
      assert.deepEqual(readdirSync(out), [], "nothing may be written to the output directory");
    });
  }

  it("a missing input file: exit 2, `cannot read <path>: no such file`", async () => {
    const out = tempDir();
    const io = await runCli(ROOT, "fixtures/broken-wsdl/does-not-exist.wsdl", "--out", out);
    assert.equal(io.code, 2);
    assert.equal(io.stdout, "");
    assert.equal(io.stderr, "wsdl-to-ts: cannot read fixtures/broken-wsdl/does-not-exist.wsdl: no such file\n");
    assert.deepEqual(readdirSync(out), []);
  });

  it("no --out: exit 2 with a usage error, nothing written", async () => {
    const cwd = tempDir();
    const io = await runCli(cwd, join(FIXTURES, "wsdl", "mulemock-account.wsdl"));
    assert.equal(io.code, 2);
    assert.equal(io.stdout, "");
    assert.equal(io.stderr, "wsdl-to-ts: missing --out <dir>: where to write the generated package\n");
    assert.deepEqual(readdirSync(cwd), []);
  });

  it("no WSDL: exit 2 with a usage error", async () => {
    const out = tempDir();
    const io = await runCli(ROOT, "--out", out);
    assert.equal(io.code, 2);
    assert.equal(io.stdout, "");
    // The wording may grow (e.g. to mention a config file); the shape may not.
    assert.match(io.stderr, /^wsdl-to-ts: no WSDL given: wsdl-to-ts <file\.wsdl\.\.\.> --out <dir>[^\n]*\n$/);
    assert.deepEqual(readdirSync(out), []);
  });

  it("a refused WSDL among valid ones: nothing is written for any of them", async () => {
    const out = tempDir();
    const io = await runCli(ROOT, "fixtures/wsdl/mulemock-account.wsdl", relative("unbounded-field.wsdl"), "--out", out);
    assert.equal(io.code, 2);
    assert.equal(
      io.stderr,
      `${expectedMessage(BROKEN.find((c) => c.file === "unbounded-field.wsdl") as BrokenCase)}\n`,
    );
    assert.deepEqual(readdirSync(out), []);
  });

  it("a warning is printed as file:line:col and does not stop generation", async () => {
    const dir = tempDir();
    const source = readFileSync(join(FIXTURES, "wsdl", "mulemock-account.wsdl"), "utf8");
    const field = '<element name="Name" nillable="true" minOccurs="0" type="xsd:string"/>';
    assert.equal(source.split(field).length, 2);
    writeFileSync(join(dir, "decimal.wsdl"), source.replace(field, field.replace("xsd:string", "xsd:decimal")));
    const io = await runCli(dir, "decimal.wsdl", "--out", "out");
    assert.equal(io.code, 0);
    assert.equal(io.stdout, "");
    const stderr = io.stderr.split("\n");
    assert.equal(
      stderr[0],
      'decimal.wsdl:53:25: warning WSDL_UNKNOWN_TYPE: field "Name" has type xsd:decimal, which outbound messages do not use; it is kept as a string',
    );
    assert.match(stderr[1] ?? "", /^wrote \d+ files to out \(0 unchanged\)$/);
    assert.ok(existsSync(join(dir, "out", "src", "types.ts")));
  });
});
