import { Command, Option } from "commander";
import { GENERATE_OPTIONS, helpOf, moduleName, nonEmptyString, optionsProblem, pickOptions, type Check, type GenerateOptionKey, type GenerateOptions } from "../options.js";
import { CONFIG_FILE, PACKAGE_KEY } from "./config.js";

/** An option only the CLI has: it concerns files, not what is generated. */
interface CliOptionSpec {
  readonly flag: string;
  readonly help: string;
  readonly check?: Check;
  /** Given once per WSDL. */
  readonly repeatable?: boolean;
}

/** The CLI's own options (each key is commander's attribute name); the config file has "out" and, in "inputs", the names. */
export const CLI_OPTIONS = {
  out: { flag: "-o, --out <dir>", help: "directory to write the package to", check: nonEmptyString },
  check: { flag: "--check", help: "write nothing; print a diff and exit 1 when the output is not up to date" },
  force: {
    flag: "--force",
    help: "write into a non-empty folder wsdl-to-ts did not generate; even then no file without the generated header is overwritten or deleted",
  },
  name: {
    flag: "--name <name>",
    help: "name of the outbound message, once per WSDL in order (default: the object's name)",
    check: moduleName,
    repeatable: true,
  },
  config: { flag: "--config <file>", help: `config file (default: ${CONFIG_FILE}, or the "${PACKAGE_KEY}" key of package.json)` },
} as const satisfies Record<string, CliOptionSpec>;

/** The order of --help. */
const HELP_ORDER: readonly (keyof typeof CLI_OPTIONS | GenerateOptionKey)[] = ["out", "check", "force", "dateTime", "name", "packageName", "packageVersion", "config"];

/** What commander gives for a flag: a list when repeatable, a string when it takes an argument, else a boolean. */
type FlagValue<S> = S extends { readonly repeatable: true } ? readonly string[] : S extends { readonly flag: `${string}<${string}>` } ? string : boolean;

/** The flags of `generate` as commander parsed them, unchecked; all optional, since a config file may supply them. */
export type GenerateFlags = {
  readonly [K in keyof typeof CLI_OPTIONS]?: FlagValue<(typeof CLI_OPTIONS)[K]> | undefined;
} & {
  readonly wsdl: readonly string[];
  /** generate()'s options given as flags. */
  readonly options: GenerateOptions;
};

/** `--package-name` of `--package-name <name>`: how messages name a flag. */
function longFlag(flag: string): string {
  return /--[a-z-]+/.exec(flag)?.[0] ?? flag;
}

/** Commander's accumulator for a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function optionOf(key: (typeof HELP_ORDER)[number]): Option {
  if (key in CLI_OPTIONS) {
    const spec: CliOptionSpec = CLI_OPTIONS[key as keyof typeof CLI_OPTIONS];
    const option = new Option(spec.flag, spec.help);
    return spec.repeatable === true ? option.argParser(collect) : option;
  }
  const spec = GENERATE_OPTIONS[key as GenerateOptionKey];
  return new Option(spec.flag, helpOf(spec));
}

/** Adds every option of the tables to `command`, in help order. */
export function addGenerateOptions(command: Command): Command {
  for (const key of HELP_ORDER) command.addOption(optionOf(key));
  return command;
}

/** The parsed flags, with generate()'s options under their own keys. */
export function flagsFrom(wsdl: readonly string[], parsed: Readonly<Record<string, unknown>>): GenerateFlags {
  const options = pickOptions(parsed, (key) => new Option(GENERATE_OPTIONS[key].flag).attributeName());
  return { ...(parsed as Omit<GenerateFlags, "wsdl" | "options">), wsdl, options };
}

/** The first problem of the flags, naming the flag; undefined when they are fine. */
export function flagsProblem(flags: GenerateFlags): string | undefined {
  if (flags.out !== undefined) {
    const problem = CLI_OPTIONS.out.check(flags.out, longFlag(CLI_OPTIONS.out.flag));
    if (problem !== undefined) return problem;
  }
  for (const name of flags.name ?? []) {
    const problem = CLI_OPTIONS.name.check(name, longFlag(CLI_OPTIONS.name.flag));
    if (problem !== undefined) return problem;
  }
  return optionsProblem(flags.options, (key) => longFlag(GENERATE_OPTIONS[key].flag));
}
