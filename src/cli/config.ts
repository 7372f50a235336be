import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { DateTimeMode } from "../model/model.js";
import { checkModuleName } from "../model/names.js";
import { locate } from "../wsdl/wsdl-error.js";
import { UsageError, type CliIo } from "./io.js";
import { findJsonSyntaxError } from "./json-syntax.js";

/** One WSDL of the config, with the name its outbound message gets (`--name`). */
export interface ConfigInput {
  readonly wsdl: string;
  readonly name?: string | undefined;
}

/** What `wsdl-to-ts.config.json` (or package.json's "wsdl-to-ts" key) may set. Paths are relative to that file. */
export interface CliConfig {
  readonly inputs?: readonly ConfigInput[] | undefined;
  readonly out?: string | undefined;
  readonly datetime?: DateTimeMode | undefined;
  readonly packageName?: string | undefined;
  readonly packageVersion?: string | undefined;
}

export const CONFIG_FILE = "wsdl-to-ts.config.json";
export const PACKAGE_KEY = "wsdl-to-ts";

/** npm's rules for a package name: lower case, URL-safe, optional scope, at most 214 characters. */
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
/** Semantic versioning 2.0.0. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isPackageName(value: string): boolean {
  return value.length <= 214 && PACKAGE_NAME.test(value);
}

export function isVersion(value: string): boolean {
  return SEMVER.test(value);
}

type Check = (value: unknown, path: string) => string | undefined;

const nonEmptyString: Check = (value, path) =>
  typeof value === "string" && value !== "" ? undefined : `"${path}" must be a non-empty string, got ${JSON.stringify(value)}`;

const moduleName: Check = (value, path) => {
  const problem = nonEmptyString(value, path);
  if (problem !== undefined) return problem;
  try {
    checkModuleName(value as string);
    return undefined;
  } catch (error) {
    return `"${path}": ${(error as Error).message}`;
  }
};

/** The options of the config, each with its check: one table drives validation and its messages. */
const OPTIONS: Record<keyof CliConfig, Check> = {
  inputs: (value, path) => {
    if (!Array.isArray(value) || value.length === 0) {
      return `"${path}" must be a non-empty list of WSDL paths or { "wsdl": path, "name": name } objects`;
    }
    for (const [i, item] of value.entries()) {
      const at = `${path}[${i}]`;
      if (typeof item === "string") {
        const problem = nonEmptyString(item, at);
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
      const problem = nonEmptyString(entry["wsdl"], `${at}.wsdl`) ?? (entry["name"] === undefined ? undefined : moduleName(entry["name"], `${at}.name`));
      if (problem !== undefined) return problem;
    }
    return undefined;
  },
  out: nonEmptyString,
  datetime: (value, path) =>
    value === "date" || value === "string" ? undefined : `"${path}" must be one of "date", "string", got ${JSON.stringify(value)}`,
  packageName: (value, path) =>
    typeof value === "string" && isPackageName(value)
      ? undefined
      : `"${path}" must be a valid npm package name (lower case, optionally @scope/name), got ${JSON.stringify(value)}`,
  packageVersion: (value, path) =>
    typeof value === "string" && isVersion(value)
      ? undefined
      : `"${path}" must be a semantic version such as 1.0.0, got ${JSON.stringify(value)}`,
};

/** Checks a parsed config; the first problem becomes a UsageError naming the file and the option path. */
export function validateConfig(value: unknown, label: string): CliConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${label}: the configuration must be a JSON object`);
  }
  const allowed = Object.keys(OPTIONS).join(", ");
  for (const [key, option] of Object.entries(value)) {
    const check = (OPTIONS as Record<string, Check>)[key];
    if (check === undefined) throw new UsageError(`${label}: unknown option "${key}"; allowed: ${allowed}`);
    const problem = check(option, key);
    if (problem !== undefined) throw new UsageError(`${label}: ${problem}`);
  }
  const config = value as Record<string, unknown>;
  const inputs = config["inputs"] as readonly (string | ConfigInput)[] | undefined;
  return {
    ...(config as CliConfig),
    inputs: inputs?.map((item) => (typeof item === "string" ? { wsdl: item } : item)),
  };
}

/** A config found on disk, its label for messages and the directory its paths are relative to. */
export interface LoadedConfig {
  readonly config: CliConfig;
  readonly label: string;
  readonly dir: string;
}

function readJson(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`cannot read ${label}: no such file`);
    throw new UsageError(`cannot read ${label}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
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
    return { config: validateConfig(readJson(path, label), label), label, dir: dirname(path) };
  }
  const manifest = resolve(io.cwd, "package.json");
  if (!existsSync(manifest)) return undefined;
  const section = (readJson(manifest, "package.json") as Record<string, unknown> | null)?.[PACKAGE_KEY];
  if (section === undefined) return undefined;
  const label = `package.json "${PACKAGE_KEY}"`;
  return { config: validateConfig(section, label), label, dir: io.cwd };
}
