// Rule: a block device whose latency has a slow mode or tail -> slow-device, one root cause per device.

import type { DiskHealthyFinding, DiskSlowModeFinding, Finding, SlowFileOpsFinding } from "../model/finding.js";
import type { Culprit, RootCause } from "../model/report.js";

// Block I/O waits of 100 ms or more stall almost any workload.
const CRITICAL_US = 100_000;

// The slowest quantile the finding's sample supports, in microseconds, with its name.
const slowest = (finding: DiskSlowModeFinding): string => finding.reasons[0] ?? "slow";

// Builds one slow-device root cause per slow disk. It outranks the slow file operations it explains when the
// other disks are healthy (one degrading disk among healthy ones) and when slow file operations corroborate it.
export const diagnoseSlowDevice = (findings: readonly Finding[]): RootCause[] => {
  const healthy = findings.filter((f): f is DiskHealthyFinding => f.kind === "disk-healthy");
  const fileOps = findings.find((f): f is SlowFileOpsFinding => f.kind === "slow-file-ops");
  return findings
    .filter((f): f is DiskSlowModeFinding => f.kind === "disk-slow-mode")
    .map((finding) => {
      const slowMode = finding.modes[finding.modes.length - 1];
      const modeText = slowMode && finding.modes.length > 1 ? `; a slow mode at ${slowMode.low}-${slowMode.high} ${finding.unit}` : "";
      const others = healthy.filter((disk) => disk.disk !== finding.disk).map((disk) => disk.disk);
      const contrast = others.length > 0 ? ` while ${others.join(", ")} ${others.length === 1 ? "is" : "are"} fast` : "";
      const issuers: Culprit[] = [...new Map((fileOps?.files ?? []).map((file) => [`${file.comm}/${file.pid}`, file])).values()]
        .slice(0, 3)
        .map((file) => ({ kind: "process", name: file.comm, pid: file.pid }));
      const confidence = (finding.modes.length > 1 ? 0.7 : 0.6) + (others.length > 0 ? 0.15 : 0) + (issuers.length > 0 ? 0.1 : 0);
      const worstUs = Math.max(...finding.modes.map((mode) => (finding.unit === "msecs" ? mode.high * 1000 : mode.high)), 0);
      return {
        id: "slow-device" as const,
        confidence: Number(Math.min(0.95, confidence).toFixed(2)),
        severity: worstUs >= CRITICAL_US ? ("critical" as const) : ("warning" as const),
        summary: `block I/O on ${finding.disk} is slow: ${slowest(finding)}${modeText}${contrast}`,
        culprits: [{ kind: "device" as const, name: finding.disk }, ...issuers],
        evidence: [
          ...finding.reasons.map((detail) => ({ step: finding.stepId, probe: "biolatency", statistic: `block I/O latency on ${finding.disk}`, detail })),
          ...(others.length > 0 ? [{ step: finding.stepId, probe: "biolatency", statistic: "other disks", detail: `${others.join(", ")} within the threshold` }] : []),
          ...(fileOps ? [{ step: fileOps.stepId, probe: "fsslower", statistic: "slow file operations", detail: `${fileOps.events} slow operations, most by ${issuers.map((c) => c.name).join(", ")}` }] : []),
        ],
        recommendations: [
          `Check ${finding.disk}'s health and queue (\`iostat -x 1\`, \`smartctl -a\`), and whether a throttle (cgroup io.max / blkio.throttle) or a noisy neighbour on shared storage slows it.`,
          `Move latency-sensitive files off ${finding.disk}, or lower other writers' I/O priority there (\`ionice -c3 -p <pid>\`).`,
        ],
      };
    });
};
