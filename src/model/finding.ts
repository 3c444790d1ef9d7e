// Findings: what detectors conclude from one step's measurements; guards and the diagnosis read them.

import type { Mode, Quantiles, TailKind } from "./measurement.js";

interface FindingBase {
  stepId: string;
}

// Latency findings say whether more data could still change them (interval probes stop early when not).
interface Decisive {
  decisive: boolean;
}

// The run queue shows a tail or a second hump above the step's threshold.
export interface RunqTailFinding extends FindingBase, Decisive {
  kind: "runq-tail";
  p50: number | null;
  p99: number | null;
  unit: string;
  reasons: string[];
  // The slowest waits seen: the upper edge of the top occupied bucket.
  maxWait: number;
  modes: Mode[];
  tail: TailKind;
}

// The run queue is fine: the step can be passed quickly.
export interface RunqHealthyFinding extends FindingBase, Decisive {
  kind: "runq-healthy";
  quantiles: Quantiles;
  total: number;
  unit: string;
}

export interface CpuHolder {
  comm: string;
  pids: number[];
  // CPU time this command used during the step's window, when /proc could be read.
  cpuMs: number | null;
  // Share of all on-CPU time in the window, or of the victims' wait when CPU time is unknown.
  share: number;
  // Slow wake-ups at which this task was the one switched out (runqslower -P's PREV COMM).
  prevTaskEvents: number;
}

export interface CpuVictim {
  comm: string;
  events: number;
  maxLatUs: number;
}

// Who held the CPUs while others waited (runqslower -P).
export interface CpuHoldersFinding extends FindingBase {
  kind: "cpu-holders";
  // "on-cpu-time": shares of CPU time in the window; "previous-task": shares of the victims' wait by PREV COMM.
  basis: "on-cpu-time" | "previous-task";
  events: number;
  holders: CpuHolder[];
  victims: CpuVictim[];
}

// A block device whose latency distribution has a slow mode or tail.
export interface DiskSlowModeFinding extends FindingBase, Decisive {
  kind: "disk-slow-mode";
  disk: string;
  p99: number | null;
  unit: string;
  reasons: string[];
  modes: Mode[];
  tail: TailKind;
}

// A block device whose latency looks normal.
export interface DiskHealthyFinding extends FindingBase, Decisive {
  kind: "disk-healthy";
  disk: string;
  quantiles: Quantiles;
  total: number;
  unit: string;
}

export type Resource = "cpu" | "io" | "memory";

// The USE sweep's suspicion per resource (0 = nothing points there, 1 = saturated), which orders the checklist.
export interface UseSuspectsFinding extends FindingBase {
  kind: "use-suspects";
  scores: Record<Resource, number>;
  reasons: string[];
}

export type BlockingKind = "lock" | "io" | "sleep" | "idle" | "preempted" | "other";

export interface BlockedProcess {
  comm: string;
  // The id when a single thread or process was seen, else null.
  pid: number | null;
  // How many distinct thread (or process) ids blocked.
  threads: number;
  // Off-CPU milliseconds in the window, by what the threads were waiting for.
  byKind: Record<BlockingKind, number>;
  // The heaviest blocking stack of the leading kind, innermost frame first, tracer frames removed.
  topStack: { frames: string[]; ms: number; kind: BlockingKind };
}

// Threads spent a large share of the window blocked on locks (or I/O), per process.
export interface OffCpuFinding extends FindingBase {
  kind: "off-cpu-blocked";
  windowSec: number;
  processes: BlockedProcess[];
}

// A parent spawning short-lived processes at a high rate.
export interface ProcessChurnFinding extends FindingBase {
  kind: "process-churn";
  windowSec: number;
  execsPerSec: number;
  parents: Array<{ ppid: number; comm: string | null; execs: number; share: number; children: string[] }>;
}

// Page-cache insertions (misses) at a high rate with a poor hit ratio.
export interface CacheThrashFinding extends FindingBase {
  kind: "cache-thrash";
  missesPerSec: number;
  hitRatio: number | null;
  readers: Array<{ comm: string; pid: number | null; misses: number; share: number }>;
}

// File operations slower than the probe's threshold, grouped by file and process.
export interface SlowFileOpsFinding extends FindingBase {
  kind: "slow-file-ops";
  events: number;
  files: Array<{ file: string; directory: string; comm: string; pid: number; ops: Record<string, number>; count: number; maxMs: number }>;
}

// The probe ran but saw nothing to measure.
export interface NoEventsFinding extends FindingBase {
  kind: "no-events";
  probe: string;
}

export type Finding =
  | RunqTailFinding
  | RunqHealthyFinding
  | CpuHoldersFinding
  | DiskSlowModeFinding
  | DiskHealthyFinding
  | UseSuspectsFinding
  | OffCpuFinding
  | ProcessChurnFinding
  | CacheThrashFinding
  | SlowFileOpsFinding
  | NoEventsFinding;

// Every finding kind, as data for schemas; the check below keeps it equal to the union.
export const FINDING_KINDS = ["runq-tail", "runq-healthy", "cpu-holders", "disk-slow-mode", "disk-healthy", "use-suspects", "off-cpu-blocked", "process-churn", "cache-thrash", "slow-file-ops", "no-events"] as const;

export type FindingKind = Finding["kind"];

// Findings that point at a root cause (the others say "fine", "nothing seen" or where to look).
export const PROBLEM_FINDINGS: ReadonlySet<FindingKind> = new Set([
  "runq-tail",
  "disk-slow-mode",
  "cache-thrash",
  "slow-file-ops",
  "off-cpu-blocked",
  "process-churn",
]);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const findingKindsComplete: Same<FindingKind, (typeof FINDING_KINDS)[number]> = true;
