import type { SourceLocation } from "../wsdl/wsdl-error.js";

/** How a field's text is read: one runtime reader per kind. */
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

/** The TypeScript type of a field's value (before `| null`). */
export type TsType = "string" | "SalesforceId" | "number" | "boolean" | "Date";

/** `--datetime`: xsd:dateTime as a `Date` (default) or as its ISO string. */
export type DateTimeMode = "date" | "string";

/** One field the outbound message sends, as the WSDL declares it. */
export interface FieldModel {
  readonly kind: "field";
  /** The API name, verbatim (`gwestr__Rush__c`). Never renamed: it is the element name on the wire. */
  readonly name: string;
  /** The XSD type for people: `xsd:double`, `ent:ID`, whatever prefixes the file used. */
  readonly xsdType: string;
  readonly valueKind: ValueKind;
  readonly tsType: TsType;
  readonly nillable: boolean;
  readonly minOccurs: number;
  readonly location: SourceLocation;
}

/** Everything the emitters need about one outbound message. Built from one WSDL, never mutated. */
export interface OutboundMessageModel {
  readonly kind: "outboundMessage";
  /** The WSDL's file name (no directories, so output does not depend on where it was read from). */
  readonly sourceFile: string;
  /** The WSDL text, served back on `GET ?wsdl`. */
  readonly sourceText: string;
  /** The sObject API name, verbatim (`Account`, `i360__Appointment__c`). */
  readonly objectName: string;
  /** The WSDL's notification complexType name (`AccountNotification`). */
  readonly notificationTypeName: string;
  /** TypeScript names of the generated types. */
  readonly typeNames: TypeNames;
  /** The selected fields in WSDL order; `Id` and `fieldsToNull` come from the base sObject. */
  readonly fields: readonly FieldModel[];
  /** `soap:address/@location`: where the admin pointed the outbound message. */
  readonly endpoint: string | undefined;
  readonly dateTime: DateTimeMode;
}

export interface TypeNames {
  /** The sObject interface (`Account`). */
  readonly sObject: string;
  /** One notification (`AccountNotification`). */
  readonly notification: string;
  /** The whole `notifications` request (`AccountNotifications`). */
  readonly notifications: string;
  /** The options of its handler (`AccountHandlerOptions`). */
  readonly handlerOptions: string;
}

/** A problem that does not stop generation, e.g. an XSD type mapped to string. */
export interface Diagnostic {
  readonly severity: "warning";
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
}
