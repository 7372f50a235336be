/** Code-point order: the same on every machine, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One output file: a path relative to the output directory (always `/`-separated) and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}
