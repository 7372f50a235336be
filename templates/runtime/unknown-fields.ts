import { DeliveryError, type DeliveryContext, type ResolvedCommon } from "./handler-options.js";
import type { NotificationsOf, SObjectBase } from "./types.js";

/**
 * Tells about sObject fields that Salesforce sent but the WSDL lacks (the package should be
 * regenerated): to `onUnknownFields`, or by default one warning per field name for the process.
 */
export function unknownFieldsReporter<M extends NotificationsOf<SObjectBase>>(
  common: ResolvedCommon<M>,
  report: (error: DeliveryError, context: DeliveryContext<M>) => void,
): (message: M, context: DeliveryContext<M>) => void {
  const warnedFields = new Set<string>();
  return (message, context) => {
    let names: Set<string> | undefined; // Made only when a field is unknown: most messages have none.
    for (const notification of message.Notification) {
      const unknown = notification.sObject.unknownFields;
      if (unknown !== undefined) for (const name of Object.keys(unknown)) (names ??= new Set()).add(name);
    }
    if (names === undefined || names.size === 0) return;
    const fields = [...names].sort();
    try {
      if (common.onUnknownFields !== undefined) common.onUnknownFields(fields, context);
      else {
        const fresh = fields.filter((name) => !warnedFields.has(name));
        for (const name of fresh) warnedFields.add(name);
        if (fresh.length > 0) common.logger.warn(`[outbound] fields not in the WSDL (regenerate the package): ${fresh.join(", ")}`);
      }
    } catch (error) {
      report(new DeliveryError("REPORT_FAILED", 200, "onUnknownFields threw", error), context);
    }
  };
}
