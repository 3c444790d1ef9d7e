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

export interface Candidate {
  invocation: Invocation;
  path: string;
}

export type FlavourChoice =
  | { kind: "chosen"; candidates: Candidate[]; durationSec: number; skipped: string[] }
  | { kind: "settled"; result: StepResult };

// Shortens the probe's planned duration so the step ends within the remaining budget.
const clampDuration = (params: Record<string, unknown>, remainingMs: number): Record<string, unknown> => {
  const planned = typeof params.durationSec === "number" ? params.durationSec : undefined;
  const allowed = Math.max(1, Math.floor(remainingMs / 1000) - RESERVE_SEC - 1);
  return planned === undefined || planned <= allowed ? params : { ...params, durationSec: allowed };
};

// Lists the flavours that pass preflight here, in preference order, or settles the step as unavailable with every reason.
export const chooseFlavour = (input: StepInput, remainingMs: number, host: HostChecks): FlavourChoice => {
  const probe = findProbe(input.probe);
  if (probe === undefined) return { kind: "settled", result: { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: `unknown probe ${input.probe}` } };
  const startup = Math.max(0, ...probe.flavours.map((flavour) => flavour.startupSec ?? 0));
  const planned = probe.plan(clampDuration(input.params, remainingMs - startup * 1000));
  if (!planned.ok) return { kind: "settled", result: { ...base(input), status: "failed", flavour: null, durationMs: 0, reason: planned.message } };
  const checks = planned.plan.invocations.map((invocation) => ({ invocation, check: checkFlavour(invocation, host) }));
  const candidates = checks.flatMap(({ invocation, check }) => (check.status === "available" ? [{ invocation, path: check.path }] : []));
  const reasons = checks.flatMap(({ check }) => (check.status === "unavailable" ? check.reasons.map((r) => `${check.flavour}: ${r}`) : []));
  if (candidates.length > 0) return { kind: "chosen", candidates, durationSec: planned.plan.durationSec, skipped: reasons };
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

// Runs an in-process flavour (procfs readers): same result shape and analysis as a tool run.
const runInProcess = async (
  input: StepInput,
  invocation: Invocation,
  collect: (signal: AbortSignal) => Promise<string>,
  env: ProbeEnvironment,
): Promise<StepResult> => {
  const started = performance.now();
  const stdout = await collect(env.signal);
  const run: ToolRun = {
    stdout,
    stderr: "",
    exitCode: 0,
    signal: null,
    durationMs: Math.round(performance.now() - started),
    stopReason: env.signal.aborted ? "cancelled" : "exited",
  };
  return analyseToolRun(input, invocation, run, { argv: [invocation.executable, ...invocation.argv], cpuByProcess: [] });
};

// A flavour that passed preflight but could not start tracing (exit status, no output) lets the next one try.
const failedToStart = (result: StepResult): boolean =>
  result.status === "failed" && result.stopReason === "exited" && result.exitCode !== 0 && result.measurements.length === 0;

// Runs one flavour of the step as a tool, with the observer's accounting around it.
const runCandidate = async (input: StepInput, candidate: Candidate, durationSec: number, env: ProbeEnvironment): Promise<StepResult> => {
  const { invocation, path } = candidate;
  // A substitute runner (tests, fakes) replaces in-process collectors too, so every source of output can be stood in for.
  if (invocation.collect && env.run === undefined) return runInProcess(input, invocation, invocation.collect, env);
  const durationMs = durationSec * 1000;
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
    timeoutMs: durationMs + invocation.startupSec * 1000 + (env.limits?.slackMs ?? HARD_LIMIT_SLACK_MS),
    ...(env.limits ? { graceMs: env.limits.graceMs } : {}),
    ...(invocation.stopBy === "signal" ? { stopAfterMs: durationMs + invocation.startupSec * 1000 } : {}),
    signal: env.signal,
    ...(env.bpfStats ? { observe: { intervalMs: BPF_SAMPLE_MS, sample: (pid: number) => bpf.sample(pid) } } : {}),
    ...(watch ? { onStdout: watch.onStdout, earlyStop: watch.signal } : {}),
  });
  const stopNote = watch?.reason() ?? (watch && run.stopReason === "exited" ? `ran the full ${durationSec} s: the verdict was not decisive earlier` : undefined);
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

// The step runner used by live runs: the most preferred flavour that passes preflight, falling through to the
// next when one cannot start (e.g. libbpf-tools built for fentry on a kernel without it).
export const runProbe = async (input: StepInput, env: ProbeEnvironment): Promise<StepResult> => {
  const choice = chooseFlavour(input, env.remainingMs, env.host ?? liveHost);
  if (choice.kind === "settled") return choice.result;
  const failures: string[] = [];
  let result: StepResult | undefined;
  for (const candidate of choice.candidates) {
    result = await runCandidate(input, candidate, choice.durationSec, env);
    if (!failedToStart(result) || env.signal.aborted) break;
    failures.push(`${candidate.invocation.flavour}: ${result.reason ?? "failed"}`);
  }
  if (result === undefined) throw new Error(`no candidate ran for step ${input.stepId}`);
  const earlier = failures.slice(0, result.status === "failed" ? -1 : undefined);
  if (earlier.length === 0) return result;
  const note = `after ${earlier.join("; ")}`;
  return { ...result, reason: result.reason === undefined ? note : `${result.reason} (${note})` };
};
