/**
 * A Salesforce record, organization or notification id. Both the 15-character (case-sensitive)
 * and the 18-character (case-insensitive) forms occur on the wire, so no length is enforced.
 */
export type SalesforceId = string;

/** A message body: text, bytes, or the chunks the bytes arrived in (UTF-8, read as they come). */
export type MessageBody = string | Uint8Array | readonly Uint8Array[];

/** One or more items: a message always holds at least one notification. */
export type NonEmptyArray<T> = [T, ...T[]];

/**
 * Elements of an sObject that the WSDL does not declare, by local name (or `{namespace}name`
 * outside the sObject namespace), as raw text; `null` for `xsi:nil`. They appear when an admin
 * added a field to the outbound message and the package was not regenerated.
 */
export type UnknownFields = Record<string, string | null>;

/** What every sObject in an outbound message carries besides its declared fields. */
export interface SObjectBase {
  /** The record id (`sObject/Id`), not the notification id. */
  Id: SalesforceId;
  /** Names of fields set to null, from the base `sObject` type. Salesforce does not send it in practice. */
  fieldsToNull?: string[];
  /** Fields sent by Salesforce but absent from the WSDL; present only when there are some. */
  unknownFields?: UnknownFields;
}

/** One notification: its own id (the deduplication key) and the record's latest field values. */
export interface NotificationOf<S> {
  /** The notification id (`04l…`): the same on every redelivery. */
  Id: SalesforceId;
  sObject: S;
}

/** The body of one delivery: 1 to 100 notifications of one outbound message. */
export interface NotificationsOf<S> {
  OrganizationId: SalesforceId;
  ActionId: SalesforceId;
  /** Present when the outbound message is set to send a session id; `null` (`xsi:nil`) otherwise. */
  SessionId: string | null;
  EnterpriseUrl: string;
  PartnerUrl: string;
  Notification: NonEmptyArray<NotificationOf<S>>;
}

/** The `notificationsResponse` the endpoint returns. */
export interface NotificationsResponse {
  Ack: boolean;
}
