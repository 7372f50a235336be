import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request, type Agent } from "node:https";
import { tmpdir } from "node:os";
import type { TLSSocket } from "node:tls";
import { join } from "node:path";
import { promisify } from "node:util";

// Certificates made with the openssl command line for mutual TLS tests: two CAs, a server
// certificate for 127.0.0.1 and client certificates, all in a temporary directory.

const run = promisify(execFile);

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

export interface Authority extends KeyPair {
  /** Issues a certificate for `subject` (openssl's `/K=V/K=V` form) with the given extensions. */
  issue(name: string, subject: string, extensions: string): Promise<KeyPair>;
}

export interface CertificateDir {
  authority(name: string, subject: string): Promise<Authority>;
  remove(): Promise<void>;
}

const KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export async function certificateDir(): Promise<CertificateDir> {
  const dir = await mkdtemp(join(tmpdir(), "outbound-mtls-"));
  const path = (name: string) => join(dir, name);
  const pair = async (name: string): Promise<KeyPair> => ({
    key: await readFile(path(`${name}.key`), "utf8"),
    cert: await readFile(path(`${name}.crt`), "utf8"),
  });
  return {
    async authority(ca, subject) {
      await run("openssl", ["req", "-x509", ...KEY, "-keyout", path(`${ca}.key`), "-out", path(`${ca}.crt`), "-subj", subject, "-days", "2"]);
      return {
        ...(await pair(ca)),
        async issue(name, leafSubject, extensions) {
          await writeFile(path(`${name}.ext`), extensions);
          await run("openssl", ["req", "-new", ...KEY, "-keyout", path(`${name}.key`), "-out", path(`${name}.csr`), "-subj", leafSubject]);
          await run("openssl", [
            "x509", "-req", "-in", path(`${name}.csr`), "-CA", path(`${ca}.crt`), "-CAkey", path(`${ca}.key`),
            "-set_serial", String(Date.now()), "-days", "2", "-extfile", path(`${name}.ext`), "-out", path(`${name}.crt`),
          ]);
          return pair(name);
        },
      };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const SERVER_EXTENSIONS = "subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n";
export const CLIENT_EXTENSIONS = "extendedKeyUsage = clientAuth\n";

/** What an HTTPS POST led to: an answer, or the error that ended the connection. */
export type Outcome =
  | { readonly status: number; readonly body: string; readonly sessionReused: boolean }
  | { readonly error: string };

/** POSTs `body` as Salesforce does, over its own TLS connection through `agent`; never rejects. */
export function postOverTls(url: string, agent: Agent, body: string | Uint8Array): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "text/xml; charset=UTF-8", soapaction: '""' } }, (res) => {
      const sessionReused = (res.socket as TLSSocket).isSessionReused();
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), sessionReused }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}
