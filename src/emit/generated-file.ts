/** One output file: a path relative to the output directory (always `/`-separated) and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}
