import { isIdentifierName } from "../model/names.js";

// How names and values are written in generated TypeScript: quoting rules in one place.

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
