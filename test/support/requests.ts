import type { MessageBody } from "../../templates/runtime/types.js";
import { fixture } from "./fixtures.js";

// Requests for the handler tests, built around one real Opportunity message (org 00D5w000004qGTOEA2).

export const OPPORTUNITY_MESSAGE: string = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");

/** A POST of `body` as text/xml, as the core sees it. */
export function post(body: MessageBody, headers: Record<string, string> = {}) {
  return { method: "POST", url: "/hooks/opportunity", headers: { "content-type": "text/xml; charset=utf-8", ...headers }, body };
}

/** The message with `count` notifications, ids …0000 to …NNNN. */
export function messageWith(count: number, base: string = OPPORTUNITY_MESSAGE): string {
  const start = base.indexOf("   <Notification>");
  const end = base.indexOf("</Notification>") + "</Notification>\n".length;
  const one = base.slice(start, end);
  const many = Array.from({ length: count }, (_, i) => one.replace("04l5w00005286hAAAQ", `04l5w00005286h${String(i).padStart(4, "0")}`));
  return base.slice(0, start) + many.join("") + base.slice(end);
}
