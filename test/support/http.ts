import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A node:http server on 127.0.0.1 with an ephemeral port, closed by `close()`. */
export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listen(listener: RequestListener): Promise<TestServer> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** POSTs a body the way Salesforce does: text/xml and an empty SOAPAction. */
export async function postSoap(url: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<{
  status: number;
  contentType: string | null;
  body: string;
  headers: Headers;
}> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=UTF-8", soapaction: '""', ...headers },
    // A copy typed as ArrayBuffer-backed, which is what fetch's BodyInit accepts.
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text(), headers: response.headers };
}
