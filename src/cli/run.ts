// `bpftriage run`: live triage of this box, printing the report path or the report object.

import { resolve } from "node:path";
import { triage } from "../engine/triage.js";
import { UsageError } from "../model/errors.js";
import { runProbe } from "../probes/run-probe.js";
import { loadRunbook } from "../runbook/load.js";
import { terminalProgress } from "./progress.js";

export interface RunOptions {
  runbook: string;
  json?: boolean;
  out: string;
  budget?: string;
  record?: string;
  replay?: string;
}

// Parses --budget as whole seconds.
const parseBudget = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--budget: expected seconds between 1 and 3600, received "${text}"`);
  return seconds;
};

// Runs the triage; Ctrl-C stops the current tool, skips the rest and still writes the report.
export const runCommand = async (options: RunOptions): Promise<number> => {
  if (options.record !== undefined || options.replay !== undefined) {
    throw new UsageError("--record and --replay are not available yet in this version");
  }
  const budget = parseBudget(options.budget);
  const loaded = loadRunbook(options.runbook);
  const runbook = budget === undefined ? loaded.runbook : { ...loaded.runbook, budgetSeconds: budget };
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\ninterrupted: stopping the running probe and writing a partial report (press Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = terminalProgress();
  try {
    const report = await triage({
      runbook,
      runStep: (input, context) => runProbe(input, context),
      outDir: resolve(options.out),
      signal: controller.signal,
      ...progress,
    });
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${report.report}\n`);
    if (!options.json && process.stderr.isTTY) process.stderr.write(`${report.answer}\n`);
    return report.exitCode;
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};
