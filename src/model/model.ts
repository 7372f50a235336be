import type { SourceLocation } from "../wsdl/wsdl-error.js";
import type { ValueForm } from "./value-kinds.js";

/** The kind of a field's value; `VALUE_KINDS` (value-kinds.ts) says how each is typed, read and documented. */
export type ValueKind =
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
  /** An XSD type the generator does not know: kept as text (with a warning). */
  | "unknown";

/** The `--datetime` modes: xsd:dateTime as a `Date` (the default) or as its ISO string. */
export const DATE_TIME_MODES = ["date", "string"] as const;

/** `--datetime`: xsd:dateTime as a `Date` (default) or as its ISO string. */
export type DateTimeMode = (typeof DATE_TIME_MODES)[number];

/** One field the outbound message sends, as the WSDL declares it. */
export interface FieldModel {
  /** The API name, verbatim (`gwestr__Rush__c`). Never renamed: it is the element name on the wire. */
  readonly name: string;
  /** The XSD type for people: `xsd:double`, `ent:ID`, whatever prefixes the file used. */
  readonly xsdType: string;
  readonly valueKind: ValueKind;
  /** Its TypeScript type and runtime reader, for the package's `--datetime` mode. */
  readonly value: ValueForm;
  readonly nillable: boolean;
  readonly minOccurs: number;
  readonly location: SourceLocation;
}

/** Everything the emitters need about one outbound message. Built from one WSDL, never mutated. */
export interface OutboundMessageModel {
  /** The WSDL's file name (no directories, so output does not depend on where it was read from). */
  readonly sourceFile: string;
  /** The WSDL text, served back on `GET ?wsdl`. */
  readonly sourceText: string;
  /** The sObject API name, verbatim (`Account`, `i360__Appointment__c`). */
  readonly objectName: string;
  /** The WSDL's notification complexType name (`AccountNotification`). */
  readonly notificationTypeName: string;
  /** TypeScript names of the generated types: given by generate(), which sees every message of the package. */
  readonly typeNames: TypeNames;
  /** The selected fields in WSDL order; `Id` and `fieldsToNull` come from the base sObject. */
  readonly fields: readonly FieldModel[];
  /** `soap:address/@location`: where the admin pointed the outbound message. */
  readonly endpoint: string | undefined;
  readonly dateTime: DateTimeMode;
}

/** A message as read from its WSDL, before generate() named it among the package's other messages. */
export type UnnamedMessageModel = Omit<OutboundMessageModel, "typeNames">;

export interface TypeNames {
  /** The sObject interface (`Account`). */
  readonly sObject: string;
  /** One notification (`AccountNotification`). */
  readonly notification: string;
  /** The whole `notifications` request (`AccountNotifications`). */
  readonly notifications: string;
  /** The options of its handler (`AccountHandlerOptions`). */
  readonly handlerOptions: string;
  /** A delivery for the test kit to build (`AccountNotificationsInput`, in `testing.ts`). */
  readonly notificationsInput: string;
}

/** A problem that does not stop generation, e.g. an XSD type mapped to string. */
export interface Diagnostic {
  readonly severity: "warning";
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
}
