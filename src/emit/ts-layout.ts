import type { StatementStructures } from "ts-morph";
import { printStructure, StructureKind } from "./ts-morph.js";

// A module's text from its statement structures, printed once by ts-morph's structure printer.
// Adding the statements to a ts-morph source file one by one (addInterface, addFunction, …) lays
// them out the same way, but ts-morph re-parses the whole file after every call: that was a fifth
// of a generation's CPU time. The blank lines follow what those calls write (prettier keeps blank
// lines between statements, so they are part of the output): a statement follows the one before
// on the next line when both are imports, exports, type aliases or variable statements, and after
// a blank line otherwise.

/** Kinds whose consecutive statements ts-morph's add… calls write without a blank line between. */
const RUNS_TOGETHER: ReadonlySet<StructureKind> = new Set([
  StructureKind.ImportDeclaration,
  StructureKind.ExportDeclaration,
  StructureKind.TypeAlias,
  StructureKind.VariableStatement,
]);

/** The statements' source text, each ending with a newline. */
export function printStatements(statements: readonly StatementStructures[]): string {
  let text = "";
  let previous: StructureKind | undefined;
  for (const statement of statements) {
    if (previous !== undefined) text += previous === statement.kind && RUNS_TOGETHER.has(previous) ? "" : "\n";
    text += `${printStructure(statement)}\n`;
    previous = statement.kind;
  }
  return text;
}
