import { fileMessage, sampleMessages, shapeOfWsdl } from "../send/messages.js";
import { formatSummary, formatTry, summarize } from "../send/report.js";
import { OutboundMessageError } from "../runtime/errors.js";
import { send, type SendMessage } from "../send/send.js";
import { readInput } from "./input-file.js";
import { salesforceIdFlag } from "./id-flags.js";
import { EXIT_OK, UsageError, type CliIo } from "./io.js";
import { MAX_NOTIFICATIONS } from "../runtime/envelope.js";
import { decimal, seedFlag, wholeNumber } from "./number-flags.js";

/** `send`: some message was never acknowledged. */
const EXIT_NOT_ACKED = 1;

export interface SendFlags {
  readonly to: string;
  readonly count?: string;
  readonly batch?: string;
  readonly seed?: string;
  readonly nullRate?: string;
  readonly file?: string;
  readonly org?: string;
  readonly action?: string;
  readonly timeScale?: string;
  readonly timeout?: string;
  readonly concurrency?: string;
  readonly duplicateRate?: string;
  readonly json?: boolean;
}

/** `--to`: only http and https URLs; this is the one address `send` ever contacts. */
function endpoint(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`--to ${JSON.stringify(value)} is not an http:// or https:// URL`);
  }
  return url;
}

/** The messages to send; `seed` is `--seed`, checked by the caller, which seeds the redeliveries with it too. */
function messagesOf(io: CliIo, wsdl: string, flags: SendFlags, seed: number | undefined): SendMessage[] {
  const shape = shapeOfWsdl(wsdl, readInput(io, wsdl));
  if (flags.file !== undefined) {
    const mixed = (["count", "batch", "seed", "nullRate", "org", "action"] as const).filter((flag) => flags[flag] !== undefined);
    if (mixed.length > 0) {
      const names = mixed.map((flag) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ");
      throw new UsageError(`--file sends the file as it is; it cannot be combined with ${names}`);
    }
    try {
      return [fileMessage(shape, readInput(io, flags.file))];
    } catch (error) {
      if (error instanceof OutboundMessageError) throw new UsageError(`${flags.file}: ${error.message}`);
      throw error;
    }
  }
  const options = {
    count: wholeNumber("--count", flags.count, 1, 1_000_000),
    batch: wholeNumber("--batch", flags.batch, 1, MAX_NOTIFICATIONS),
    seed,
    nullRate: decimal("--null-rate", flags.nullRate, { min: 0, max: 1 }),
    organizationId: salesforceIdFlag("--org", flags.org),
    actionId: salesforceIdFlag("--action", flags.action),
  };
  return sampleMessages(shape, Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)));
}

/** `wsdl-to-ts send`: delivers like Salesforce; exit 0 only when every message was acknowledged. */
export async function runSend(io: CliIo, wsdl: string, flags: SendFlags): Promise<number> {
  const url = endpoint(flags.to);
  const timeScale = decimal("--time-scale", flags.timeScale, { min: 0, max: 1, above: true });
  const timeoutSeconds = decimal("--timeout", flags.timeout, { min: 0, above: true });
  const concurrency = wholeNumber("--concurrency", flags.concurrency, 1, 100);
  const duplicateRate = decimal("--duplicate-rate", flags.duplicateRate, { min: 0, max: 1 });
  const seed = seedFlag(flags.seed);
  const messages = messagesOf(io, wsdl, flags, seed);
  const deliveries = await send({
    to: url,
    messages,
    ...(timeScale === undefined ? {} : { timeScale }),
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(duplicateRate === undefined ? {} : { duplicateRate }),
    ...(seed === undefined ? {} : { seed }),
    ...(io.interrupt === undefined ? {} : { signal: io.interrupt }),
    onTry: (event) => io.stderr(`${formatTry(event)}\n`),
  });
  if (io.interrupt?.aborted === true) io.stderr("interrupted: no more retries; what was not acknowledged is reported as failed\n");
  const summary = summarize(url.href, deliveries);
  io.stdout(flags.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return deliveries.every((delivery) => delivery.acked) ? EXIT_OK : EXIT_NOT_ACKED;
}
