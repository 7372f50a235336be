import type { CommanderError } from "commander";
import { UsageError, type UsageErrorCode } from "./io.js";

// Commander refuses some command lines itself (an unknown flag, a missing argument). Those are
// usage errors like ours: the same one-line format and a stable code, never commander's own text.

/** Commander's error codes for the command lines it refuses, and ours for each. */
const CODES: Readonly<Record<string, UsageErrorCode>> = {
  "commander.unknownOption": "USAGE_UNKNOWN_OPTION",
  "commander.missingArgument": "USAGE_MISSING_ARGUMENT",
  "commander.optionMissingArgument": "USAGE_MISSING_OPTION_VALUE",
  "commander.missingMandatoryOptionValue": "USAGE_MISSING_OPTION",
  "commander.excessArguments": "USAGE_TOO_MANY_ARGUMENTS",
};

/**
 * The usage error for a command line commander refused: its text without the `error: ` prefix,
 * and its suggestion (`(Did you mean --out?)`, on a line of its own) on the same line.
 */
export function usageErrorOf(error: CommanderError): UsageError {
  const text = error.message
    .replace(/^error: /, "")
    .replace(/\s*\n\(Did you mean (.*)\?\)\s*$/, " (did you mean $1?)")
    .trim();
  return new UsageError(text, CODES[error.code] ?? "USAGE_INVALID");
}
