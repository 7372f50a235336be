import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

// One POST the way Salesforce's sender makes it: text/xml, an empty SOAPAction, one connection
// per try (no keep-alive between tries), a timeout on the whole exchange.

/** The largest answer read; an Ack is a few hundred bytes. */
const MAX_REPLY_BYTES = 1024 * 1024;

export type PostResult =
  | { readonly kind: "reply"; readonly status: number; readonly contentType: string | undefined; readonly body: string }
  | { readonly kind: "error"; readonly reason: string }
  /** `signal` aborted the try before its answer was read: the request was cut off. */
  | { readonly kind: "interrupted" };

/** Why a connection failed, in the words Salesforce's Java sender would use. */
function transportReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return "java.net.ConnectException: Connection refused";
    case "ECONNRESET":
      return "java.net.SocketException: Connection reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `java.net.UnknownHostException: ${(error as { hostname?: string }).hostname ?? "unknown host"}`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "java.net.NoRouteToHostException: No route to host";
    // TLS: Salesforce checks the chain against public CAs and the host name (spec §8, §10).
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return `javax.net.ssl.SSLPeerUnverifiedException: peer not authenticated (${error.message})`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return `sun.security.validator.ValidatorException: PKIX path building failed (${error.message})`;
    default:
      return /^(?:ERR_TLS_|ERR_SSL_|CERT_)/.test(error.code ?? "") ? `javax.net.ssl.SSLHandshakeException: ${error.message}` : error.message;
  }
}

function readReply(response: IncomingMessage): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY_BYTES) {
        response.destroy();
        resolve({ kind: "error", reason: `the response is larger than ${MAX_REPLY_BYTES} bytes` });
      } else chunks.push(chunk);
    });
    response.on("end", () =>
      resolve({
        kind: "reply",
        status: response.statusCode ?? 0,
        contentType: response.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    response.on("error", reject);
  });
}

/**
 * POSTs `body` to `url`; never rejects: transport failures and timeouts come back as reasons, and
 * an abort of `signal` ends the try at once (the connection is closed) instead of waiting for an answer.
 */
export function postMessage(url: URL, body: string, timeoutMs: number, signal?: AbortSignal): Promise<PostResult> {
  const bytes = Buffer.from(body, "utf8");
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const onAbort = (): void => finish({ kind: "interrupted" });
    const finish = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      request.destroy();
      resolve(result);
    };
    const request = send(url, {
      method: "POST",
      agent: false,
      headers: {
        "Content-Type": "text/xml; charset=utf-8",
        SOAPAction: '""',
        "Content-Length": String(bytes.length),
        "User-Agent": "wsdl-to-ts send",
      },
    });
    const timer = setTimeout(() => finish({ kind: "error", reason: `java.net.SocketTimeoutException: Read timed out (after ${timeoutMs / 1000} s)` }), timeoutMs);
    request.on("response", (response) => {
      readReply(response).then(finish, (error: NodeJS.ErrnoException) => finish({ kind: "error", reason: transportReason(error) }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => finish({ kind: "error", reason: transportReason(error) }));
    if (signal?.aborted === true) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    request.end(bytes);
  });
}
