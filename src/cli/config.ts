import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { GENERATE_OPTION_KEYS, GENERATE_OPTIONS, moduleName, nonEmptyString, pickOptions, type Check, type GenerateOptions } from "../options.js";
import { locate, type SourceLocation } from "../wsdl/wsdl-error.js";
import { UsageError, type CliIo } from "./io.js";
import { findJsonSyntaxError, jsonValueOffset, type JsonPath } from "./json-syntax.js";

/** One WSDL of the config, with the name its outbound message gets (`--name`). */
export interface ConfigInput {
  readonly wsdl: string;
  readonly name?: string | undefined;
  /** Where the file gives `name`, for an error about the name (a clash). */
  readonly nameLocation?: SourceLocation | undefined;
}

/** What `wsdl-to-ts.config.json` (or package.json's "wsdl-to-ts" key) sets. Paths are relative to that file. */
export interface CliConfig {
  readonly inputs?: readonly ConfigInput[] | undefined;
  readonly out?: string | undefined;
  /** generate()'s options, under their own keys (the file spells them as their `configKey`). */
  readonly options: GenerateOptions;
}

export const CONFIG_FILE = "wsdl-to-ts.config.json";
export const PACKAGE_KEY = "wsdl-to-ts";

const inputs: Check = (value, where) => {
  if (!Array.isArray(value) || value.length === 0) {
    return `${where} must be a non-empty list of WSDL paths or { "wsdl": path, "name": name } objects`;
  }
  for (const [i, item] of value.entries()) {
    const at = `inputs[${i}]`;
    if (typeof item === "string") {
      const problem = nonEmptyString(item, `"${at}"`);
      if (problem !== undefined) return problem;
      continue;
    }
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return `"${at}" must be a WSDL path or { "wsdl": path, "name": name }, got ${JSON.stringify(item)}`;
    }
    for (const key of Object.keys(item)) {
      if (key !== "wsdl" && key !== "name") return `unknown option "${at}.${key}"; allowed: wsdl, name`;
    }
    const entry = item as Record<string, unknown>;
    const problem = nonEmptyString(entry["wsdl"], `"${at}.wsdl"`) ?? (entry["name"] === undefined ? undefined : moduleName(entry["name"], `"${at}.name"`));
    if (problem !== undefined) return problem;
  }
  return undefined;
};

/** The keys of the config and their rules: its own two, then generate()'s options as the table spells them. */
const CONFIG_KEYS: ReadonlyMap<string, Check> = new Map([
  ["inputs", inputs],
  ["out", nonEmptyString],
  ...GENERATE_OPTION_KEYS.map((key) => [GENERATE_OPTIONS[key].configKey, GENERATE_OPTIONS[key].check] as const),
]);

/** Checks a parsed config; the first problem becomes a UsageError naming the file and the option path. */
export function validateConfig(value: unknown, label: string): CliConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${label}: the configuration must be a JSON object`);
  }
  const allowed = [...CONFIG_KEYS.keys()].join(", ");
  for (const [key, option] of Object.entries(value)) {
    const check = CONFIG_KEYS.get(key);
    if (check === undefined) throw new UsageError(`${label}: unknown option "${key}"; allowed: ${allowed}`);
    const problem = check(option, `"${key}"`);
    if (problem !== undefined) throw new UsageError(`${label}: ${problem}`);
  }
  const config = value as Record<string, unknown>;
  const listed = config["inputs"] as readonly (string | ConfigInput)[] | undefined;
  return {
    inputs: listed?.map((item) => (typeof item === "string" ? { wsdl: item } : item)),
    out: config["out"] as string | undefined,
    options: pickOptions(config, (key) => GENERATE_OPTIONS[key].configKey),
  };
}

/** A config found on disk, its label for messages and the directory its paths are relative to. */
export interface LoadedConfig {
  readonly config: CliConfig;
  readonly label: string;
  readonly dir: string;
}

/** A JSON file as text (for locating its entries) and as its value. */
interface JsonFile {
  readonly text: string;
  readonly value: unknown;
}

function readJson(path: string, label: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`cannot read ${label}: no such file`);
    throw new UsageError(`cannot read ${label}: ${(error as Error).message}`);
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    const syntax = findJsonSyntaxError(text) ?? { offset: 0, problem: "not valid JSON" };
    throw new UsageError(syntax.problem, "CONFIG_INVALID_JSON", locate(label, text, syntax.offset));
  }
}

/**
 * The config of `--config <path>`, else `wsdl-to-ts.config.json` in the working directory, else
 * the "wsdl-to-ts" key of its package.json; undefined when there is none.
 */
export function loadConfig(io: CliIo, explicit: string | undefined): LoadedConfig | undefined {
  const file = explicit ?? CONFIG_FILE;
  const path = resolve(io.cwd, file);
  if (explicit !== undefined || existsSync(path)) {
    const label = relative(io.cwd, path) || file;
    const json = readJson(path, label);
    return { config: withNameLocations(validateConfig(json.value, label), label, json.text, []), label, dir: dirname(path) };
  }
  const manifest = resolve(io.cwd, "package.json");
  if (!existsSync(manifest)) return undefined;
  const json = readJson(manifest, "package.json");
  const section = (json.value as Record<string, unknown> | null)?.[PACKAGE_KEY];
  if (section === undefined) return undefined;
  const label = `package.json "${PACKAGE_KEY}"`;
  return { config: withNameLocations(validateConfig(section, label), "package.json", json.text, [PACKAGE_KEY]), label, dir: io.cwd };
}

/** The config with the place of each input's "name" in `file`, whose config sits at `prefix`. */
function withNameLocations(config: CliConfig, file: string, text: string, prefix: JsonPath): CliConfig {
  const inputs = config.inputs?.map((input, i): ConfigInput => {
    const offset = input.name === undefined ? undefined : jsonValueOffset(text, [...prefix, "inputs", i, "name"]);
    return offset === undefined ? input : { ...input, nameLocation: locate(file, text, offset) };
  });
  return { ...config, inputs };
}
