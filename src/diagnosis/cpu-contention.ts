// Rule: a run-queue tail, explained by the tasks that held the CPUs while others waited -> cpu-contention.

import { basename } from "node:path";
import { toMicros } from "../detectors/describe-histogram.js";
import type { CpuHoldersFinding, Finding, RunqTailFinding, UseSuspectsFinding } from "../model/finding.js";
import type { Culprit, Evidence, RootCause } from "../model/report.js";
import { PROBES } from "../probes/registry.js";
import { formatMicros, formatShare, joinNames } from "./format.js";

// Our own tracing tools show up in their own output; they are the observer, not a culprit or victim. A comm is the
// executable's base name cut to 15 characters (the native tools' executables are absolute paths).
const OBSERVER_COMMS = new Set(["bpftriage", ...PROBES.flatMap((probe) => probe.flavours.map((flavour) => basename(flavour.executable).slice(0, 15)))]);

// The idle task shows up as "previous task" when a CPU was idle: it never competes for CPU time.
const isBystander = (comm: string): boolean => /^swapper\/\d+$/.test(comm) || OBSERVER_COMMS.has(comm);

// Waits of 10 ms or more at p99 hurt interactive and request-serving work badly.
const CRITICAL_P99_US = 10_000;

// Builds the cpu-contention root cause, or nothing when the run queue was fine.
export const diagnoseCpuContention = (findings: readonly Finding[]): RootCause[] => {
  const tail = findings.find((f): f is RunqTailFinding => f.kind === "runq-tail");
  if (tail === undefined) return [];
  const holdersFinding = findings.find((f): f is CpuHoldersFinding => f.kind === "cpu-holders");
  const busyHolders = (holdersFinding?.holders ?? []).filter((holder) => !isBystander(holder.comm));
  const busyShare = busyHolders.reduce((sum, holder) => sum + holder.share, 0);
  const culprits: Culprit[] = busyHolders
    .filter((holder) => holder.share >= 0.05)
    .map((holder) => ({
      kind: "process",
      name: holder.comm,
      ...(holder.pids.length === 1 && holder.pids[0] !== undefined ? { pid: holder.pids[0] } : {}),
      share: Number(holder.share.toFixed(3)),
    }));
  const maxWaitUs = toMicros(tail.maxWait, tail.unit);
  const p99Us = tail.p99 === null ? null : toMicros(tail.p99, tail.unit);
  const evidence: Evidence[] = tail.reasons.map((detail) => ({ step: tail.stepId, probe: "runqlat", statistic: "run-queue latency", detail }));
  const shareOf = holdersFinding?.basis === "on-cpu-time" ? "of the on-CPU time while others waited" : "of the wait at slow wake-ups";
  if (holdersFinding) {
    const holderText = busyHolders
      .filter((holder) => holder.share >= 0.01)
      .slice(0, 3)
      .map((holder) => `${holder.comm} ${formatShare(holder.share)}${holder.cpuMs === null ? "" : ` (${(holder.cpuMs / 1000).toFixed(1)} s CPU)`}`)
      .join(", ");
    evidence.push({
      step: holdersFinding.stepId,
      probe: "runqslower",
      statistic: holdersFinding.basis === "on-cpu-time" ? "on-CPU time by process during the slow wake-ups" : "previous task at slow wake-ups",
      detail: `${holdersFinding.events} wake-ups waited longer than the threshold; share ${shareOf}: ${holderText}`,
    });
  }
  const culpritNames = new Set(culprits.map((culprit) => culprit.name));
  const waiting = (holdersFinding?.victims ?? []).map((victim) => victim.comm).filter((comm) => !isBystander(comm));
  const innocent = waiting.filter((comm) => !culpritNames.has(comm));
  const victims = (innocent.length > 0 ? innocent : waiting).slice(0, 3);
  const who = victims.length > 0 ? `threads of ${joinNames(victims)}` : "runnable threads";
  const because =
    culprits.length > 0
      ? ` because ${joinNames(culprits.slice(0, 3).map((c) => c.name))} held the CPUs (${culprits[0]?.name}: ${formatShare(culprits[0]?.share ?? 0)} ${shareOf})`
      : "";
  // Run-queue waits on a CPU-idle box come from wake-up placement (often a lock hand-off), not from a neighbour.
  const use = findings.find((f): f is UseSuspectsFinding => f.kind === "use-suspects");
  const saturation = use === undefined ? 1 : Math.max(0.4, use.scores.cpu);
  if (use !== undefined && use.scores.cpu < 0.2) {
    evidence.push({ step: use.stepId, probe: "use-sweep", statistic: "CPU saturation", detail: "the USE sweep saw no CPU saturation, so the waits are more likely wake-up placement than a CPU hog" });
  }
  const confidence = saturation * Math.min(0.95, 0.55 + (culprits.length > 0 ? 0.25 + 0.15 * busyShare : 0));
  const severity = (p99Us ?? 0) >= CRITICAL_P99_US || maxWaitUs >= 10 * CRITICAL_P99_US ? "critical" : "warning";
  const top = culprits[0]?.name ?? "the busiest tasks";
  return [
    {
      id: "cpu-contention",
      confidence: Number(confidence.toFixed(2)),
      severity,
      summary: `${who} waited up to ${formatMicros(maxWaitUs)} for a CPU${because}`,
      culprits,
      evidence,
      recommendations: [
        `Pin ${top} away from the latency-sensitive service: \`taskset -cp <cpus> <pid>\`, or give each its own cpuset cgroup (cpuset.cpus).`,
        `Lower ${top}'s priority (\`renice +10 -p <pid>\`) or cap it with a CPU quota (cgroup v2 cpu.max, systemd CPUQuota=).`,
        "If the box is simply short of CPU for its load, add cores or spread the work; confirm with `mpstat -P ALL 1` and the run-queue length.",
      ],
    },
  ];
};
