import { OUTBOUND_NS, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, SOBJECT_NS, XSI_NS } from "./namespaces.js";
import { quoteValue } from "./errors.js";
import type { MessageBody, NonEmptyArray, NotificationOf, NotificationsOf, SalesforceId } from "./types.js";
import { readString } from "./values.js";
import { XmlReader } from "./xml-reader.js";

/** The WSDL's `maxOccurs` on `Notification`. */
export const MAX_NOTIFICATIONS = 100;

/** Decodes the children of one `sObject` element into a typed record. Generated per WSDL. */
export interface SObjectDecoder<S> {
  /** The object's API name, as in `xsi:type="sf:Account"`. */
  readonly objectName: string;
  decode(r: XmlReader): S;
}

/**
 * Picks the decoder for a message once its first `sObject` is reached: by the object named in
 * `xsi:type` (undefined when absent) and the message's ActionId. A package generated from one
 * WSDL accepts one object; a package generated from several routes on both.
 */
export type DecoderSelector<S> = (
  objectName: string | undefined,
  actionId: string | undefined,
  r: XmlReader,
) => SObjectDecoder<S>;

/** A selector that accepts exactly one object type. */
export function expectObject<S>(decoder: SObjectDecoder<S>): DecoderSelector<S> {
  return (objectName, _actionId, r) => {
    if (objectName !== undefined && objectName !== decoder.objectName) {
      r.fail(
        "WRONG_SOBJECT_TYPE",
        `expected xsi:type sf:${decoder.objectName}, found ${quoteValue(r.attribute(XSI_NS, "type") ?? objectName)}`,
      );
    }
    return decoder;
  };
}

/** Parses a SOAP 1.1 (or 1.2) envelope whose Body is an outbound-message `notifications`. */
export function parseNotificationsMessage<S>(
  input: MessageBody,
  select: DecoderSelector<S>,
): NotificationsOf<S> {
  const r: XmlReader = XmlReader.fromInput(input);
  r.openRoot();
  const envelopeNs = r.namespaceUri;
  if (!r.is(SOAP11_ENVELOPE_NS, "Envelope") && !r.is(SOAP12_ENVELOPE_NS, "Envelope")) {
    r.fail("NOT_NOTIFICATIONS", `expected a SOAP Envelope, found <${r.qualifiedName}> in namespace ${quoteValue(envelopeNs)}`);
  }
  let message: NotificationsOf<S> | undefined;
  let sawBody = false;
  while (r.nextChild()) {
    if (r.is(envelopeNs, "Header") && !sawBody) {
      r.skipElement();
    } else if (r.is(envelopeNs, "Body") && !sawBody) {
      sawBody = true;
      message = readBody(r, select);
    } else {
      r.fail("UNEXPECTED_ELEMENT", `unexpected <${r.qualifiedName}> in the SOAP Envelope`);
    }
  }
  if (message === undefined) r.failClosed("NOT_NOTIFICATIONS", "the SOAP Envelope has no Body");
  r.finish();
  return message;
}

function readBody<S>(r: XmlReader, select: DecoderSelector<S>): NotificationsOf<S> {
  if (!r.nextChild()) r.failClosed("NOT_NOTIFICATIONS", "the SOAP Body is empty");
  if (!r.is(OUTBOUND_NS, "notifications")) {
    r.fail(
      "NOT_NOTIFICATIONS",
      `expected <notifications> in namespace ${OUTBOUND_NS}, found <${r.qualifiedName}> in namespace ${quoteValue(r.namespaceUri)}`,
    );
  }
  const message = readNotifications(r, select);
  if (r.nextChild()) r.fail("UNEXPECTED_ELEMENT", `unexpected <${r.qualifiedName}> after <notifications>`);
  return message;
}

/** Reads a simple child of `notifications`, refusing a second occurrence. */
function once(r: XmlReader, previous: string | null | undefined): string | null {
  if (previous !== undefined) r.fail("DUPLICATE_ELEMENT", `<${r.qualifiedName}> occurs more than once`);
  return readString(r);
}

function required(r: XmlReader, value: string | null | undefined, name: string): string {
  if (value === undefined) r.failClosed("MISSING_ELEMENT", `<notifications> has no <${name}>`);
  if (value === null) r.failClosed("INVALID_VALUE", `<${name}> must not be nil`);
  return value;
}

