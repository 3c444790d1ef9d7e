// Rule: file operations slower than the probe's threshold -> slow-file-ops, naming the file or directory and process.

import type { DiskSlowModeFinding, Finding, SlowFileOpsFinding } from "../model/finding.js";
import type { RootCause } from "../model/report.js";

const OPS: Record<string, string> = { R: "reads", W: "writes", O: "opens", F: "fsyncs", S: "fsyncs", G: "getattrs" };

// Builds the slow-file-ops root cause from the most affected file.
export const diagnoseSlowFileOps = (findings: readonly Finding[]): RootCause[] => {
  const finding = findings.find((f): f is SlowFileOpsFinding => f.kind === "slow-file-ops");
  const top = finding?.files[0];
  if (finding === undefined || top === undefined) return [];
  const ops = Object.entries(top.ops)
    .sort((a, b) => b[1] - a[1])
    .map(([op, count]) => `${count} ${OPS[op] ?? op}`)
    .join(", ");
  // A slow disk explains slow file operations on it: the device is then the root cause and this its symptom.
  const explainedByDisk = findings.some((f): f is DiskSlowModeFinding => f.kind === "disk-slow-mode");
  return [
    {
      id: "slow-file-ops",
      confidence: explainedByDisk ? 0.55 : 0.7,
      severity: top.maxMs >= 100 ? "critical" : "warning",
      summary: `${finding.events} slow file operations; ${top.comm} (pid ${top.pid}) on ${top.file}: ${ops}, up to ${top.maxMs} ms`,
      culprits: [
        { kind: "file", name: top.file },
        { kind: "process", name: top.comm, pid: top.pid },
      ],
      evidence: finding.files.map((file) => ({
        step: finding.stepId,
        probe: "fsslower",
        statistic: "slow operations by file and process",
        detail: `${file.comm} (${file.pid}) ${file.file}: ${file.count} ops, max ${file.maxMs} ms`,
      })),
      recommendations: [
        `Check the device behind ${top.directory} (biolatency -D, iostat -x) and whether ${top.comm} needs every ${OPS[Object.keys(top.ops)[0] ?? ""] ?? "operation"} to be synchronous (batch fsyncs, group commits).`,
        `Move ${top.directory} to faster storage, or lower the I/O priority of other writers there (ionice -c3).`,
      ],
    },
  ];
};
