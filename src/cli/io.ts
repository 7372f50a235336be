import { formatLocation, type SourceLocation } from "../wsdl/wsdl-error.js";

/** Where the CLI writes and which directory relative paths start from; injectable for tests. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborted on Ctrl-C during `send`: it stops waiting for retries and prints its summary. */
  readonly interrupt?: AbortSignal;
  /**
   * The folder of V8's code cache of the generator's bundles (src/emit/code-cache.ts); none when
   * absent. The installed command passes the tool's own `.code-cache` folder.
   */
  readonly codeCacheDir?: string | undefined;
}

/** Exit codes: the contract with CI scripts. */
export const EXIT_OK = 0;
/** `--check` found output that is not up to date. */
export const EXIT_STALE = 1;
/** Bad input or usage: a WSDL the generator refuses, a missing file, an unknown flag. */
export const EXIT_USAGE = 2;
/** A bug in wsdl-to-ts itself. */
export const EXIT_INTERNAL = 3;

/** Stable codes of the usage errors that scripts may match on; older usage errors have none. */
export type UsageErrorCode =
  | "OUT_NOT_GENERATED"
  | "OUT_FILE_NOT_GENERATED"
  | "OUT_NOT_A_FOLDER"
  | "OUT_READ_FAILED"
  | "OUT_WRITE_FAILED"
  | "CONFIG_INVALID_JSON"
  | "INPUT_NOT_UTF8"
  /** Command lines the argument parser refuses (see commander-errors.ts). */
  | "USAGE_UNKNOWN_OPTION"
  | "USAGE_MISSING_ARGUMENT"
  | "USAGE_MISSING_OPTION_VALUE"
  | "USAGE_MISSING_OPTION"
  | "USAGE_TOO_MANY_ARGUMENTS"
  | "USAGE_INVALID";

/**
 * An error the CLI reports as one line and exits with `EXIT_USAGE`: `file:line:col: error CODE: message`
 * for a place in an input file, `wsdl-to-ts: error CODE: message`, or `wsdl-to-ts: message` without a code.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code: UsageErrorCode | undefined;
  readonly location: SourceLocation | undefined;

  constructor(message: string, code?: UsageErrorCode, location?: SourceLocation) {
    super(message);
    this.code = code;
    this.location = location;
  }

  /** The line the CLI prints. */
  report(): string {
    if (this.code === undefined) return `wsdl-to-ts: ${this.message}`;
    return `${this.location === undefined ? "wsdl-to-ts" : formatLocation(this.location)}: error ${this.code}: ${this.message}`;
  }
}