function readNotifications<S>(r: XmlReader, select: DecoderSelector<S>): NotificationsOf<S> {
  let organizationId: string | null | undefined;
  let actionId: string | null | undefined;
  let sessionId: string | null | undefined;
  let enterpriseUrl: string | null | undefined;
  let partnerUrl: string | null | undefined;
  const notifications: NotificationOf<S>[] = [];
  // Chosen at the first sObject; every later one must be of the same object.
  let decoder: SObjectDecoder<S> | undefined;
  const decoderFor = (objectName: string | undefined): SObjectDecoder<S> => {
    if (decoder === undefined) decoder = select(objectName, actionId ?? undefined, r);
    else if (objectName !== undefined && objectName !== decoder.objectName) {
      r.fail("WRONG_SOBJECT_TYPE", `expected xsi:type sf:${decoder.objectName} like the first notification, found sf:${objectName}`);
    }
    return decoder;
  };

  while (r.nextChild()) {
    if (r.namespaceUri !== OUTBOUND_NS) {
      r.skipElement(); // Foreign extensions are not ours to judge.
      continue;
    }
    switch (r.localName) {
      case "OrganizationId":
        organizationId = once(r, organizationId);
        break;
      case "ActionId":
        actionId = once(r, actionId);
        break;
      case "SessionId":
        sessionId = once(r, sessionId);
        break;
      case "EnterpriseUrl":
        enterpriseUrl = once(r, enterpriseUrl);
        break;
      case "PartnerUrl":
        partnerUrl = once(r, partnerUrl);
        break;
      case "Notification":
        if (notifications.length === MAX_NOTIFICATIONS) {
          r.fail("TOO_MANY_NOTIFICATIONS", `a message holds at most ${MAX_NOTIFICATIONS} notifications`);
        }
        r.setIndex(notifications.length + 1);
        notifications.push(readNotification(r, decoderFor));
        break;
      default:
        // Salesforce may add header elements one day; unknown ones must not block delivery.
        r.skipElement();
    }
  }
  // Checked in the WSDL's sequence order, so the first missing element is the one reported.
  const header = {
    OrganizationId: required(r, organizationId, "OrganizationId"),
    ActionId: required(r, actionId, "ActionId"),
    SessionId: sessionId === undefined ? r.failClosed("MISSING_ELEMENT", "<notifications> has no <SessionId>") : sessionId,
    EnterpriseUrl: required(r, enterpriseUrl, "EnterpriseUrl"),
    PartnerUrl: required(r, partnerUrl, "PartnerUrl"),
  };
  if (!isNonEmpty(notifications)) r.failClosed("MISSING_ELEMENT", "<notifications> has no <Notification>");
  return { ...header, Notification: notifications };
}

function isNonEmpty<T>(items: T[]): items is NonEmptyArray<T> {
  return items.length > 0;
}

function readNotification<S>(
  r: XmlReader,
  decoderFor: (objectName: string | undefined) => SObjectDecoder<S>,
): NotificationOf<S> {
  let id: SalesforceId | null | undefined;
  let sObject: S | undefined;
  let sawSObject = false;
  while (r.nextChild()) {
    if (r.namespaceUri !== OUTBOUND_NS) {
      r.skipElement();
    } else if (r.localName === "Id") {
      if (id !== undefined) r.fail("DUPLICATE_ELEMENT", "<Id> occurs more than once");
      id = readString(r);
    } else if (r.localName === "sObject") {
      if (sawSObject) r.fail("DUPLICATE_ELEMENT", "<sObject> occurs more than once");
      sawSObject = true;
      sObject = decoderFor(sObjectType(r)).decode(r);
    } else {
      r.skipElement();
    }
  }
  if (id === undefined) r.failClosed("MISSING_ELEMENT", "<Notification> has no <Id>");
  if (id === null) r.failClosed("INVALID_VALUE", "the notification <Id> must not be nil");
  if (!sawSObject) r.failClosed("MISSING_ELEMENT", "<Notification> has no <sObject>");
  return { Id: id, sObject: sObject as S };
}

/** The object named by `xsi:type` on the open sObject element; undefined when there is none. */
function sObjectType(r: XmlReader): string | undefined {
  const type = r.hasAttributes ? r.attribute(XSI_NS, "type") : undefined;
  if (type === undefined) return undefined;
  const name = r.resolveQName(type);
  if (name === undefined) r.fail("WRONG_SOBJECT_TYPE", `the prefix of xsi:type ${quoteValue(type)} is not declared`);
  if (name.namespaceUri !== SOBJECT_NS) {
    r.fail("WRONG_SOBJECT_TYPE", `xsi:type ${quoteValue(type)} is not in namespace ${SOBJECT_NS}`);
  }
  return name.localName;
}
