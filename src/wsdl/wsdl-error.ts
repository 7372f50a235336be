import { endsLine } from "../runtime/xml-chars.js";

/** A place in an input file: 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Stable codes for WSDLs the generator refuses; tests and scripts match on them. */
export type WsdlErrorCode =
  | "WSDL_MALFORMED_XML"
  | "WSDL_DOCTYPE"
  | "WSDL_NOT_A_WSDL"
  | "WSDL_NO_NOTIFICATIONS"
  | "WSDL_UNRESOLVED_TYPE"
  | "WSDL_UNSUPPORTED"
  | "WSDL_DUPLICATE_DEFINITION"
  | "WSDL_DUPLICATE_FIELD"
  | "WSDL_NAME_COLLISION";

/** Formats a location the way compilers do, so editors and CI annotate the line. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A WSDL the generator cannot turn into a package; its message starts with `file:line:col`. */
export class WsdlError extends Error {
  override readonly name = "WsdlError";
  readonly code: WsdlErrorCode;
  readonly location: SourceLocation;
  /** The message without location and code. */
  readonly detail: string;

  constructor(code: WsdlErrorCode, detail: string, location: SourceLocation) {
    super(`${formatLocation(location)}: error ${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.location = location;
  }
}

/** Offsets where lines start, by the XML rule the runtime's reader counts lines with. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (endsLine(text, i)) starts.push(i + 1);
  return starts;
}

/** Turns a character offset into a line and column, given the text's `lineStarts` (binary search). */
export function locateIn(file: string, starts: readonly number[], offset: number): SourceLocation {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { file, line: low + 1, column: offset - (starts[low] as number) + 1 };
}

/** Turns a character offset into a line and column (one-off; use lineStarts/locateIn for many). */
export function locate(file: string, text: string, offset: number): SourceLocation {
  return locateIn(file, lineStarts(text), offset);
}
