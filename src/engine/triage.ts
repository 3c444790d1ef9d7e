// One triage end to end: run the runbook, diagnose, measure the observer, render and write the report.

import { release, hostname, cpus } from "node:os";
import { join } from "node:path";
import { diagnose } from "../diagnosis/diagnose.js";
import { enableBpfStats } from "../exec/bpf-stats.js";
import { type CpuSnapshot, cpuSince, cpuSnapshot } from "../exec/cpu-accounting.js";
import { type Report, toReportStep } from "../model/report.js";
import { renderReport, reportFileName, writeReportAtomically } from "../report/render.js";
import type { Runbook } from "../runbook/schema.js";
import { type RunEvents, runRunbook, type StepRunner } from "./run-runbook.js";

export interface TriageOptions extends RunEvents {
  runbook: Runbook;
  runStep: StepRunner;
  // Folder for the markdown report; null writes none.
  outDir: string | null;
  signal?: AbortSignal;
  // Switch kernel.bpf_stats_enabled on for the run (restored after) to measure BPF run time.
  measureBpf?: boolean;
  // The recorded host, when replaying a bundle from another box.
  host?: Report["host"];
  replayedFrom?: string;
  // Where the observer's CPU and wall time are counted from: the CLI passes PROCESS_START so its start-up counts;
  // by default, the start of this triage.
  cpuStart?: CpuSnapshot;
}

// Runs a triage and returns the report object (with the path of the written markdown).
export const triage = async (options: TriageOptions): Promise<Report> => {
  const startedAt = new Date();
  const cpuStart = options.cpuStart ?? cpuSnapshot();
  const stats = options.measureBpf ? enableBpfStats() : { enabled: false as const, reason: "not measured for this run" };
  let outcome: Awaited<ReturnType<typeof runRunbook>>;
  try {
    outcome = await runRunbook(options.runbook, options.runStep, { ...options, bpfStats: stats.enabled });
  } finally {
    if (stats.enabled) stats.restore();
  }
  const diagnosis = diagnose(outcome.steps, outcome.findings);
  const cpu = cpuSince(cpuStart);
  const bpfNs = outcome.steps.reduce((sum, step) => sum + (step.overhead?.bpfRunTimeNs ?? 0), 0);
  const bpfRunTimeMs = stats.enabled ? Number((bpfNs / 1e6).toFixed(3)) : null;
  const overhead = {
    ...cpu,
    machineShare: Number((cpu.machineShare + (bpfRunTimeMs ?? 0) / Math.max(1, outcome.durationMs * cpus().length)).toFixed(5)),
    bpfRunTimeMs,
    ...(stats.enabled ? {} : { bpfNote: stats.reason }),
  };
  const reportPath = options.outDir === null ? null : join(options.outDir, reportFileName(startedAt, options.host?.hostname));
  const report: Report = {
    ...diagnosis,
    steps: outcome.steps.map(toReportStep),
    path: outcome.path,
    overhead,
    host: options.host ?? { hostname: hostname(), kernel: release(), cpus: cpus().length },
    ...(options.replayedFrom === undefined ? {} : { replayedFrom: options.replayedFrom }),
    runbook: options.runbook.id,
    startedAt: startedAt.toISOString(),
    durationMs: outcome.durationMs,
    report: reportPath,
  };
  if (reportPath !== null) writeReportAtomically(reportPath, renderReport(report));
  return report;
};
