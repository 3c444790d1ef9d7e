// Runs one runbook step for real: pick a flavour that can run, start it under limits, parse, detect.

import { detect } from "../detectors/index.js";
import { diffProcessCpu, type ProcessCpuSnapshot, snapshotProcessCpu } from "../exec/process-cpu.js";
import { runTool, type ToolRequest, type ToolRun } from "../exec/run-tool.js";
import { ParseError } from "../model/errors.js";
import type { StepInput, StepResult } from "../model/step.js";
import { checkFlavour, type HostChecks, liveHost } from "./availability.js";
import { findProbe, type Invocation } from "./registry.js";

export interface ProbeEnvironment {
  remainingMs: number;
  signal: AbortSignal;
  host?: HostChecks;
  run?: (request: ToolRequest) => Promise<ToolRun>;
  // Per-process CPU snapshots around the tool run; tests pass a recorded one.
  snapshotCpu?: () => ProcessCpuSnapshot;
}

// How many of the busiest processes a step keeps.
const CPU_TOP = 30;

// Seconds kept free at the end of the budget for parsing and writing the report.
const RESERVE_SEC = 2;
// Slack beyond the planned duration before the hard limit stops a tool.
const HARD_LIMIT_SLACK_MS = 5_000;

const base = (input: StepInput) => ({ id: input.stepId, probe: input.probe, measurements: [], findings: [], notes: [] });

// Shortens the probe's planned duration so the step ends within the remaining budget.
const clampDuration = (params: Record<string, unknown>, remainingMs: number): Record<string, unknown> => {
  const planned = typeof params.durationSec === "number" ? params.durationSec : undefined;
  const allowed = Math.max(1, Math.floor(remainingMs / 1000) - RESERVE_SEC - 1);
  return planned === undefined || planned <= allowed ? params : { ...params, durationSec: allowed };
};

// Describes how a tool run went wrong, or undefined when its output should be parsed.
const failureOf = (run: ToolRun, invocation: Invocation): string | undefined => {
  if (run.stopReason === "spawn-failed") return run.spawnError ?? `could not start ${invocation.executable}`;
  if (run.stopReason === "timed-out") return `${invocation.executable} exceeded its hard time limit and was stopped`;
  if (run.exitCode !== 0 && run.stopReason === "exited") {
    const firstLine = run.stderr.split("\n").find((line) => line.trim() !== "") ?? "no message";
    return `${invocation.executable} exited with status ${run.exitCode}: ${firstLine.trim()}`;
  }
  return undefined;
};

// The step runner used by live runs.
export const runProbe = async (input: StepInput, env: ProbeEnvironment): Promise<StepResult> => {
  const probe = findProbe(input.probe);
  if (probe === undefined) return { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: `unknown probe ${input.probe}` };
  const planned = probe.plan(clampDuration(input.params, env.remainingMs));
  if (!planned.ok) return { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: planned.message };
  const checks = planned.plan.invocations.map((invocation) => ({ invocation, check: checkFlavour(invocation, env.host ?? liveHost) }));
  const chosen = checks.find(({ check }) => check.status === "available");
  if (chosen === undefined || chosen.check.status !== "available") {
    const reasons = checks.flatMap(({ check }) => (check.status === "unavailable" ? check.reasons.map((r) => `${check.flavour}: ${r}`) : []));
    return { ...base(input), status: "unavailable", flavour: null, durationMs: 0, reason: reasons.join("; ") };
  }
  const { invocation } = chosen;
  const durationMs = planned.plan.durationSec * 1000;
  const snapshotCpu = env.snapshotCpu ?? snapshotProcessCpu;
  const cpuBefore = snapshotCpu();
  const run = await (env.run ?? runTool)({
    file: chosen.check.path,
    args: invocation.argv,
    timeoutMs: durationMs + HARD_LIMIT_SLACK_MS,
    ...(invocation.stopBy === "signal" ? { stopAfterMs: durationMs } : {}),
    signal: env.signal,
  });
  const toolPids = new Set(run.pid === undefined ? [] : [run.pid]);
  const cpuByProcess = diffProcessCpu(cpuBefore, snapshotCpu())
    .filter((usage) => usage.pid !== process.pid && !toolPids.has(usage.pid))
    .slice(0, CPU_TOP);
  const ran = {
    ...base(input),
    cpuByProcess,
    flavour: invocation.flavour,
    durationMs: run.durationMs,
    argv: [chosen.check.path, ...invocation.argv],
    stopReason: run.stopReason,
    exitCode: run.exitCode,
    stdout: run.stdout,
    stderr: run.stderr,
  };
  const failure = failureOf(run, invocation);
  if (failure !== undefined) return { ...ran, status: "failed", reason: failure };
  try {
    const parsed = invocation.parse(run.stdout, `${invocation.executable} stdout`);
    const { measurements, findings } = detect(input.stepId, parsed.measurements, input.detectors, { cpuByProcess });
    const notes = parsed.notes.filter((note) => note.kind !== "banner").map((note) => `line ${note.line}: ${note.text}`);
    const interrupted = run.stopReason === "cancelled" ? { reason: "interrupted: partial output parsed" } : {};
    return { ...ran, status: run.stopReason === "cancelled" ? "failed" : "ok", measurements, findings, notes, ...interrupted };
  } catch (error) {
    if (error instanceof ParseError) return { ...ran, status: "failed", reason: error.message };
    throw error;
  }
};
