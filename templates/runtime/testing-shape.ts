import type { SObjectBase } from "./types.js";

// What the test kit needs to know about one outbound message; each package declares its own in
// `testing.ts`. The kinds are the generator's value kinds (src/model/model.ts).

/** How a field's value is written and sampled: the XSD type behind it. */
export type FieldKind =
  | "string"
  | "id"
  | "double"
  | "int"
  | "long"
  | "boolean"
  | "date"
  | "dateTime"
  | "time"
  | "base64Binary"
  | "unknown";

/** One field of the sObject: its API name (the element name) and kind. */
export type FieldShape = readonly [name: string, kind: FieldKind];

/** The sObject of one outbound message as the WSDL declares it. */
export interface MessageShape {
  /** The object's API name, written as `xsi:type="sf:«objectName»"`. */
  readonly objectName: string;
  /** Key prefix of the object's record ids (`006` for Opportunity). */
  readonly keyPrefix: string;
  /** How the package types xsd:dateTime: as `Date` or as its ISO string. */
  readonly dateTime: "date" | "string";
  /** The fields in WSDL order, which is the order they are written in. */
  readonly fields: readonly FieldShape[];
}

/** Some fields of a record; `undefined` is the same as leaving the field out. */
export type PartialRecord<S> = { [K in keyof S]?: S[K] | undefined };

/** A notification to build: every part may be left out and gets a realistic default. */
export interface NotificationInput<S extends SObjectBase> {
  /** Default: a `04l…` id numbered by the notification's position. */
  readonly Id?: string;
  /** Default: a record with only its `Id`. */
  readonly sObject?: PartialRecord<S>;
}

/** The request to build, typed by the package's own sObject: a misspelt field does not compile. */
export interface NotificationsInput<S extends SObjectBase> {
  /** Default: a `00D…` id. Every value given is written as it is. */
  readonly OrganizationId?: string;
  /** Default: a `04k…` id. */
  readonly ActionId?: string;
  /** Default null, sent as `xsi:nil="true"` as when the message sends no session id. */
  readonly SessionId?: string | null;
  readonly EnterpriseUrl?: string;
  readonly PartnerUrl?: string;
  /** Default: one notification. At most 100, like a real delivery. */
  readonly Notification?: readonly NotificationInput<S>[];
}

/** Options of `sampleNotifications`. */
export interface SampleOptions {
  /** Notifications in the message, 1 to 100 (default 1). */
  readonly count?: number;
  /** The same seed gives the same message, byte for byte (default 1). */
  readonly seed?: number;
  /**
   * Share of fields without a value, 0 to 1 (default 0). Half of them are left out, as Salesforce
   * does, the other half sent as `xsi:nil="true"`, which the schema also allows.
   */
  readonly nullRate?: number;
  /** Position of the first notification, to continue a numbering across messages (default 0). */
  readonly first?: number;
  /** The sending org; default one derived from the seed. */
  readonly organizationId?: string;
}
