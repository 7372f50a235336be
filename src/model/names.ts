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
 * Names the generated modules import or use; a type with one of these names would shadow them.
 * (Salesforce has objects called `Document`, `Location` and `Event`: those shadow only DOM
 * globals the generated code never uses, so they keep their names.)
 */
const TAKEN_BY_GENERATED_CODE = new Set([
  "Date",
  "Record",
  "Map",
  "ReadonlyMap",
  "Partial",
  "SalesforceId",
  "NonEmptyArray",
  "SObjectBase",
  "UnknownFields",
  "NotificationsResponse",
  "SObjectDecoder",
  "XmlReader",
]);

/** True when `name` can be written as a property key without quotes. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A TypeScript type name for a Salesforce API name: kept verbatim when it is a usable identifier
 * (`gwestr__Shipment__c`), otherwise made one, and moved aside when it would shadow a name the
 * generated code needs.
 */
export function typeNameFor(apiName: string): string {
  let name = apiName.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!/^[A-Za-z_$]/.test(name)) name = `_${name}`;
  if (RESERVED_WORDS.has(name) || TAKEN_BY_GENERATED_CODE.has(name)) name = `${name}SObject`;
  return name;
}

/** The generated type names of an outbound message whose base name is `base`. */
export function typeNamesFor(base: string): { sObject: string; notification: string; notifications: string } {
  return { sObject: base, notification: `${base}Notification`, notifications: `${base}Notifications` };
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
 * Base names for several outbound messages, distinct from each other: the name asked for, else the
 * object's name, else (when two messages share an object) one derived from the file name.
 * Returns the names, or the index pair that still collides.
 */
export function assignNames(requests: readonly NameRequest[]): { names: string[] } | { collision: [number, number] } {
  const byObject = new Map<string, number>();
  for (const request of requests) byObject.set(request.objectName, (byObject.get(request.objectName) ?? 0) + 1);
  const names = requests.map(
    (request) =>
      request.requested ??
      clearOfPackageFiles(byObject.get(request.objectName) === 1 ? typeNameFor(request.objectName) : nameFromFile(request.fileName)),
  );
  // Compared without case: the names become directories, and some file systems ignore case.
  const folded = names.map((name) => name.toLowerCase());
  for (let i = 0; i < folded.length; i++) {
    const j = folded.indexOf(folded[i] as string, i + 1);
    if (j >= 0) return { collision: [i, j] };
  }
  return { names };
}

/** Directory and file names a package of several messages uses beside the messages' directories. */
const PACKAGE_FILES = new Set(["runtime", "router", "index"]);

/** True when `name` would clash with the package's own directories (case-insensitively). */
export function isPackageFileName(name: string): boolean {
  return PACKAGE_FILES.has(name.toLowerCase());
}

function clearOfPackageFiles(name: string): string {
  return isPackageFileName(name) ? `${name}Message` : name;
}

/**
 * Why a name asked for (`--name`) cannot be used as it is, or undefined when it can: the output must
 * not silently differ from the request.
 */
export function moduleNameProblem(name: string): string | undefined {
  if (typeNameFor(name) !== name) return `"${name}" cannot name an outbound message: use a TypeScript identifier such as ${typeNameFor(name)}`;
  if (isPackageFileName(name)) return `"${name}" cannot name an outbound message: the package uses that name itself`;
  return undefined;
}
