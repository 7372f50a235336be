import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GenerateRequest } from "../../src/index.js";
import { corpusWsdls, FIXTURES } from "./fixtures.js";

/** One golden: a generate() request and the directory under fixtures/golden holding its output. */
export interface GoldenCase {
  readonly name: string;
  /** WSDL paths relative to fixtures/. */
  readonly wsdls: readonly string[];
  readonly options?: GenerateRequest["options"];
}

/** Every corpus WSDL with default options, plus the derived WSDL and option variants. */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  ...corpusWsdls().map((file) => ({ name: file.replace(/\.wsdl$/, ""), wsdls: [`wsdl/${file}`] })),
  { name: "hostiledeveloper-opportunity-25fields", wsdls: ["wsdl-derived/hostiledeveloper-opportunity-25fields.wsdl"] },
  // Fields named like Object.prototype members (constructor, toString, __proto__, …).
  { name: "aldoforce-opportunity-prototype-names", wsdls: ["wsdl-derived/aldoforce-opportunity-prototype-names.wsdl"] },
  {
    // Several messages in one package; two of them share the Opportunity object.
    name: "multi-contact-opportunities-case",
    wsdls: [
      "wsdl/raolkn-contact.wsdl",
      "wsdl/aldoforce-opportunity.wsdl",
      "wsdl/pcon-case-28fields.wsdl",
      "wsdl/mulesoft-opportunity-reformatted.wsdl",
    ],
    options: { packageName: "@acme/salesforce-outbound", packageVersion: "1.2.3" },
  },
  {
    name: "gwestersf-shipment__c-datetime-string",
    wsdls: ["wsdl/gwestersf-shipment__c-namespaced.wsdl"],
    options: { dateTime: "string" },
  },
];

export const GOLDEN_DIR = join(FIXTURES, "golden");

/** Where the runtime, identical in every package, is stored once; each case links to it. */
export const SHARED_RUNTIME = join(GOLDEN_DIR, "_runtime");

/** The directories of a package that hold the runtime. */
export const RUNTIME_DIRS = ["src/runtime", "dist/esm/runtime", "dist/cjs/runtime"] as const;

export function isRuntimeFile(path: string): boolean {
  return RUNTIME_DIRS.some((dir) => path.startsWith(`${dir}/`));
}

/** The generate() request of a case; inputs are named by their path under fixtures/. */
export function goldenRequest(golden: GoldenCase): GenerateRequest {
  return {
    inputs: golden.wsdls.map((path) => ({ name: `fixtures/${path}`, text: readFileSync(join(FIXTURES, path), "utf8") })),
    ...(golden.options === undefined ? {} : { options: golden.options }),
  };
}
