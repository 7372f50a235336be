import { isDeepStrictEqual } from "node:util";
import { canonicalValue, type Canonical } from "./coercion.js";
import type { FieldKind, SObjectSchema } from "./wsdl-fields.js";

// One representation every contender's output is converted to, so the bench can assert that all
// of them (ours, node-soap, fast-xml-parser + coercion, the regex floor) read the same values as
// the message generator wrote. A faster parser that drops or mistypes a field would be no result.

export interface CanonicalNotification {
  readonly Id: string;
  /** Field name → value; fields left out of the message are absent. */
  readonly sObject: Readonly<Record<string, Canonical>>;
}

export interface CanonicalMessage {
  readonly OrganizationId: string;
  readonly ActionId: string;
  readonly SessionId: string | null;
  readonly EnterpriseUrl: string;
  readonly PartnerUrl: string;
  readonly Notification: readonly CanonicalNotification[];
}

/** Keys a contender adds that are not fields: node-soap's and fast-xml-parser's attribute holders. */
export interface CanonicalizeOptions {
  readonly ignoreKeys?: ReadonlySet<string>;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : `<unexpected ${JSON.stringify(value)}>`;
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/**
 * Canonicalises a parsed message shaped like the WSDL (`{ OrganizationId, …, Notification: [{ Id,
 * sObject }] }`), which is what every contender returns once its envelope is unwrapped.
 */
export function canonicalMessage(
  schema: SObjectSchema,
  message: unknown,
  options: CanonicalizeOptions = {},
): CanonicalMessage {
  const kinds = new Map<string, FieldKind>([["Id", "ID"], ...schema.fields.map((f) => [f.name, f.kind] as const)]);
  const m = record(message);
  const list = m["Notification"];
  const notifications = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return {
    OrganizationId: text(m["OrganizationId"]) ?? "<missing>",
    ActionId: text(m["ActionId"]) ?? "<missing>",
    SessionId: text(m["SessionId"]),
    EnterpriseUrl: text(m["EnterpriseUrl"]) ?? "<missing>",
    PartnerUrl: text(m["PartnerUrl"]) ?? "<missing>",
    Notification: notifications.map((n: unknown) => {
      const notification = record(n);
      const sObject: Record<string, Canonical> = {};
      for (const [key, value] of Object.entries(record(notification["sObject"]))) {
        if (options.ignoreKeys?.has(key) === true) continue;
        // An unknown key is kept as text: it then fails the comparison, as it should.
        sObject[key] = canonicalValue(kinds.get(key) ?? "string", value);
      }
      return { Id: text(notification["Id"]) ?? "<missing>", sObject };
    }),
  };
}

/** The first path where two canonical values differ, for an error message a human can act on. */
function firstDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(actual, expected)) return undefined;
  if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      const found = firstDifference(a[key], e[key], `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

/** Throws unless `actual` equals the expected canonical message exactly. */
export function assertSameValues(contender: string, actual: CanonicalMessage, expected: CanonicalMessage): void {
  const difference = firstDifference(actual, expected, "message");
  if (difference !== undefined) {
    throw new Error(`${contender} does not read the same values as the message holds: ${difference}`);
  }
}
