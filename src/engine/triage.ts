// One triage end to end: run the runbook, diagnose, measure the observer, render and write the report.

import { release, hostname, cpus } from "node:os";
import { join } from "node:path";
import { diagnose } from "../diagnosis/diagnose.js";
import { cpuSince, cpuSnapshot } from "../exec/cpu-accounting.js";
import type { Report } from "../model/report.js";
import { renderReport, reportFileName, writeReportAtomically } from "../report/render.js";
import type { Runbook } from "../runbook/schema.js";
import { type RunEvents, runRunbook, type StepRunner } from "./run-runbook.js";

export interface TriageOptions extends RunEvents {
  runbook: Runbook;
  runStep: StepRunner;
  // Folder for the markdown report; null writes none.
  outDir: string | null;
  signal?: AbortSignal;
}

// Runs a triage and returns the report object (with the path of the written markdown).
export const triage = async (options: TriageOptions): Promise<Report> => {
  const startedAt = new Date();
  const cpuStart = cpuSnapshot();
  const outcome = await runRunbook(options.runbook, options.runStep, options);
  const diagnosis = diagnose(outcome.steps, outcome.findings);
  const overhead = { ...cpuSince(cpuStart), bpfRunTimeMs: null };
  const reportPath = options.outDir === null ? null : join(options.outDir, reportFileName(startedAt));
  const report: Report = {
    ...diagnosis,
    steps: outcome.steps.map(({ id, probe, status, flavour, durationMs, reason, argv, measurements }) => ({
      id,
      probe,
      status,
      flavour,
      durationMs,
      ...(reason === undefined ? {} : { reason }),
      ...(argv === undefined ? {} : { argv }),
      measurements,
    })),
    path: outcome.path,
    overhead,
    host: { hostname: hostname(), kernel: release(), cpus: cpus().length },
    runbook: options.runbook.id,
    startedAt: startedAt.toISOString(),
    durationMs: outcome.durationMs,
    report: reportPath,
  };
  if (reportPath !== null) writeReportAtomically(reportPath, renderReport(report));
  return report;
};
