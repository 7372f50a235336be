import { buildModel } from "./model/build-model.js";
import type { Diagnostic, OutboundMessageModel, UnnamedMessageModel } from "./model/model.js";
import { assignNames, typeNamesFor, type TakenNames } from "./model/names.js";
import { moduleName, OptionError, resolveOptions, type GenerateOptions, type ResolvedOptions } from "./options.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { readWsdl } from "./wsdl/read-wsdl.js";
import { WsdlError, type SourceLocation } from "./wsdl/wsdl-error.js";

/** One WSDL: `name` is how errors refer to it (a path); only its last segment reaches the output. */
export interface GenerateInput {
  readonly name: string;
  readonly text: string;
  /** Base of the generated type names (and the module name in a package of several): `--name`. */
  readonly moduleName?: string | undefined;
  /**
   * Where `moduleName` was given (a config file's entry), for an error about it. Without it such
   * errors point at the WSDL's sObject type, the message being named.
   */
  readonly moduleNameLocation?: SourceLocation | undefined;
}

export type { GenerateOptions } from "./options.js";

export interface GenerateRequest {
  readonly inputs: readonly GenerateInput[];
  readonly options?: GenerateOptions | undefined;
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

/** Gives every message its base name; messages of the same object are told apart by file name. */
function nameModels(prepared: PreparedPackage, taken: TakenNames): OutboundMessageModel[] {
  const { inputs, models } = prepared;
  /** Where the name of message `i` comes from: where it was given, else its WSDL's sObject type. */
  const nameSource = (i: number): SourceLocation => {
    const input = inputs[i];
    const given = input?.moduleName === undefined ? undefined : input.moduleNameLocation;
    return given ?? (prepared.objectLocations[i] as SourceLocation);
  };
  const assigned = assignNames(
    models.map((model, i) => ({
      objectName: model.objectName,
      fileName: model.sourceFile,
      requested: inputs[i]?.moduleName,
    })),
    taken,
  );
  if ("taken" in assigned) {
    const { index, name, use } = assigned.taken;
    const requested = inputs[index]?.moduleName ?? "";
    const what =
      name === requested
        ? "the generated code uses that name itself"
        : `its type ${name} is a name the generated code uses itself`;
    throw new WsdlError(
      "WSDL_NAME_COLLISION",
      `"${requested}" cannot name an outbound message: ${what} (${use}); give another --name`,
      nameSource(index),
    );
  }
  if ("collision" in assigned) {
    const [first, second] = assigned.collision;
    const [firstName, secondName] = assigned.names;
    const other = inputs[first]?.name ?? "";
    const clash =
      firstName === secondName
        ? `this outbound message would be named "${secondName}", like the one of ${other}`
        : `this outbound message would be named "${secondName}" and the one of ${other} "${firstName}", names that differ only in case (they become folders)`;
    throw new WsdlError("WSDL_NAME_COLLISION", `${clash}; give one of them another name (--name)`, nameSource(second));
  }
  return models.map((model, i) => ({ ...model, typeNames: typeNamesFor(assigned.names[i] as string) }));
}

/**
 * The light half of generate(): checked options, the models and their warnings. It loads neither
 * ts-morph nor prettier, so the CLI can tell an up-to-date package without them
 * (src/cli/fingerprint.ts). The messages are not named yet: the names the generated code takes
 * itself come from running the emitters (src/emit/taken-names.ts), so naming is heavy work.
 */
export interface PreparedPackage {
  readonly inputs: readonly GenerateInput[];
  readonly models: readonly UnnamedMessageModel[];
  readonly diagnostics: readonly Diagnostic[];
  /** The options with their defaults applied: what the package depends on. */
  readonly options: ResolvedOptions;
  /** Per input, where its WSDL declares the sObject type (errors about a name derived from it). */
  readonly objectLocations: readonly SourceLocation[];
}

/** @throws {WsdlError} and {OptionError} as generate() does. */
export function preparePackage(request: GenerateRequest): PreparedPackage {
  const options = resolveOptions(request.options);
  const dateTime = options.dateTime;
  const diagnostics: Diagnostic[] = [];
  if (request.inputs.length === 0) throw new TypeError("generate: give at least one WSDL in inputs");
  for (const [i, input] of request.inputs.entries()) {
    const problem =
      input.moduleName === undefined ? undefined : moduleName(input.moduleName, `inputs[${i}].moduleName`);
    if (problem !== undefined) throw new OptionError(`generate: ${problem}`);
  }
  const objectLocations: SourceLocation[] = [];
  const models = request.inputs.map((input) => {
    const result = buildModel(readWsdl(input.name, input.text), input.text, {
      dateTime,
      sourceFile: baseName(input.name),
    });
    diagnostics.push(...result.diagnostics);
    objectLocations.push(result.objectLocation);
    return result.model;
  });
  return { inputs: request.inputs, models, diagnostics, options, objectLocations };
}

/**
 * The heavy half of generate(): the messages' names (a name the generated code uses itself is
 * refused) and the package's files.
 *
 * @throws {WsdlError} WSDL_NAME_COLLISION as generate() does.
 */
export async function emitPrepared(prepared: PreparedPackage): Promise<GenerateResult> {
  // Loaded only now: ts-morph and prettier take most of a run's start-up, and a WSDL that fails
  // above, or a package that is up to date, should be answered without paying for them.
  const { emitPackage, namesTakenByGeneratedCode } = await import("./emit/emit.js");
  const files = await emitPackage(nameModels(prepared, namesTakenByGeneratedCode()), {
    packageName: prepared.options.packageName,
    packageVersion: prepared.options.packageVersion,
  });
  return { files, diagnostics: prepared.diagnostics };
}

/**
 * The pure core: WSDL texts in, package files out. No file system, no process state; the same
 * request always gives byte-identical files.
 *
 * @throws {WsdlError} for a WSDL it cannot use, with `file:line:col` and a stable code.
 * @throws {OptionError} (a TypeError) for an option or input name the package cannot have.
 */
export async function generate(request: GenerateRequest): Promise<GenerateResult> {
  return emitPrepared(preparePackage(request));
}
