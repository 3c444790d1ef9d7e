// Rule: a block device whose latency has a slow mode or tail -> slow-device, one root cause per device.

import { toMicros } from "../detectors/describe-histogram.js";
import type { DiskSlowModeFinding, Finding } from "../model/finding.js";
import type { RootCause } from "../model/report.js";
import { formatMicros } from "./format.js";

// Block I/O waits of 100 ms or more at p99 stall almost any workload.
const CRITICAL_P99_US = 100_000;

// Builds one slow-device root cause per slow disk.
export const diagnoseSlowDevice = (findings: readonly Finding[]): RootCause[] =>
  findings
    .filter((f): f is DiskSlowModeFinding => f.kind === "disk-slow-mode")
    .map((finding) => {
      const p99Us = finding.p99 === null ? 0 : toMicros(finding.p99, finding.unit);
      const slowMode = finding.modes[finding.modes.length - 1];
      const modeText = slowMode && finding.modes.length > 1 ? `; a slow mode at ${slowMode.low}-${slowMode.high} ${finding.unit}` : "";
      return {
        id: "slow-device" as const,
        confidence: finding.modes.length > 1 ? 0.8 : 0.6,
        severity: p99Us >= CRITICAL_P99_US ? ("critical" as const) : ("warning" as const),
        summary: `block I/O on ${finding.disk} is slow: p99 ${formatMicros(p99Us)}${modeText}`,
        culprits: [{ kind: "device" as const, name: finding.disk }],
        evidence: finding.reasons.map((detail) => ({ step: finding.stepId, probe: "biolatency", statistic: "block I/O latency", detail })),
        recommendations: [
          `Check ${finding.disk}'s health and queue (\`iostat -x 1\`, \`smartctl -a\`), and whether a throttle (cgroup io.max) or a noisy neighbour on shared storage slows it.`,
          `Find who issues the slow I/O (\`biosnoop\`), move hot data off ${finding.disk}, or lower the offender's I/O priority (\`ionice -c3 -p <pid>\`).`,
        ],
      };
    });
