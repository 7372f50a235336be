import { fixture } from "../support/fixtures.js";

// Messages of the Opportunity fixture's shape with the notification and record ids a test needs.

export const ORGANIZATION_ID = "00D5w000004qGTOEA2";

export interface NotificationSpec {
  readonly id: string;
  /** The sObject Id; notifications of one record share it. */
  readonly record: string;
}

/** A notification id of message `m`, position `n`: 18 characters, unique per (m, n). */
export function notificationId(m: number, n: number): string {
  return `04l${String(m).padStart(5, "0")}${String(n).padStart(3, "0")}AAAAAAA`;
}

/** A record id, 18 characters. */
export function recordId(r: number): string {
  return `006${String(r).padStart(8, "0")}AAAAAAA`;
}

/** The fixture's message with one notification per spec, in that order. */
export function messageXml(specs: readonly NotificationSpec[], organizationId = ORGANIZATION_ID): string {
  const text = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml").replace(
    /<OrganizationId>[^<]*<\/OrganizationId>/,
    `<OrganizationId>${organizationId}</OrganizationId>`,
  );
  const start = text.indexOf("<Notification>");
  const end = text.indexOf("</Notification>") + "</Notification>".length;
  const notification = text.slice(start, end);
  const body = specs
    .map((spec) =>
      notification.replace(/<Id>[^<]*<\/Id>/, `<Id>${spec.id}</Id>`).replace(/<sf:Id>[^<]*<\/sf:Id>/, `<sf:Id>${spec.record}</sf:Id>`),
    )
    .join("\n   ");
  return text.slice(0, start) + body + text.slice(end);
}
