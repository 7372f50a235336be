import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/..), so the bench works from any cwd. */
export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export const ACCOUNT_83_WSDL = join(REPO_ROOT, "fixtures/wsdl/paustint-account-83fields-managedpkgs.wsdl");
/** The smallest real WSDL with two fields of different types (xsd:dateTime, xsd:string). */
export const ACCOUNT_2_WSDL = join(REPO_ROOT, "fixtures/wsdl/mulemock-account.wsdl");
export const CLI = join(REPO_ROOT, "bin/wsdl-to-ts.js");

/** A fresh temp directory for this run; the caller removes it. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), "wsdl-to-ts-bench-"));
}
