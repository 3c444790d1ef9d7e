// Runs one runbook step for real: pick a flavour that can run, start it under limits, parse, detect.

import { detect } from "../detectors/index.js";
import { BpfRunTimeTracker } from "../exec/bpf-stats.js";
import { childrenCpuMs } from "../exec/cpu-accounting.js";
import { diffProcessCpu, type ProcessCpu, type ProcessCpuSnapshot, snapshotProcessCpu } from "../exec/process-cpu.js";
import { runTool, type ToolRequest, type ToolRun } from "../exec/run-tool.js";
import { ParseError } from "../model/errors.js";
import type { StepInput, StepOverhead, StepResult } from "../model/step.js";
import { checkFlavour, type HostChecks, liveHost } from "./availability.js";
import { watchForEarlyStop } from "./early-stop.js";
import { findProbe, type Invocation } from "./registry.js";

export interface ProbeEnvironment {
  remainingMs: number;
  signal: AbortSignal;
  host?: HostChecks;
  run?: (request: ToolRequest) => Promise<ToolRun>;
  // Per-process CPU snapshots around the tool run; tests pass a recorded one.
  snapshotCpu?: () => ProcessCpuSnapshot;
  // True when kernel.bpf_stats_enabled is on for this run, so BPF run time can be read.
  bpfStats?: boolean;
  // Slack past the planned duration before the hard limit, and SIGINT-to-SIGKILL grace (tests shorten them).
  limits?: { slackMs: number; graceMs: number };
}

// How many of the busiest processes a step keeps.
const CPU_TOP = 30;
// Seconds kept free at the end of the budget for parsing and writing the report.
const RESERVE_SEC = 2;
// Slack beyond the planned duration before the hard limit stops a tool.
const HARD_LIMIT_SLACK_MS = 5_000;
// How often a running tool's BPF counters are sampled.
const BPF_SAMPLE_MS = 500;

const base = (input: StepInput) => ({ id: input.stepId, probe: input.probe, measurements: [], findings: [], notes: [] });

export type FlavourChoice =
  | { kind: "chosen"; invocation: Invocation; path: string; durationSec: number }
  | { kind: "settled"; result: StepResult };

// Shortens the probe's planned duration so the step ends within the remaining budget.
const clampDuration = (params: Record<string, unknown>, remainingMs: number): Record<string, unknown> => {
  const planned = typeof params.durationSec === "number" ? params.durationSec : undefined;
  const allowed = Math.max(1, Math.floor(remainingMs / 1000) - RESERVE_SEC - 1);
  return planned === undefined || planned <= allowed ? params : { ...params, durationSec: allowed };
};

// Picks the first flavour that can run here, or settles the step as unavailable with every reason.
export const chooseFlavour = (input: StepInput, remainingMs: number, host: HostChecks): FlavourChoice => {
  const probe = findProbe(input.probe);
  if (probe === undefined) return { kind: "settled", result: { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: `unknown probe ${input.probe}` } };
  const planned = probe.plan(clampDuration(input.params, remainingMs));
  if (!planned.ok) return { kind: "settled", result: { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: planned.message } };
  const checks = planned.plan.invocations.map((invocation) => ({ invocation, check: checkFlavour(invocation, host) }));
  for (const { invocation, check } of checks) {
    if (check.status === "available") return { kind: "chosen", invocation, path: check.path, durationSec: planned.plan.durationSec };
  }
  const reasons = checks.flatMap(({ check }) => (check.status === "unavailable" ? check.reasons.map((r) => `${check.flavour}: ${r}`) : []));
  return { kind: "settled", result: { ...base(input), status: "unavailable", flavour: null, durationMs: 0, reason: reasons.join("; ") } };
};

// Describes how a tool run went wrong, or undefined when its output should be parsed.
const failureOf = (run: ToolRun, executable: string): string | undefined => {
  if (run.stopReason === "spawn-failed") return run.spawnError ?? `could not start ${executable}`;
  if (run.stopReason === "timed-out") return `${executable} exceeded its hard time limit and was stopped`;
  if (run.exitCode !== 0 && run.stopReason === "exited") {
    const firstLine = run.stderr.split("\n").find((line) => line.trim() !== "") ?? "no message";
    return `${executable} exited with status ${run.exitCode}: ${firstLine.trim()}`;
  }
  return undefined;
};

export interface RunRecordExtras {
  argv: string[];
  cpuByProcess: ProcessCpu[];
  overhead?: StepOverhead;
  // Why the step ended as it did, when there is more to say than the stop reason.
  stopNote?: string;
}

