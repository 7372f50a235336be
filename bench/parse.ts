import { assertSameValues, canonicalMessage, type CanonicalMessage } from "./canonical.js";
import { createFastXmlParserBaseline } from "./baselines/fast-xml-parser.js";
import { createNodeSoapBaseline } from "./baselines/node-soap.js";
import { createRegexFloor } from "./baselines/regex-floor.js";
import type { GeneratedModule } from "./generated-module.js";
import type { BenchMessage } from "./messages.js";
import { timeInterleaved, type TimingPlan } from "./timing.js";
import type { SObjectSchema } from "./wsdl-fields.js";

// Section 1: parse in process. Every contender gets the same message as the same JS string,
// decoded once outside the timed loop (one informational row feeds ours the UTF-8 bytes, which is
// what the HTTP handler does). Before timing, each contender's output is checked against the
// values the generator wrote; a contender that reads different values stops the bench.

/** ours: the subject; baseline: what a target compares against; info: context, no target. */
export type Role = "ours" | "baseline" | "info";

export interface ParseRow {
  readonly contender: string;
  readonly label: string;
  readonly role: Role;
  readonly notifications: number;
  /** UTF-8 size of the message; MB/s are computed from it (1 MB = 10^6 bytes). */
  readonly bytes: number;
  readonly medianUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly mbPerSecond: number;
  readonly callsPerRound: number;
  readonly rounds: number;
}

export interface ParseRatio {
  readonly notifications: number;
  readonly contender: string;
  /** The contender's median µs ÷ ours: how many times faster ours is. */
  readonly oursSpeedup: number;
}

export interface ParseSection {
  readonly rows: readonly ParseRow[];
  readonly ratios: readonly ParseRatio[];
}

interface Contender {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
  readonly input: "string" | "bytes";
  /** Parses one message; may return a promise (node-soap's server path is asynchronous). */
  parse(input: string | Uint8Array): unknown;
  /** The values of the result of parsing `message`, canonicalised for the equality check. */
  read(result: unknown, message: BenchMessage): CanonicalMessage;
}

export interface ParseContext {
  readonly schema: SObjectSchema;
  readonly wsdlText: string;
  readonly generated: GeneratedModule;
  readonly messages: readonly BenchMessage[];
}

const ATTRIBUTE_HOLDERS = { ignoreKeys: new Set(["attributes"]) };

async function contenders(context: ParseContext): Promise<Contender[]> {
  const { schema, generated } = context;
  const nodeSoap = await createNodeSoapBaseline(context.wsdlText);
  const fastXml = createFastXmlParserBaseline(schema);
  const floor = createRegexFloor(schema);
  const asString = (input: string | Uint8Array): string => input as string;
  return [
    {
      id: "ours",
      label: "ours: generated parseNotifications",
      role: "ours",
      input: "string",
      parse: (input) => generated.parseNotifications(input),
      read: (result) => canonicalMessage(schema, result),
    },
    {
      id: "ours-bytes",
      label: "ours, Uint8Array input (the handler's path)",
      role: "info",
      input: "bytes",
      parse: (input) => generated.parseNotifications(input),
      read: (result) => canonicalMessage(schema, result),
    },
    {
      id: "node-soap",
      label: "node-soap server (processRequest)",
      role: "baseline",
      input: "string",
      parse: (input) => nodeSoap.processRequest(asString(input)),
      read: (result) => {
        const response = result as { statusCode: number; body: string };
        if (response.statusCode !== 200 || !/<(?:\w+:)?Ack>true<\/(?:\w+:)?Ack>/.test(response.body)) {
          throw new Error(
            `node-soap did not acknowledge the message: ${response.statusCode} ${response.body.slice(0, 300)}`,
          );
        }
        return canonicalMessage(schema, nodeSoap.takeRequest(), ATTRIBUTE_HOLDERS);
      },
    },
    {
      id: "node-soap-parse",
      label: "node-soap WSDL parse only (xmlToObject)",
      role: "info",
      input: "string",
      parse: (input) => nodeSoap.xmlToObject(asString(input)),
      read: (result) => canonicalMessage(schema, result, ATTRIBUTE_HOLDERS),
    },
    {
      id: "fast-xml-parser",
      label: "fast-xml-parser + coercion table",
      role: "baseline",
      input: "string",
      parse: (input) => fastXml(asString(input)),
      read: (result) => canonicalMessage(schema, result),
    },
    {
      id: "regex-floor",
      label: "regex tokenizer floor (not an XML parser)",
      role: "info",
      input: "string",
      parse: (input) => floor(asString(input)),
      read: (result) => canonicalMessage(schema, result),
    },
  ];
}

export async function runParseSection(
  context: ParseContext,
  plan: TimingPlan,
  log: (line: string) => void,
): Promise<ParseSection> {
  const all = await contenders(context);
  const rows: ParseRow[] = [];
  const ratios: ParseRatio[] = [];
  for (const message of context.messages) {
    // The string is decoded once, here; the timed loops only parse.
    const xml = new TextDecoder().decode(message.bytes);
    const inputs = { string: xml, bytes: message.bytes };
    for (const contender of all) {
      const input = inputs[contender.input];
      assertSameValues(contender.label, contender.read(await contender.parse(input), message), message.expected);
    }
    const timings = await timeInterleaved(
      all.map((contender) => {
        const input = inputs[contender.input];
        return () => contender.parse(input);
      }),
      plan,
    );
    const timed = all.map((contender, i): ParseRow => {
      const timing = timings[i];
      if (timing === undefined) throw new Error("missing timing");
      const row: ParseRow = {
        contender: contender.id,
        label: contender.label,
        role: contender.role,
        notifications: message.notifications,
        bytes: message.bytes.length,
        medianUs: timing.medianUs,
        minUs: timing.minUs,
        maxUs: timing.maxUs,
        mbPerSecond: message.bytes.length / timing.medianUs,
        callsPerRound: timing.callsPerRound,
        rounds: timing.rounds,
      };
      log(
        `  parse ${String(message.notifications).padStart(3)} notif.  ${contender.label.padEnd(46)} ${row.medianUs.toFixed(1).padStart(9)} µs`,
      );
      return row;
    });
    const ours = timed.find((row) => row.contender === "ours");
    if (ours === undefined) throw new Error("no row for ours");
    for (const row of timed) {
      if (row.contender !== "ours")
        ratios.push({
          notifications: message.notifications,
          contender: row.contender,
          oursSpeedup: row.medianUs / ours.medianUs,
        });
    }
    rows.push(...timed);
  }
  return { rows, ratios };
}
