// The names one generated file binds and exports, and the errors when two of them meet. No ts-morph
// here: generate() reads these records to derive the names a message may not take.

/** How a name came into a file, for error messages: `imported from ./runtime/soap.js`. */
export type NameOrigin = string;

/** Two uses of one name in a generated file: the output would not compile, so it is not printed. */
export class NameClashError extends Error {
  override readonly name = "NameClashError";

  constructor(
    readonly path: string,
    readonly identifier: string,
    readonly first: NameOrigin,
    readonly second: NameOrigin,
  ) {
    super(`${path}: "${identifier}" is ${first} and ${second}`);
  }
}

/** The local bindings (imports, declarations, globals used) and exported names of one file. */
export class FileNames {
  private readonly bound = new Map<string, NameOrigin>();
  private readonly exported = new Map<string, NameOrigin>();

  constructor(readonly path: string) {}

  /** Records a local binding; a second binding of the same name is a clash. */
  bind(identifier: string, origin: NameOrigin): void {
    const first = this.bound.get(identifier);
    if (first !== undefined) throw new NameClashError(this.path, identifier, first, origin);
    this.bound.set(identifier, origin);
  }

  /** Records an exported name; exporting one name twice is a clash. */
  export(identifier: string, origin: NameOrigin): void {
    const first = this.exported.get(identifier);
    if (first !== undefined) throw new NameClashError(this.path, identifier, first, origin);
    this.exported.set(identifier, origin);
  }

  /** Every name the file binds or exports, with where the first use came from. */
  all(): ReadonlyMap<string, NameOrigin> {
    return new Map([...this.exported, ...this.bound]);
  }
}
