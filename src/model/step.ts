// What one runbook step did: its status, how it ran, what it measured and concluded.

import type { DetectorConfig } from "../detectors/schema.js";
import type { ProcessCpu } from "../exec/process-cpu.js";
import type { StopReason } from "../exec/run-tool.js";
import type { Finding } from "./finding.js";
import type { Measurement } from "./measurement.js";

export type StepStatus = "ok" | "unavailable" | "failed" | "skipped";

// What observing cost during one step.
export interface StepOverhead {
  // CPU time of the tool process (user + system), once reaped.
  toolCpuMs: number;
  // Run time of the tool's BPF programs; null when kernel.bpf_stats_enabled could not be switched on.
  bpfRunTimeNs: number | null;
  bpfPrograms: number;
  bpfRunCount: number;
}

export interface StepResult {
  id: string;
  probe: string;
  status: StepStatus;
  flavour: string | null;
  durationMs: number;
  // Why the step is not ok, or notes on how it ended (e.g. stopped with SIGINT after 5 s).
  reason?: string;
  argv?: string[];
  stopReason?: StopReason;
  exitCode?: number | null;
  measurements: Measurement[];
  findings: Finding[];
  // Tool lines the parser skipped as noise (warnings, lost events), kept so nothing is lost.
  notes: string[];
  overhead?: StepOverhead;
  // CPU time per process during the step's window (from /proc), busiest first.
  cpuByProcess?: ProcessCpu[];
  // Raw stdout, kept for the report's coverage and for replay.
  stdout?: string;
  stderr?: string;
}

// The plain-data input the engine hands to the step actor.
export interface StepInput {
  stepId: string;
  probe: string;
  params: Record<string, unknown>;
  detectors: readonly DetectorConfig[];
}
