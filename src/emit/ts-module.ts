import { Project, VariableDeclarationKind, type SourceFile } from "./ts-morph.js";
import { isIdentifierName } from "../model/names.js";
import { formatTypeScript } from "./format.js";
import { compare } from "./generated-file.js";

// The house API over ts-morph: every emitter builds code through these helpers, so quoting,
// JSDoc and import rules live in one place and ts-morph stays inside src/emit.

/** One generated TypeScript module under construction. */
export interface TsModule {
  readonly file: SourceFile;
  readonly path: string;
}

/** Creates modules in memory; one per generate() call, so nothing is shared between runs. */
export class ModuleFactory {
  private readonly project = new Project({ useInMemoryFileSystem: true });
  private count = 0;

  create(path: string): TsModule {
    // A unique in-memory name per module: paths repeat across outbound messages of one package.
    const file = this.project.createSourceFile(`/m${this.count++}.ts`, "");
    return { file, path };
  }
}

/** A property name as it must be written in a type or object literal. */
export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

/** `object.name`, or `object["name"]` when the name is not an identifier. */
export function propertyAccess(object: string, name: string): string {
  return isIdentifierName(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** A string literal for generated code. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

export function importValues(module: TsModule, from: string, names: readonly string[]): void {
  module.file.addImportDeclaration({ moduleSpecifier: from, namedImports: [...names].sort() });
}

export function importTypes(module: TsModule, from: string, names: readonly string[]): void {
  module.file.addImportDeclaration({ moduleSpecifier: from, namedImports: [...names].sort(), isTypeOnly: true });
}

/** `export { … } from "…"`; type-only names are marked so the file works under verbatimModuleSyntax. */
export function reexport(
  module: TsModule,
  from: string,
  values: readonly string[],
  types: readonly string[] = [],
): void {
  const names = [...values.map((name) => ({ name })), ...types.map((name) => ({ name, isTypeOnly: true }))];
  if (values.length === 0) {
    module.file.addExportDeclaration({ moduleSpecifier: from, namedExports: [...types].sort(), isTypeOnly: true });
  } else {
    module.file.addExportDeclaration({ moduleSpecifier: from, namedExports: names.sort((a, b) => compare(a.name, b.name)) });
  }
}

export function exportConst(module: TsModule, name: string, type: string, initializer: string, docs?: string): void {
  module.file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, type, initializer }],
    ...(docs === undefined ? {} : { docs: [docs] }),
  });
}

/** The formatted text of a module, after its header comment. */
export async function printModule(module: TsModule, header: string): Promise<string> {
  return formatTypeScript(`${header}\n${module.file.getFullText()}`);
}
