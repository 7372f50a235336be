// The sender as a library, `outbound-wsdl-to-ts/send`: what `wsdl-to-ts send` wraps, for load and
// fault scenarios in a user's own scripts. A separate entry point, so that it loads no generator.
export { send, type DeliveryReport, type SendMessage, type SendOptions, type TryEvent, type TryRecord } from "./send.js";
export { fileMessage, sampleMessages, shapeOfWsdl, type SampleMessagesOptions } from "./messages.js";
export { formatSummary, summarize, type SendSummary } from "./report.js";
export type { MessageShape } from "../model/message-shape.js";
