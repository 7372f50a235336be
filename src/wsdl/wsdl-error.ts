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

/** Turns a character offset into a line and column. Lines end at LF, CRLF or a lone CR, as XML counts them. */
export function locate(file: string, text: string, offset: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}
