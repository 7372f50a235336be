import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateMessage } from "../../bench/messages.js";
import { readSObjectSchema } from "../../bench/wsdl-fields.js";
import { FIXTURES } from "../support/fixtures.js";

// What the fuzzer mutates: the real captured messages, messages generated for several golden
// packages (each with that package's own parseNotifications, so the typed layer is fuzzed too),
// and small documents with every construct the reader knows.

type Parse = (input: string | Uint8Array | readonly Uint8Array[]) => unknown;

export interface Seed {
  readonly name: string;
  readonly text: string;
  /** The generated parser of the package the message is for, when there is one. */
  readonly parse?: Parse;
}

/** Golden packages whose messages are generated (one and three notifications each). */
const GENERATED = [
  "aldoforce-opportunity",
  "pcon-case-28fields",
  "paustint-account-83fields-managedpkgs",
  "raolkn-contact",
  "gwestersf-shipment__c-namespaced",
] as const;

const CONSTRUCTS = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<r xmlns="urn:d" xmlns:p="urn:p" p:a="1" b=\'2\'><p:c>x &amp; y &#65;&#x42;</p:c><d/></r>',
  "<r><!-- a comment --><?pi data?><![CDATA[<not> & markup]]>text\r\nline\rline</r>",
  '<a:r xmlns:a="urn:a"><a:x xmlns:a="urn:b" a:k="v" k="w">\u00e9\u65e5\u{1F600}</a:x><y xml:lang="en">&lt;&gt;&quot;&apos;</y></a:r>',
  '<r a="&#9;&#10;&#13; \t\n\r\n">\n  <s>  padded  </s>\n  <t/>\n</r>\n<!-- after -->',
  "\uFEFF<r><s xmlns:q='urn:q'><q:t q:u='1'/></s></r>",
];

const GOLDEN = join(FIXTURES, "golden");

/** The seeds, in a fixed order (the fuzzer is deterministic by seed number). */
export async function loadSeeds(): Promise<Seed[]> {
  const seeds: Seed[] = [];
  const anyParse = await packageParse("hostiledeveloper-opportunity-25fields");
  const messages = join(FIXTURES, "messages");
  for (const file of readdirSync(messages).filter((f) => f.endsWith(".xml")).sort()) {
    seeds.push({ name: `messages/${file}`, text: readFileSync(join(messages, file), "utf8"), parse: anyParse });
  }
  for (const name of GENERATED) {
    const schema = readSObjectSchema(readFileSync(join(FIXTURES, "wsdl", `${name}.wsdl`), "utf8"));
    const parse = await packageParse(name);
    for (const count of [1, 3]) seeds.push({ name: `generated/${name}×${count}`, text: generateMessage(schema, count).xml, parse });
  }
  CONSTRUCTS.forEach((text, i) => seeds.push({ name: `construct ${i + 1}`, text }));
  return seeds;
}

async function packageParse(name: string): Promise<Parse> {
  const module = (await import(pathToFileURL(join(GOLDEN, name, "src", "index.ts")).href)) as { parseNotifications: Parse };
  return module.parseNotifications;
}
