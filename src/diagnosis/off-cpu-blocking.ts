// Rule: threads of a process spent much of the window blocked on locks (futex, mutex, rwsem) -> off-cpu-blocking.

import type { Finding, OffCpuFinding } from "../model/finding.js";
import type { RootCause } from "../model/report.js";
import { formatMicros } from "./format.js";

// Builds one root cause for the process most blocked on locks; I/O blocking is left to the disk rules.
export const diagnoseOffCpuBlocking = (findings: readonly Finding[]): RootCause[] => {
  const finding = findings.find((f): f is OffCpuFinding => f.kind === "off-cpu-blocked");
  const top = finding?.processes.find((process) => process.byKind.lock >= process.byKind.io);
  if (finding === undefined || top === undefined) return [];
  const lockMs = top.byKind.lock;
  const threadsBlocked = lockMs / (finding.windowSec * 1000);
  const frames = top.topStack.frames.slice(0, 6).join(" <- ");
  return [
    {
      id: "off-cpu-blocking",
      confidence: Number(Math.min(0.9, 0.5 + 0.1 * threadsBlocked).toFixed(2)),
      severity: threadsBlocked >= 2 ? "critical" : "warning",
      summary: `${top.threads} threads of ${top.comm} spent ${formatMicros(lockMs * 1000)} blocked on locks in ${finding.windowSec} s (about ${threadsBlocked.toFixed(1)} threads waiting at any time)`,
      culprits: [{ kind: "process", name: top.comm, ...(top.pid === null ? {} : { pid: top.pid }) }],
      evidence: [
        {
          step: finding.stepId,
          probe: "offcputime",
          statistic: "off-CPU time by blocking kind",
          detail: `${top.comm}: lock ${top.byKind.lock} ms, I/O ${top.byKind.io} ms, sleep ${top.byKind.sleep} ms; heaviest stack (${Math.round(top.topStack.ms)} ms): ${frames}`,
        },
      ],
      recommendations: [
        `Find the contended lock in ${top.comm}'s user stack (offcputime with user stacks, or perf lock contention) and shorten the critical section or shard the lock.`,
        "If threads outnumber the useful parallelism, reduce the pool size; lock convoys grow with thread count.",
      ],
    },
  ];
};
