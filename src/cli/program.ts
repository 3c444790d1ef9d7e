// The commander program: subcommands, options, and the rule that every failure is one line and exit 3.

import { Command, CommanderError } from "commander";
import { BpftriageError, UsageError } from "../model/errors.js";
import { ANALYZABLE_TOOLS } from "../probes/analyzers.js";
import { analyzeCommand } from "./analyze.js";
import { compareCommand } from "./compare.js";
import { probesCommand } from "./probes.js";
import { listRunbooks, showRunbook, validateRunbook } from "./runbooks.js";
import { setupCommand } from "./setup.js";
import { runCommand } from "./run.js";

export const EXIT_UNKNOWN = 3;

// Collects repeated `--param name=value` options into one record.
const collectParam = (pair: string, previous: Record<string, string>): Record<string, string> => {
  const at = pair.indexOf("=");
  if (at <= 0) throw new UsageError(`--param: expected name=value, received "${pair}"`);
  return { ...previous, [pair.slice(0, at)]: pair.slice(at + 1) };
};

// Builds the program; `setExit` receives each command's exit code.
export const buildProgram = (setExit: (code: number) => void): Command => {
  const program = new Command("bpftriage")
    .description("Automated performance diagnosis with eBPF: runs a runbook of probes and writes a root-cause report.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(message.split("\n")[0] + "\n") });

  program
    .command("run", { isDefault: true })
    .description("live triage of this box (needs root): prints the report path, or the report object with --json")
    .option("--runbook <name|path>", "runbook name in runbooks/ or a YAML path", "triage")
    .option("--json", "print the report object instead of the report path")
    .option("--out <dir>", "folder for the markdown report", "reports")
    .option("--budget <seconds>", "total time budget, overriding the runbook's")
    .option("--record <dir>", "store each probe's raw output as a bundle")
    .option("--replay <dir>", "run the runbook on a recorded bundle")
    .option("--param <name=value>", "override a runbook parameter (repeatable)", collectParam, {})
    .action(async (options) => setExit(await runCommand(options)));

  program
    .command("analyze")
    .description(`parse and analyse output you already have (tools: ${ANALYZABLE_TOOLS.join(", ")})`)
    .argument("<tool>", "the tool that printed the output")
    .argument("[file]", "file with the output, or - for standard input")
    .option("--json", "print the JSON object of the contract")
    .action(async (tool: string, file: string | undefined, options) => setExit(await analyzeCommand(tool, file, options)));

  program
    .command("compare")
    .description(`compare output B (now) with A (baseline) of one tool: exit 0 same, 1 different, 3 inconclusive (tools: ${ANALYZABLE_TOOLS.join(", ")})`)
    .argument("<tool>", "the tool that printed both outputs")
    .argument("<a>", "baseline output file, or - for standard input")
    .argument("<b>", "output to compare with the baseline, or -")
    .option("--json", "print one JSON object")
    .action(async (tool: string, a: string, b: string, options) => setExit(await compareCommand(tool, a, b, options)));

  program
    .command("probes")
    .description("which probes can run here, through which flavour, and why not")
    .option("--json", "print JSON")
    .action((options) => setExit(probesCommand(options)));

  program
    .command("setup")
    .description("install the packages the probes need (apt-get or dnf, as root); asks first")
    .option("--yes", "install without asking")
    .action(async (options) => setExit(await setupCommand(options)));

  const runbooks = program.command("runbooks").description("list, show or validate runbooks");
  runbooks.command("list", { isDefault: true }).description("list the shipped runbooks").action(() => setExit(listRunbooks()));
  runbooks.command("show").argument("<name>").description("print a runbook").action((name: string) => setExit(showRunbook(name)));
  runbooks.command("validate").argument("<path>").description("check a runbook file; problems as file:line:column").action((path: string) => setExit(validateRunbook(path)));
  return program;
};

// Runs the CLI and returns the exit code; our errors and usage errors print one line, crashes too.
export const main = async (argv: readonly string[]): Promise<number> => {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_UNKNOWN;
    }
    if (error instanceof BpftriageError) {
      process.stderr.write(`bpftriage: ${error.message}\n`);
      return EXIT_UNKNOWN;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bpftriage: internal error: ${message} (set BPFTRIAGE_DEBUG=1 for a stack trace)\n`);
    if (process.env.BPFTRIAGE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ""}\n`);
    return EXIT_UNKNOWN;
  }
};
