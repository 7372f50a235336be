import { buildModel } from "./model/build-model.js";
import type { DateTimeMode, Diagnostic } from "./model/model.js";
import { emitPackage } from "./emit/emit-package.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { readWsdl } from "./wsdl/read-wsdl.js";

/** One WSDL: `name` is how errors refer to it (a path); only its last segment reaches the output. */
export interface GenerateInput {
  readonly name: string;
  readonly text: string;
}

export interface GenerateOptions {
  /** xsd:dateTime as `Date` (default) or as the ISO string. */
  readonly dateTime?: DateTimeMode;
}

export interface GenerateRequest {
  readonly inputs: readonly GenerateInput[];
  readonly options?: GenerateOptions;
}

export interface GenerateResult {
  /** The package's files, paths relative to the output directory, sorted. */
  readonly files: readonly GeneratedFile[];
  /** Warnings (e.g. unknown XSD types kept as strings). */
  readonly diagnostics: readonly Diagnostic[];
}

/** The file name without directories, whichever separator the caller's platform uses. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/**
 * The pure core: WSDL texts in, package files out. No file system, no process state; the same
 * request always gives byte-identical files.
 *
 * @throws {WsdlError} for a WSDL it cannot use, with `file:line:col` and a stable code.
 */
export async function generate(request: GenerateRequest): Promise<GenerateResult> {
  const dateTime = request.options?.dateTime ?? "date";
  const diagnostics: Diagnostic[] = [];
  const models = request.inputs.map((input) => {
    const result = buildModel(readWsdl(input.name, input.text), input.text, { dateTime, sourceFile: baseName(input.name) });
    diagnostics.push(...result.diagnostics);
    return result.model;
  });
  return { files: await emitPackage(models), diagnostics };
}