// Turns a finished tool run into the step result: failure reasons, or parsed measurements and findings.
// Live runs and replays of recorded bundles both come through here, so both reach the same findings.
export const analyseToolRun = (
  input: StepInput,
  invocation: Pick<Invocation, "flavour" | "executable" | "parse">,
  run: ToolRun,
  extras: RunRecordExtras,
): StepResult => {
  const ran = {
    ...base(input),
    cpuByProcess: extras.cpuByProcess,
    ...(extras.overhead ? { overhead: extras.overhead } : {}),
    flavour: invocation.flavour,
    durationMs: run.durationMs,
    argv: extras.argv,
    stopReason: run.stopReason,
    exitCode: run.exitCode,
    stdout: run.stdout,
    stderr: run.stderr,
  };
  const failure = failureOf(run, invocation.executable);
  if (failure !== undefined) return { ...ran, status: "failed", reason: failure };
  try {
    const parsed = invocation.parse(run.stdout, `${invocation.executable} stdout`);
    const { measurements, findings } = detect(input.stepId, parsed.measurements, input.detectors, { cpuByProcess: extras.cpuByProcess });
    const notes = parsed.notes.filter((note) => note.kind !== "banner").map((note) => `line ${note.line}: ${note.text}`);
    if (run.stopReason === "cancelled") return { ...ran, status: "failed", measurements, findings, notes, reason: "interrupted: partial output parsed" };
    const planned = run.stopReason === "stopped" ? `stopped with SIGINT after ${(run.durationMs / 1000).toFixed(1)} s as planned` : undefined;
    const note = extras.stopNote ?? planned;
    return { ...ran, status: "ok", measurements, findings, notes, ...(note === undefined ? {} : { reason: note }) };
  } catch (error) {
    if (error instanceof ParseError) return { ...ran, status: "failed", reason: error.message };
    throw error;
  }
};

// The step runner used by live runs.
export const runProbe = async (input: StepInput, env: ProbeEnvironment): Promise<StepResult> => {
  const choice = chooseFlavour(input, env.remainingMs, env.host ?? liveHost);
  if (choice.kind === "settled") return choice.result;
  const { invocation, path } = choice;
  const durationMs = choice.durationSec * 1000;
  const snapshotCpu = env.snapshotCpu ?? snapshotProcessCpu;
  const cpuBefore = snapshotCpu();
  const childrenBefore = childrenCpuMs();
  const bpf = new BpfRunTimeTracker();
  const watch = invocation.intervalOutput ? watchForEarlyStop(input, invocation) : undefined;
  // Tools buffer stdout fully when it is a pipe; stdbuf makes each interval arrive as it is printed.
  const stdbuf = watch ? (env.host ?? liveHost).resolve("stdbuf") : undefined;
  const run = await (env.run ?? runTool)({
    file: stdbuf ?? path,
    args: stdbuf ? ["-oL", path, ...invocation.argv] : invocation.argv,
    timeoutMs: durationMs + (env.limits?.slackMs ?? HARD_LIMIT_SLACK_MS),
    ...(env.limits ? { graceMs: env.limits.graceMs } : {}),
    ...(invocation.stopBy === "signal" ? { stopAfterMs: durationMs } : {}),
    signal: env.signal,
    ...(env.bpfStats ? { observe: { intervalMs: BPF_SAMPLE_MS, sample: (pid: number) => bpf.sample(pid) } } : {}),
    ...(watch ? { onStdout: watch.onStdout, earlyStop: watch.signal } : {}),
  });
  const stopNote =
    watch?.reason() ?? (watch && run.stopReason === "exited" ? `ran the full ${choice.durationSec} s: the verdict was not decisive earlier` : undefined);
  const toolPids = new Set(run.pid === undefined ? [] : [run.pid]);
  const cpuByProcess = diffProcessCpu(cpuBefore, snapshotCpu())
    .filter((usage) => usage.pid !== process.pid && !toolPids.has(usage.pid))
    .slice(0, CPU_TOP);
  const totals = bpf.totals();
  const overhead: StepOverhead = {
    toolCpuMs: Math.round(childrenCpuMs() - childrenBefore),
    bpfRunTimeNs: env.bpfStats ? totals.runTimeNs : null,
    bpfPrograms: totals.programs,
    bpfRunCount: totals.runCount,
  };
  return analyseToolRun(input, invocation, run, { argv: [path, ...invocation.argv], cpuByProcess, overhead, ...(stopNote ? { stopNote } : {}) });
};
