import type { ErrorSink } from "./char-data.js";
import { quoteValue } from "./errors.js";
import type { TextWindow } from "./text-window.js";

/** What follows `<?xml`: version, then optional encoding and standalone, in that order (XML 1.0 [23]). */
const XML_DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

/** Reads `<?xml …?>` at the start of the document; only UTF-8 (and US-ASCII) may be declared. */
export function readXmlDeclaration(w: TextWindow, errors: ErrorSink): void {
  const end = w.find("?>", 0);
  if (end < 0) errors.failAtEnd("MALFORMED_XML", "the XML declaration is not closed", 0);
  const declaration = w.src.slice(5, end);
  if (!/^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1/.test(declaration)) {
    errors.failAt("MALFORMED_XML", "the XML declaration has no valid version", 0);
  }
  const parts = XML_DECLARATION.exec(declaration);
  if (parts === null) return errors.failAt("MALFORMED_XML", "the XML declaration is malformed", 0);
  const encoding = parts[1] ?? parts[2];
  // Bytes are decoded as UTF-8, and a string came from bytes: one rule for both, so that a
  // message gets one verdict however it is passed in (a string is not trusted to be re-decoded).
  if (encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
    errors.failAt("INVALID_ENCODING", `encoding ${quoteValue(encoding)} is not supported; send UTF-8`, 0);
  }
  w.pos = end + 2;
}
