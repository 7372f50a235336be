import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { WsdlError } from "../wsdl/wsdl-error.js";
import { addGenerateOptions, flagsFrom } from "./cli-options.js";
import { usageErrorOf } from "./commander-errors.js";
import { runGenerate } from "./generate-command.js";
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "./io.js";
import { addSampleCommand } from "./sample-command.js";
import { addSendCommand } from "./send-command.js";

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
      setExit(await runGenerate(io, flagsFrom(wsdl, parsed)));
    });
  addSampleCommand(program, io, setExit);
  addSendCommand(program, io, setExit);
  // `generate` is the default command, so its options belong in the top-level help too.
  program.addHelpText("after", () => `\n${generate.helpInformation()}`);
  return program;
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
