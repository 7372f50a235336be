import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(ROOT, "fixtures");

/** The text of a fixture, e.g. `fixture("messages/x.xml")`. */
export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), "utf8");
}

/** The bytes of a fixture, as an HTTP body arrives. */
export function fixtureBytes(path: string): Uint8Array {
  return readFileSync(join(FIXTURES, path));
}

/** The 19 real WSDLs of the corpus, by file name. */
export function corpusWsdls(): string[] {
  return readdirSync(join(FIXTURES, "wsdl"))
    .filter((name) => name.endsWith(".wsdl"))
    .sort();
}

/** Every file below `dir` (following links), as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix))
    .flatMap((name) => {
      const path = prefix === "" ? name : `${prefix}/${name}`;
      return statSync(join(dir, path)).isDirectory() ? listFiles(dir, path) : [path];
    })
    .sort();
}
