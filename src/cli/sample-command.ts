import { MAX_NOTIFICATIONS } from "../runtime/envelope.js";
import { sampleMessages, shapeOfWsdl } from "../send/messages.js";
import { readInput } from "./input-file.js";
import { salesforceIdFlag } from "./id-flags.js";
import { EXIT_OK, UsageError, type CliIo } from "./io.js";
import { decimal, seedFlag, wholeNumber } from "./number-flags.js";

export interface SampleFlags {
  readonly count?: string;
  readonly seed?: string;
  readonly nullRate?: string;
  readonly org?: string;
  readonly action?: string;
}

/** `--count` of one message: Salesforce never puts more than 100 notifications in one. */
function messageCount(value: string | undefined): number | undefined {
  const count = wholeNumber("--count", value, 1);
  if (count !== undefined && count > MAX_NOTIFICATIONS) {
    throw new UsageError(`--count ${count} is too many for one message: Salesforce sends at most ${MAX_NOTIFICATIONS} notifications per message`);
  }
  return count;
}

/** `wsdl-to-ts sample`: one realistic message for the WSDL on stdout, the same for the same seed. */
export function runSample(io: CliIo, wsdl: string, flags: SampleFlags): number {
  const count = messageCount(flags.count);
  const seed = seedFlag(flags.seed);
  const nullRate = decimal("--null-rate", flags.nullRate, { min: 0, max: 1 });
  const organizationId = salesforceIdFlag("--org", flags.org);
  const actionId = salesforceIdFlag("--action", flags.action);
  const shape = shapeOfWsdl(wsdl, readInput(io, wsdl));
  const [message] = sampleMessages(shape, {
    count: count ?? 1,
    ...(seed === undefined ? {} : { seed }),
    ...(nullRate === undefined ? {} : { nullRate }),
    ...(organizationId === undefined ? {} : { organizationId }),
    ...(actionId === undefined ? {} : { actionId }),
  });
  io.stdout(message?.body ?? "");
  return EXIT_OK;
}
