import type { Command } from "commander";
import { MAX_NOTIFICATIONS } from "../runtime/envelope.js";
import { sampleMessages, shapeOfWsdl } from "../send/messages.js";
import { readInput } from "./input-file.js";
import { salesforceIdFlag } from "./id-flags.js";
import { EXIT_OK, UsageError, type CliIo } from "./io.js";
import { decimal, seedFlag, wholeNumber } from "./number-flags.js";

interface SampleFlags {
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

export function addSampleCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("sample")
    .description("print one outbound message for the WSDL, as Salesforce would send it (deterministic per seed)")
    .argument("<wsdl>", "outbound-message WSDL file")
    .option("--count <n>", `notifications in the message, 1 to ${MAX_NOTIFICATIONS} (default 1)`)
    .option("--seed <n>", "the same seed gives the same message, byte for byte (default 1)")
    .option("--null-rate <r>", "share of fields without a value, 0 to 1 (default 0)")
    .option("--org <id>", "OrganizationId of the message (15 or 18 characters; default: sampled)")
    .option("--action <id>", "ActionId (04k…) of the message (default: sampled)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action((wsdl: string, flags: SampleFlags) => setExit(runSample(io, wsdl, flags)));
}
