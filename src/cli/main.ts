import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { WsdlError } from "../wsdl/wsdl-error.js";
import { addGenerateOptions, flagsFrom } from "./cli-options.js";
import { usageErrorOf } from "./commander-errors.js";
import { runGenerate } from "./generate-command.js";
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "./io.js";
import { MAX_NOTIFICATIONS } from "../runtime/envelope.js";
import type { SampleFlags } from "./sample-command.js";
import type { SendFlags } from "./send-command.js";

// The commands are declared here, and each runs from its own module, loaded only when it runs:
// a generation (or --version) does not load the sampler and the sender with what they import.

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("wsdl-to-ts")
    .description("Generate a typed TypeScript package for receiving Salesforce outbound messages from their WSDLs.")
    .version(version(), "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    // Inherited by every command: a refused command line is printed by main, in the CLI's format.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });

  const generate = addGenerateOptions(
    program
      .command("generate", { isDefault: true })
      .description("generate a package from one or more outbound-message WSDLs (the default command)")
      .argument("[wsdl...]", "outbound-message WSDL files (default: \"inputs\" of the config file)"),
  )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (wsdl: string[], parsed: Record<string, unknown>) => {
      // commander's own `help` command is not among program.commands.
      const commands = [...program.commands.map((command) => command.name()), "help"];
      setExit(await runGenerate(io, flagsFrom(wsdl, parsed), commands));
    });
  addSampleCommand(program, io, setExit);
  addSendCommand(program, io, setExit);
  // `generate` is the default command, so its options belong in the top-level help too.
  program.addHelpText("after", () => `\n${generate.helpInformation()}`);
  return program;
}

function addSampleCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
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
    .action(async (wsdl: string, flags: SampleFlags) => {
      const { runSample } = await import("./sample-command.js");
      setExit(runSample(io, wsdl, flags));
    });
}

function addSendCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("send")
    .description("deliver outbound messages to an endpoint like Salesforce does: Ack check, retries on its schedule, redeliveries")
    .argument("<wsdl>", "outbound-message WSDL file")
    .requiredOption("--to <url>", "the endpoint (http:// or https://); nothing else is contacted")
    .option("--count <n>", "notifications to send in all (default 1)")
    .option("--batch <n>", `notifications per message, 1 to ${MAX_NOTIFICATIONS} (default ${MAX_NOTIFICATIONS})`)
    .option("--seed <n>", "seeds the sampled values and the choice of redeliveries (default 1)")
    .option("--null-rate <r>", "share of fields without a value, 0 to 1 (default 0)")
    .option("--file <msg.xml>", "send this message as it is instead of sampled ones")
    .option("--org <id>", "OrganizationId of the sampled messages (15 or 18 characters)")
    .option("--action <id>", "ActionId (04k…) of the sampled messages: what a package of several messages of one object routes by")
    .option("--time-scale <f>", "multiplies the retry schedule (30 s doubling to 2 h, for 24 h); 0.001 for tests (default 1)")
    .option("--timeout <s>", "seconds to wait for each answer (default 60, as Salesforce)")
    .option("--concurrency <n>", "messages in flight at once (default 1)")
    .option("--duplicate-rate <r>", "share of acknowledged messages delivered once more, 0 to 1 (default 0)")
    .option("--json", "print the report as JSON instead of the summary")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (wsdl: string, flags: SendFlags) => {
      const { runSend } = await import("./send-command.js");
      setExit(await runSend(io, wsdl, flags));
    });
}

/** Runs the CLI with `args` (without node and script) and returns the exit code. Never throws. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    await buildProgram(io, (code) => (exitCode = code)).parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0 (commander printed them); a refused command line is a usage error.
      if (error.exitCode === 0) return EXIT_OK;
      io.stderr(`${usageErrorOf(error).report()}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof WsdlError) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`${error.report()}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`wsdl-to-ts: internal error, please report it:\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}
