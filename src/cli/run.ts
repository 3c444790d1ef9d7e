// `bpftriage run`: live triage of this box (or a replay of a recorded bundle), printing the report path or object.

import { readFileSync } from "node:fs";
import { cpus, hostname, release } from "node:os";
import { resolve } from "node:path";
import { recordingRunner, writeManifest } from "../bundle/record.js";
import { readManifest, replayRunner } from "../bundle/replay.js";
import type { StepRunner } from "../engine/run-runbook.js";
import { triage } from "../engine/triage.js";
import { PROCESS_START } from "../exec/cpu-accounting.js";
import { RunbookError, UsageError } from "../model/errors.js";
import type { Report } from "../model/report.js";
import { runProbe } from "../probes/run-probe.js";
import { loadRunbook, parseRunbook } from "../runbook/load.js";
import type { Runbook } from "../runbook/schema.js";
import { terminalProgress } from "./progress.js";

export interface RunOptions {
  runbook: string;
  json?: boolean;
  out: string;
  budget?: string;
  record?: string;
  replay?: string;
  param?: Record<string, string>;
}

interface RunPlan {
  runbook: Runbook;
  runStep: StepRunner;
  host?: Report["host"];
  replayedFrom?: string;
  finish(): void;
}

// Parses --budget as seconds.
const parseBudget = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--budget: expected seconds between 1 and 3600, received "${text}"`);
  return seconds;
};

const live: StepRunner = (input, context) => runProbe(input, context);

// Replays the runbook stored in a bundle against the bundle's recorded outputs.
const replayPlan = (dir: string, overrides: Readonly<Record<string, string>>): RunPlan => {
  const manifest = readManifest(dir);
  const parsed = parseRunbook(manifest.runbook.text, `${dir}/bundle.json (runbook ${manifest.runbook.file})`, { ...manifest.parameters, ...overrides });
  if (!parsed.ok) throw new RunbookError(parsed.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
  return { runbook: parsed.runbook, runStep: replayRunner(dir), host: manifest.host, replayedFrom: resolve(dir), finish: () => undefined };
};

// Runs live, recording each step's raw output into DIR as it finishes.
const recordPlan = (dir: string, runbook: Runbook, file: string, parameters: Readonly<Record<string, string>>): RunPlan => {
  const manifest = {
    format: 1 as const,
    recordedBy: "bpftriage 0.1.0",
    host: { hostname: hostname(), kernel: release(), cpus: cpus().length },
    startedAt: new Date().toISOString(),
    runbook: { id: runbook.id, file, text: readFileSync(file, "utf8") },
    parameters: { ...parameters },
    budgetSeconds: runbook.budgetSeconds,
  };
  writeManifest(dir, manifest);
  return { runbook, runStep: recordingRunner(dir, live), finish: () => writeManifest(dir, { ...manifest, endedAt: new Date().toISOString() }) };
};

// Decides where steps come from: live tools, live tools with recording, or a recorded bundle.
const planRun = (options: RunOptions): RunPlan => {
  if (options.record !== undefined && options.replay !== undefined) throw new UsageError("--record and --replay cannot be used together");
  if (options.replay !== undefined) return replayPlan(options.replay, options.param ?? {});
  const loaded = loadRunbook(options.runbook, options.param ?? {});
  if (options.record !== undefined) return recordPlan(resolve(options.record), loaded.runbook, loaded.file, options.param ?? {});
  return { runbook: loaded.runbook, runStep: live, finish: () => undefined };
};

// Runs the triage; Ctrl-C stops the current tool, skips the rest and still writes the report.
export const runCommand = async (options: RunOptions): Promise<number> => {
  const budget = parseBudget(options.budget);
  const plan = planRun(options);
  const runbook = budget === undefined ? plan.runbook : { ...plan.runbook, budgetSeconds: budget };
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
      runStep: plan.runStep,
      outDir: resolve(options.out),
      signal: controller.signal,
      measureBpf: options.replay === undefined && process.getuid?.() === 0,
      cpuStart: PROCESS_START,
      ...(plan.host ? { host: plan.host } : {}),
      ...(plan.replayedFrom ? { replayedFrom: plan.replayedFrom } : {}),
      ...progress,
    });
    plan.finish();
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${report.report}\n`);
    if (!options.json && process.stderr.isTTY) process.stderr.write(`${report.answer}\n`);
    return report.exitCode;
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};
