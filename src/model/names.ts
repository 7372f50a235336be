import type { TypeNames } from "./model.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield any boolean number string symbol " +
    "never unknown object undefined type of await async"
  ).split(" "),
);

/**
 * The members of `Object.prototype` (ECMAScript §20.1.3 and Annex B.2.2). A record field with one
 * of these names would read the inherited member on an ordinary object.
 */
const OBJECT_PROTOTYPE_MEMBERS: ReadonlySet<string> = new Set([
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/** True when `name` is a member of `Object.prototype`, so a record with such a field needs no prototype. */
export function isObjectPrototypeMember(name: string): boolean {
  return OBJECT_PROTOTYPE_MEMBERS.has(name);
}

/**
 * True when the sObject records of these fields are made without a prototype: a field named like
 * a member of Object.prototype would otherwise read the inherited one (the parser makes them so,
 * and the inbox's reviver must too).
 */
export function recordsWithoutPrototype(fields: readonly { readonly name: string }[]): boolean {
  return fields.some((field) => isObjectPrototypeMember(field.name));
}

/** True when `name` can be written as a property key without quotes. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A TypeScript type name for a Salesforce API name: kept verbatim when it is a usable identifier
 * (`gwestr__Shipment__c`), otherwise made one (`${name}SObject` for a reserved word).
 */
export function typeNameFor(apiName: string): string {
  let name = apiName.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!/^[A-Za-z_$]/.test(name)) name = `_${name}`;
  if (RESERVED_WORDS.has(name)) name = `${name}SObject`;
  return name;
}

/** The generated type names of an outbound message whose base name is `base`. */
export function typeNamesFor(base: string): TypeNames {
  return {
    sObject: base,
    notification: `${base}Notification`,
    notifications: `${base}Notifications`,
    handlerOptions: `${base}HandlerOptions`,
    notificationsInput: `${base}NotificationsInput`,
  };
}

/** `paustint-account-83fields.wsdl` → `PaustintAccount83fields`: a type name from a file name. */
export function nameFromFile(fileName: string): string {
  const words = fileName
    .replace(/\.(wsdl|xml)$/gi, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  return typeNameFor(words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("") || "Message");
}

/** One outbound message to be named: its object, its file and the name asked for (`--name`). */
export interface NameRequest {
  readonly objectName: string;
  readonly fileName: string;
  readonly requested: string | undefined;
}

/**
 * Names the generated code takes itself, each with where it uses it (`src/index.ts: re-exported
 * from ./response.js`); emit derives them from what the generated files declare and import.
 */
export type TakenNames = ReadonlyMap<string, string>;

/** The first of a message's generated names (`X`, `XNotification`, …) that the generated code takes itself. */
function takenName(base: string, taken: TakenNames): string | undefined {
  return Object.values(typeNamesFor(base)).find((name) => taken.has(name));
}

/** How names were given: the names, or why they could not be. */
export type NameAssignment =
  | { readonly names: string[] }
  /** Messages `collision` would get the same name (or `names` that differ only in case). */
  | { readonly collision: readonly [number, number]; readonly names: readonly [string, string] }
  /** Message `index` asked for a name the generated code uses itself. */
  | { readonly taken: { readonly index: number; readonly name: string; readonly use: string } };

/**
 * Base names for several outbound messages, distinct from each other and from the names the
 * generated code takes: the name asked for, else the object's name, else (when two messages share
 * an object) one derived from the file name. A derived name the code takes is moved aside
 * (`RouteSObject`); a name asked for is refused.
 */
export function assignNames(requests: readonly NameRequest[], taken: TakenNames): NameAssignment {
  const byObject = new Map<string, number>();
  for (const request of requests) byObject.set(request.objectName, (byObject.get(request.objectName) ?? 0) + 1);
  for (const [index, request] of requests.entries()) {
    const name = request.requested === undefined ? undefined : takenName(request.requested, taken);
    if (name !== undefined) return { taken: { index, name, use: taken.get(name) as string } };
  }
  const names = requests.map((request) => {
    if (request.requested !== undefined) return request.requested;
    let name =
      byObject.get(request.objectName) === 1 ? typeNameFor(request.objectName) : nameFromFile(request.fileName);
    if (isPackageFileName(name)) name = `${name}Message`;
    while (takenName(name, taken) !== undefined) name = `${name}SObject`;
    return name;
  });
  // Compared without case: the names become directories, and some file systems ignore case.
  const folded = names.map((name) => name.toLowerCase());
  for (let i = 0; i < folded.length; i++) {
    const j = folded.indexOf(folded[i] as string, i + 1);
    if (j >= 0) return { collision: [i, j], names: [names[i] as string, names[j] as string] };
  }
  return { names };
}

/** Directory and file names a package of several messages uses beside the messages' directories. */
const PACKAGE_FILES = new Set(["runtime", "router", "index"]);

/** True when `name` would clash with the package's own directories (case-insensitively). */
export function isPackageFileName(name: string): boolean {
  return PACKAGE_FILES.has(name.toLowerCase());
}

/**
 * Why a name asked for (`--name`) cannot be used as it is, or undefined when it can: the output must
 * not silently differ from the request. (Whether the generated code takes it itself is known only
 * to generate().)
 */
export function moduleNameProblem(name: string): string | undefined {
  if (typeNameFor(name) !== name) {
    // An identifier that is still refused is a keyword or a built-in name (class, enum, undefined, …).
    const why = /^[A-Za-z_$][\w$]*$/.test(name) ? "it is reserved (a keyword or a built-in name): use another" : "use a TypeScript identifier";
    return `"${name}" cannot name an outbound message: ${why} such as ${typeNameFor(name)}`;
  }
  if (isPackageFileName(name)) return `"${name}" cannot name an outbound message: the package uses that name itself`;
  return undefined;
}
