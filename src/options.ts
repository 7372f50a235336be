// The options of generate(), each declared once: its type, default, rule, and how the CLI and the
// config file spell it. generate() validates with these rules, the config file and the CLI too
// (src/cli adds the options that only concern files: --out, --check, --force, --config, --name).
import { DATE_TIME_MODES, type DateTimeMode } from "./model/model.js";
import { moduleNameProblem } from "./model/names.js";

/**
 * An option's rule: the message for a bad value, naming it as `where` says (a flag, a config key,
 * an option of generate()), or undefined when the value is fine.
 */
export type Check = (value: unknown, where: string) => string | undefined;

/** A value generate() refuses: a TypeError, since the caller's code passed it. */
export class OptionError extends TypeError {
  override readonly name = "OptionError";
}

export interface OptionSpec<T, D extends T | undefined = T | undefined> {
  /** The CLI's flag with its argument, e.g. `--datetime <mode>`. */
  readonly flag: string;
  /** The key in wsdl-to-ts.config.json (and package.json's "wsdl-to-ts"). */
  readonly configKey: string;
  /** For --help, without the choices and the default, which are added from below. */
  readonly help: string;
  /** The values allowed, when they are few. */
  readonly choices?: readonly T[];
  /** What generate() uses when the option is absent; undefined when the default is derived from the WSDLs. */
  readonly default: D;
  /** How --help describes a derived default. */
  readonly derivedDefault?: string;
  readonly check: Check;
}

/** The --help text of an option: what it does, its choices, its default. */
export function helpOf(spec: OptionSpec<unknown>): string {
  const choices = spec.choices === undefined ? "" : `: ${spec.choices.join(" or ")}`;
  return `${spec.help}${choices} (default: ${spec.derivedDefault ?? String(spec.default)})`;
}

/** Declares an option of type T; the default's type is inferred, so a missing default shows in the types. */
function option<T>(): <D extends T | undefined>(spec: OptionSpec<T, D>) => OptionSpec<T, D> {
  return (spec) => spec;
}

const got = (value: unknown): string => `got ${JSON.stringify(value)}`;

export const nonEmptyString: Check = (value, where) =>
  typeof value === "string" && value !== "" ? undefined : `${where} must be a non-empty string, ${got(value)}`;

/** The name of an outbound message (`--name`, `inputs[].name`, an input's `moduleName`). */
export const moduleName: Check = (value, where) => {
  if (typeof value !== "string" || value === "") return nonEmptyString(value, where);
  const problem = moduleNameProblem(value);
  return problem === undefined ? undefined : `${where}: ${problem}`;
};

function oneOf(choices: readonly string[]): Check {
  return (value, where) =>
    typeof value === "string" && choices.includes(value)
      ? undefined
      : `${where} must be one of ${choices.map((choice) => JSON.stringify(choice)).join(", ")}, ${got(value)}`;
}

/** npm's rules for a package name: lower case, URL-safe, optional scope, at most 214 characters. */
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
/** Semantic versioning 2.0.0. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const GENERATE_OPTIONS = {
  dateTime: option<DateTimeMode>()({
    flag: "--datetime <mode>",
    configKey: "datetime",
    help: "xsd:dateTime as a Date or as the ISO string",
    choices: DATE_TIME_MODES,
    default: "date",
    check: oneOf(DATE_TIME_MODES),
  }),
  packageName: option<string>()({
    flag: "--package-name <name>",
    configKey: "packageName",
    help: "npm name of the package",
    default: undefined,
    derivedDefault: "derived from the object",
    check: (value, where) =>
      typeof value === "string" && value.length <= 214 && PACKAGE_NAME.test(value)
        ? undefined
        : `${where} must be a valid npm package name (lower case, optionally @scope/name), ${got(value)}`,
  }),
  packageVersion: option<string>()({
    flag: "--package-version <version>",
    configKey: "packageVersion",
    help: "npm version of the package",
    default: "0.0.0",
    check: (value, where) =>
      typeof value === "string" && SEMVER.test(value) ? undefined : `${where} must be a semantic version such as 1.0.0, ${got(value)}`,
  }),
};

type Options = typeof GENERATE_OPTIONS;
export type GenerateOptionKey = keyof Options;

/** The options of `generate()`, all optional. */
export type GenerateOptions = {
  readonly [K in GenerateOptionKey]?: (Options[K] extends OptionSpec<infer T> ? T : never) | undefined;
};

/** The options with their defaults applied: undefined only where the default is derived. */
export type ResolvedOptions = {
  readonly [K in GenerateOptionKey]: Options[K] extends OptionSpec<infer T, infer D> ? (undefined extends D ? T | undefined : T) : never;
};

export const GENERATE_OPTION_KEYS = Object.keys(GENERATE_OPTIONS) as GenerateOptionKey[];

/** generate()'s options found in `source`, where each is spelled as `spelling(key)` says (a config key, a commander attribute). */
export function pickOptions(source: Readonly<Record<string, unknown>>, spelling: (key: GenerateOptionKey) => string): GenerateOptions {
  const picked = GENERATE_OPTION_KEYS.map((key) => [key, source[spelling(key)]] as const).filter(([, value]) => value !== undefined);
  return Object.fromEntries(picked) as GenerateOptions;
}

/** The first problem of the options, each named as `where(key)` says; undefined when all are fine. */
export function optionsProblem(options: Readonly<Record<string, unknown>>, where: (key: GenerateOptionKey) => string): string | undefined {
  for (const key of GENERATE_OPTION_KEYS) {
    const value = options[key];
    const problem = value === undefined ? undefined : GENERATE_OPTIONS[key].check(value, where(key));
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Checks generate()'s options and applies the defaults. @throws {OptionError} naming the option. */
export function resolveOptions(options: GenerateOptions | undefined): ResolvedOptions {
  const given: Readonly<Record<string, unknown>> = options ?? {};
  for (const key of Object.keys(given)) {
    if (!(GENERATE_OPTION_KEYS as string[]).includes(key)) {
      throw new OptionError(`generate: unknown option "${key}"; allowed: ${GENERATE_OPTION_KEYS.join(", ")}`);
    }
  }
  const problem = optionsProblem(given, (key) => `options.${key}`);
  if (problem !== undefined) throw new OptionError(`generate: ${problem}`);
  return Object.fromEntries(GENERATE_OPTION_KEYS.map((key) => [key, given[key] ?? GENERATE_OPTIONS[key].default])) as ResolvedOptions;
}
