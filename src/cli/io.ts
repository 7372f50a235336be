/** Where the CLI writes and which directory relative paths start from; injectable for tests. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes: the contract with CI scripts. */
export const EXIT_OK = 0;
/** `--check` found output that is not up to date. */
export const EXIT_STALE = 1;
/** Bad input or usage: a WSDL the generator refuses, a missing file, an unknown flag. */
export const EXIT_USAGE = 2;
/** A bug in wsdl-to-ts itself. */
export const EXIT_INTERNAL = 3;

/** An error the CLI reports as one line and exits with `EXIT_USAGE`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
