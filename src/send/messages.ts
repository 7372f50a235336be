import { buildModel } from "../model/build-model.js";
import { messageShapeOf, type MessageShape } from "../model/message-shape.js";
import { readWsdl } from "../wsdl/read-wsdl.js";
import { expectObject, MAX_NOTIFICATIONS, parseNotificationsMessage } from "../runtime/envelope.js";
import { sampleNotificationsOf } from "../runtime/testing-samples.js";
import { buildNotificationsXmlOf } from "../runtime/testing-xml.js";
import type { SObjectBase } from "../runtime/types.js";
import type { SendMessage } from "./send.js";

// The messages `sample` prints and `send` delivers: sampled from the WSDL's fields with the same
// runtime code the generated packages use, or read from a file.

/** The test kit's view of a WSDL. @throws {WsdlError} when it is not an outbound-message WSDL. */
export function shapeOfWsdl(name: string, text: string): MessageShape {
  const { model } = buildModel(readWsdl(name, text), text, { dateTime: "date", sourceFile: name });
  return messageShapeOf(model);
}

export interface SampleMessagesOptions {
  /** Notifications in all (default 1). */
  readonly count?: number;
  /** Notifications per message, at most 100 (default 100). */
  readonly batch?: number;
  readonly seed?: number;
  readonly nullRate?: number;
  readonly organizationId?: string;
  /** The ActionId of every message (18 characters); default: one sampled from the seed. */
  readonly actionId?: string;
}

/** `count` sampled notifications in messages of `batch`; ids never repeat across the messages. */
export function sampleMessages(shape: MessageShape, options: SampleMessagesOptions = {}): SendMessage[] {
  const { count = 1, batch = MAX_NOTIFICATIONS, actionId, ...rest } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number from 1, got ${count}`);
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_NOTIFICATIONS) {
    throw new RangeError(`batch must be a whole number from 1 to ${MAX_NOTIFICATIONS}, got ${batch}`);
  }
  const messages: SendMessage[] = [];
  for (let first = 0; first < count; first += batch) {
    const sampled = sampleNotificationsOf<SObjectBase>(shape, { ...rest, count: Math.min(batch, count - first), first });
    const sample = actionId === undefined ? sampled : { ...sampled, ActionId: actionId };
    messages.push({ body: buildNotificationsXmlOf(shape, sample), notificationIds: sample.Notification.map((n) => n.Id) });
  }
  return messages;
}

/**
 * A message file to send as it is, checked to be a `notifications` request for the WSDL's object.
 * @throws {OutboundMessageError} when it is not.
 */
export function fileMessage(shape: MessageShape, text: string): SendMessage {
  const skip = { objectName: shape.objectName, decode: (r: { nextChild(): boolean; skipElement(): void }) => {
    while (r.nextChild()) r.skipElement();
    return {};
  } };
  const message = parseNotificationsMessage(text, expectObject(skip));
  return { body: text, notificationIds: message.Notification.map((n) => n.Id) };
}
