// Rule: a parent spawning short-lived processes at a high rate -> process-churn.

import type { Finding, ProcessChurnFinding } from "../model/finding.js";
import type { RootCause } from "../model/report.js";
import { formatShare } from "./format.js";

// Above this many execs per second the exec path itself (fork, exec, page faults) costs whole CPUs.
const CRITICAL_EXECS_PER_SEC = 500;

// Builds the process-churn root cause naming the parent behind most execs.
export const diagnoseProcessChurn = (findings: readonly Finding[]): RootCause[] => {
  const finding = findings.find((f): f is ProcessChurnFinding => f.kind === "process-churn");
  const parent = finding?.parents[0];
  if (finding === undefined || parent === undefined) return [];
  const name = parent.comm ?? `pid ${parent.ppid}`;
  return [
    {
      id: "process-churn",
      confidence: Number(Math.min(0.9, 0.6 + 0.3 * parent.share).toFixed(2)),
      severity: finding.execsPerSec >= CRITICAL_EXECS_PER_SEC ? "critical" : "warning",
      summary: `${name} started ${finding.execsPerSec} processes per second (${formatShare(parent.share)} of all execs), mostly ${parent.children.join(", ")}`,
      culprits: [{ kind: "process", name, pid: parent.ppid, share: parent.share }],
      evidence: [
        {
          step: finding.stepId,
          probe: "execsnoop",
          statistic: "execs per second by parent",
          detail: `${finding.execsPerSec}/s over ${finding.windowSec} s; parent ${parent.ppid} (${name}) ${parent.execs} execs`,
        },
      ],
      recommendations: [
        `Make ${name} do the work in-process or keep a long-lived worker instead of spawning ${parent.children[0] ?? "a child"} per item.`,
        "If it is a shell loop or a health check, lower its frequency or batch it.",
      ],
    },
  ];
};
