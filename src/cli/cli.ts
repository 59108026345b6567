// The `rech` command: dispatches to one module per command and turns user errors into plain messages.
import { helpText, parseArgs, type CommandSpec, type ParsedArgs } from "./args.js";
import { UserError } from "./errors.js";
import { COMMANDS } from "./commands/index.js";

/** Errors the modules raise for problems the user must act on: printed as their message, exit 1. */
const USER_ERRORS = new Set(["DataError", "EvalError", "ExportError", "IndexError", "ServeError", "TrainingError",
  "CheckpointError", "RuntimeUserError"]);

export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs): Promise<number>;
}

function topHelp(): string {
  const lines = ["rech: compile, train, export and serve recommendation retrieval models", "", "usage: rech <command> [options]", "", "commands:"];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.spec.name.padEnd(10)} ${c.spec.summary}`);
  lines.push("", "Run rech <command> --help for the options of a command.");
  return lines.join("\n") + "\n";
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(topHelp());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`rech: unknown command "${name}"\n\n${topHelp()}`);
    return 2;
  }
  try {
    const args = parseArgs(cmd.spec, rest);
    if (args === "help") {
      process.stdout.write(helpText(cmd.spec));
      return 0;
    }
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof Error && USER_ERRORS.has(e.name)) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`rech: internal error: ${msg}\n`);
    if (process.env.RECH_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    else process.stderr.write("(set RECH_DEBUG=1 to see where it happened, and please report it)\n");
    return 70;
  }
}

