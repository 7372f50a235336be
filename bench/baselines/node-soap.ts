import * as soap from "soap";

// node-soap, the SOAP server a Node user would reach for. It is driven exactly as in production,
// minus the socket: `soap.listen(null, { path, services, xml })` builds the same `Server` that
// `soap.listen(httpServer, …)` attaches to node:http, and `server.processRequest(xml)` runs its
// whole request path (sax parse + WSDL-driven `wsdl.xmlToObject`, method dispatch, our service
// method, the Ack envelope serialisation) on a string. The WSDL-only parse (`xmlToObject`) is
// timed too, as an informational row. The HTTP bench (bench/http-server.ts) uses the same services.

export const NODE_SOAP_PATH = "/notifications";

/**
 * The service the WSDL declares (NotificationService / port Notification / operation
 * notifications): hands the parsed request to `onRequest` and acknowledges it.
 */
export function notificationServices(onRequest: (args: unknown) => void): soap.IServices {
  return {
    NotificationService: {
      Notification: {
        notifications: (args: unknown) => {
          onRequest(args);
          return { Ack: true };
        },
      },
    },
  };
}

export interface NodeSoapBaseline {
  /** The full server path; resolves with the Ack response. */
  processRequest(xml: string): Promise<soap.IServerlessResponse>;
  /** What the service method received in the last processRequest; cleared by reading it. */
  takeRequest(): unknown;
  /** node-soap's WSDL-driven parse alone; returns the `notifications` element's object. */
  xmlToObject(xml: string): unknown;
}

function ready(wsdl: soap.WSDL): Promise<void> {
  return new Promise((resolve, reject) => wsdl.onReady((error) => (error ? reject(error) : resolve())));
}

export async function createNodeSoapBaseline(wsdlText: string): Promise<NodeSoapBaseline> {
  let last: unknown;
  const server = await new Promise<soap.Server>((resolve, reject) => {
    const created: soap.Server = soap.listen(null, {
      path: NODE_SOAP_PATH,
      xml: wsdlText,
      services: notificationServices((args) => (last = args)),
      callback: (error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(created),
    });
  });
  const wsdl = new soap.WSDL(wsdlText, "", {});
  await ready(wsdl);
  // What the Server does to its own WSDL (server.js _initializeOptions), so both rows build the same objects.
  wsdl.options.attributesKey = "attributes";
  wsdl.options.envelopeKey = "soap";
  return {
    processRequest: (xml) => server.processRequest(xml, { headers: { "content-type": "text/xml; charset=utf-8" } }),
    takeRequest: () => {
      const request = last;
      last = undefined;
      return request;
    },
    xmlToObject: (xml) => (wsdl.xmlToObject(xml) as { Body?: { notifications?: unknown } }).Body?.notifications,
  };
}
