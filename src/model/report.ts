// The report object of `run --json` (DESIGN.md contract) and the root causes inside it.

import type { StepResult } from "./step.js";

export type RootCauseId = "cpu-contention" | "slow-device" | "cache-thrash" | "slow-file-ops" | "off-cpu-blocking" | "process-churn";
export type Severity = "ok" | "warning" | "critical";
export type Verdict = "healthy" | "problem" | "inconclusive";

export interface Culprit {
  kind: "process" | "device" | "file" | "cgroup";
  name: string;
  pid?: number;
  share?: number;
}

// One link of the evidence chain: which step, which statistic, what it showed against which threshold.
export interface Evidence {
  step: string;
  probe: string;
  statistic: string;
  detail: string;
}

export interface RootCause {
  id: RootCauseId;
  confidence: number;
  severity: Exclude<Severity, "ok">;
  summary: string;
  culprits: Culprit[];
  evidence: Evidence[];
  recommendations: string[];
}

// A step as the report shows it: the step result without raw output, findings and per-process CPU.
export type ReportStep = Pick<StepResult, "id" | "probe" | "status" | "flavour" | "durationMs" | "reason" | "argv" | "stopReason" | "overhead" | "measurements">;

// Keeps the fields of a step result that the report carries.
export const toReportStep = ({ id, probe, status, flavour, durationMs, reason, argv, stopReason, overhead, measurements }: StepResult): ReportStep => ({
  id,
  probe,
  status,
  flavour,
  durationMs,
  ...(reason === undefined ? {} : { reason }),
  ...(argv === undefined ? {} : { argv }),
  ...(stopReason === undefined ? {} : { stopReason }),
  ...(overhead === undefined ? {} : { overhead }),
  measurements,
});

export interface Overhead {
  // CPU time of the tracing tools we started (user + system), from our children's accounting.
  toolsCpuMs: number;
  // CPU time of bpftriage itself; from the CLI, counted from the process's start (Node and loading the CLI included)
  // to the diagnosis, so only rendering and writing the report are left out.
  selfCpuMs: number;
  // CPU time (tools, ours, BPF programs) as a share of the machine's capacity (all cores) over the same span.
  machineShare: number;
  // Run time of our tools' BPF programs (kernel.bpf_stats_enabled during the run); null when it could not be measured.
  bpfRunTimeMs: number | null;
  // Why BPF run time is missing, when it is.
  bpfNote?: string;
}

export interface Report {
  verdict: Verdict;
  severity: Severity;
  exitCode: 0 | 1 | 2 | 3;
  answer: string;
  rootCauses: RootCause[];
  steps: ReportStep[];
  path: string[];
  overhead: Overhead;
  host: { hostname: string; kernel: string; cpus: number };
  runbook: string;
  // The bundle folder, when the report comes from `run --replay`.
  replayedFrom?: string;
  startedAt: string;
  durationMs: number;
  report: string | null;
}
