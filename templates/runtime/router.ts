import { parseNotificationsMessage, type SObjectDecoder } from "./envelope.js";
import { quoteValue } from "./errors.js";
import { createEndpoint, type OutboundHandler } from "./handler-core.js";
import { checkOptionNames, optionError, PROCESSING_OPTION_NAMES } from "./option-names.js";
import {
  refuseDedupeBesideInboxes,
  resolveCommon,
  resolveProcessing,
  type CommonOptions,
  type OrganizationOptions,
  type Processing,
  type ProcessingOptions,
} from "./handler-options.js";
import type { MessageBody, NotificationsOf, SObjectBase } from "./types.js";
import type { XmlReader } from "./xml-reader.js";

/** One outbound message a package of several receives. */
export interface Route {
  readonly decoder: SObjectDecoder<SObjectBase>;
  readonly wsdl: string;
}

/** The message types of a package, by outbound-message name (an interface fits, unlike a Record). */
export type MessageTypes<Messages> = { readonly [K in keyof Messages]: NotificationsOf<SObjectBase> };

/** Options of an endpoint that receives several outbound messages and routes each to its code. */
export type RouterOptions<Messages extends MessageTypes<Messages>> = CommonOptions<Messages[keyof Messages]> &
  OrganizationOptions & {
    /** The user code of each outbound message, by name. */
    readonly messages: { readonly [K in keyof Messages]: ProcessingOptions<Messages[K]> };
    /**
     * ActionIds (`04k…`, the outbound message definitions) by name. Needed for messages of the same
     * object, which only the ActionId tells apart; optional otherwise.
     */
    readonly actionIds?: { readonly [K in keyof Messages]?: string | readonly string[] };
  };

const ACTION_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

function actionIdsOf(value: unknown, name: string): string[] {
  const ids: readonly unknown[] = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  if (ids.length === 0) optionError(`actionIds.${name} must be an id or a non-empty list of ids`);
  return ids.map((id) => {
    if (typeof id !== "string" || !ACTION_ID.test(id)) {
      optionError(`actionIds.${name} must hold 15- or 18-character Salesforce ids, got ${JSON.stringify(id)}`);
    }
    return id.slice(0, 15);
  });
}

/**
 * An endpoint for every outbound message of a package: the sObject's `xsi:type` picks the message,
 * and the ActionId when several share the object. A message for anything else gets a 400 Fault.
 */
export function createRouterHandler<Messages extends MessageTypes<Messages>>(
  options: RouterOptions<Messages>,
  routes: { readonly [K in keyof Messages]: Route },
): OutboundHandler {
  type M = Messages[keyof Messages];
  const common = resolveCommon<M>(options, ["messages", "actionIds"]);
  const names: readonly string[] = Object.keys(routes);
  const routeOf = (name: string): Route => routes[name as keyof Messages];

  const messages: Record<string, unknown> = typeof options.messages === "object" && options.messages !== null ? options.messages : {};
  for (const name of Object.keys(messages)) {
    if (!names.includes(name)) optionError(`messages.${name}: no such outbound message; this package has ${names.join(", ")}`);
  }
  const processing = new Map<string, Processing<M>>();
  for (const name of names) {
    const code = messages[name];
    if (code === undefined) optionError(`messages.${name} is missing: every outbound message of the package needs its code`);
    if (typeof code === "object" && code !== null) checkOptionNames(code, PROCESSING_OPTION_NAMES, `messages.${name}: `);
    processing.set(name, resolveProcessing(messages[name] as ProcessingOptions<M>, `messages.${name}: `));
  }
  refuseDedupeBesideInboxes(options.dedupe, processing.values());

  const actionIds = new Map<string, string[]>();
  const configured: Record<string, unknown> = (options.actionIds as Record<string, unknown> | undefined) ?? {};
  for (const [name, value] of Object.entries(configured)) {
    if (!names.includes(name)) optionError(`actionIds.${name}: no such outbound message; this package has ${names.join(", ")}`);
    if (value !== undefined) actionIds.set(name, actionIdsOf(value, name));
  }
  for (const name of names) {
    const sharing = names.filter((other) => routeOf(other).decoder.objectName === routeOf(name).decoder.objectName);
    if (sharing.length > 1 && !actionIds.has(name)) {
      optionError(
        `${sharing.join(" and ")} all receive ${routeOf(name).decoder.objectName} records: give actionIds.${name} so that their deliveries can be told apart`,
      );
    }
  }

  const byActionId = (candidates: readonly string[], actionId: string | undefined): string[] =>
    candidates.filter((name) => actionId !== undefined && (actionIds.get(name) ?? []).includes(actionId.slice(0, 15)));

  const select = (objectName: string | undefined, actionId: string | undefined, r: XmlReader): string => {
    const candidates = names.filter((name) => objectName === undefined || routeOf(name).decoder.objectName === objectName);
    if (candidates.length === 0) {
      const objects = [...new Set(names.map((name) => routeOf(name).decoder.objectName))].join(", ");
      r.fail("WRONG_SOBJECT_TYPE", `this endpoint receives ${objects}; found xsi:type sf:${objectName}`);
    }
    if (candidates.length === 1) return candidates[0] as string;
    const matching = byActionId(candidates, actionId);
    if (matching.length === 1) return matching[0] as string;
    return r.fail(
      "UNKNOWN_ACTION_ID",
      `ActionId ${quoteValue(actionId ?? "")} is not one of ${candidates.join(", ")} (set their actionIds)`,
    );
  };

  // Which outbound message each parsed message belongs to, without adding a property users see.
  const chosen = new WeakMap<object, string>();
  const parse = (body: MessageBody): M => {
    let name: string | undefined;
    const message = parseNotificationsMessage(body, (objectName, actionId, r) => {
      name = select(objectName, actionId, r);
      return routeOf(name).decoder;
    });
    chosen.set(message, name as string);
    return message as M;
  };

  const wsdlFor = (url: string): { wsdl: string } | { missing: string } => {
    const asked = /[?&]wsdl=([^&]*)/i.exec(url)?.[1];
    const name = asked !== undefined && asked !== "" ? decodeURIComponent(asked) : names.length === 1 ? names[0] : undefined;
    if (name !== undefined && names.includes(name)) return { wsdl: routeOf(name).wsdl };
    return { missing: `ask for one WSDL with ?wsdl=<name>; this endpoint has ${names.join(", ")}` };
  };

  return createEndpoint<M>(common, {
    parse,
    wsdlFor,
    processingFor: (message) => processing.get(chosen.get(message) as string) as Processing<M>,
  });
}
