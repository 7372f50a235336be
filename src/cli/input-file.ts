import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { editDistance } from "../runtime/option-names.js";
import { locate } from "../wsdl/wsdl-error.js";
import { UsageError, type CliIo } from "./io.js";

// Reading the files the commands are given (WSDLs, `send --file`): one line for every way it fails.

/**
 * The text of UTF-8 bytes; a UTF-16 file (Notepad's "Unicode") or any invalid byte is refused at its
 * place, rather than replaced by U+FFFD and then reported as malformed XML (or embedded as such).
 */
function utf8Text(path: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError("the file is UTF-16; save it as UTF-8 (as Salesforce's WSDL download is)", "INPUT_NOT_UTF8", { file: path, line: 1, column: 1 });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    throw new UsageError("the file is not UTF-8: save it as UTF-8", "INPUT_NOT_UTF8", locate(path, text, text.indexOf("\uFFFD")));
  }
}

/**
 * The text of an input file (a WSDL, a `--file` message): read as strict UTF-8, every failure a
 * UsageError. `commands` are the CLI's, for "did you mean" when a misspelt one arrived as the
 * default command's WSDL.
 */
export function readInput(io: CliIo, path: string, commands: readonly string[] = []): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder, not a file" : (error as Error).message;
    const command = /^[a-z]+$/.test(path) && code === "ENOENT" ? commands.find((name) => editDistance(path, name) <= Math.min(2, Math.floor(name.length / 3))) : undefined;
    throw new UsageError(`cannot read ${path}: ${reason}${command === undefined ? "" : ` (did you mean the command ${command}?)`}`);
  }
  return utf8Text(path, bytes);
}
