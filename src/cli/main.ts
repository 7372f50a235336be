import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { WsdlError } from "../wsdl/wsdl-error.js";
import { CONFIG_FILE, PACKAGE_KEY } from "./config.js";
import { runGenerate, type GenerateFlags } from "./generate-command.js";
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "./io.js";
import { addSampleCommand } from "./sample-command.js";
import { addSendCommand } from "./send-command.js";

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

/** Commander's accumulator for a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("wsdl-to-ts")
    .description("Generate a typed TypeScript package for receiving Salesforce outbound messages from their WSDLs.")
    .version(version(), "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const generate = program
    .command("generate", { isDefault: true })
    .description("generate a package from one or more outbound-message WSDLs (the default command)")
    .argument("[wsdl...]", "outbound-message WSDL files (default: \"inputs\" of the config file)")
    .option("-o, --out <dir>", "directory to write the package to")
    .option("--check", "write nothing; print a diff and exit 1 when the output is not up to date")
    .addOption(new Option("--datetime <mode>", "xsd:dateTime as a Date or as the ISO string (default: date)").choices(["date", "string"]))
    .option("--name <name>", "name of the outbound message, once per WSDL in order (default: the object's name)", collect)
    .option("--package-name <name>", "npm name of the package (default: derived from the object)")
    .option("--package-version <version>", "npm version of the package (default: 0.0.0)")
    .option("--config <file>", `config file (default: ${CONFIG_FILE}, or the "${PACKAGE_KEY}" key of package.json)`)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (wsdl: string[], flags: Omit<GenerateFlags, "wsdl">) => {
      setExit(await runGenerate(io, { ...flags, wsdl }));
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
      // Help and version exit 0; commander already printed its usage message otherwise.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof WsdlError) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`wsdl-to-ts: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`wsdl-to-ts: internal error, please report it:\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}
