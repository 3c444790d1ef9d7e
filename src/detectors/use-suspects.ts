// Scores how strongly the USE sweep points at CPU, disk I/O and memory, so the checklist looks there first.

import type { Finding, Resource } from "../model/finding.js";
import type { Measurement } from "../model/measurement.js";

interface Reading {
  resource: string;
  metric: string;
  value: number;
}

// Maps a reading onto 0..1 between where it starts to matter and where it is clearly saturated.
const ramp = (value: number, from: number, to: number): number => Math.min(1, Math.max(0, (value - from) / (to - from)));

// Rules: [resource, metric match, from, to, what it means]. PSI "some" is the share of time some task stalled.
const RULES: ReadonlyArray<readonly [Resource, (r: Reading) => boolean, number, number, string]> = [
  ["cpu", (r) => r.resource === "cpu" && r.metric === "psi-some", 5, 40, "of the time tasks waited for a CPU (PSI)"],
  ["cpu", (r) => r.resource === "cpu" && r.metric === "utilization", 70, 95, "CPU utilization"],
  ["cpu", (r) => r.resource === "cpu" && r.metric === "runnable-per-cpu", 1, 3, "runnable tasks per CPU"],
  ["io", (r) => r.resource === "io" && r.metric === "psi-some", 5, 40, "of the time tasks waited for I/O (PSI)"],
  ["io", (r) => r.resource.startsWith("disk:") && r.metric === "utilization", 50, 95, "busy"],
  ["io", (r) => r.resource.startsWith("disk:") && r.metric === "await", 10, 100, "average I/O wait in ms"],
  ["memory", (r) => r.resource === "memory" && r.metric === "psi-some", 5, 40, "of the time tasks waited for memory (PSI)"],
  ["memory", (r) => r.resource === "memory" && r.metric === "refaults", 500, 20_000, "page-cache refaults per second"],
  ["memory", (r) => r.resource === "memory" && r.metric === "oom-kills", 0, 1, "OOM kills"],
];

// Reads the sweep's series and returns one use-suspects finding.
export const detectUseSuspects = (stepId: string, measurements: Measurement[]): Finding[] => {
  const readings: Reading[] = measurements.flatMap((m) =>
    m.kind === "series" ? m.rows.map((row) => ({ resource: String(row.RESOURCE), metric: String(row.METRIC), value: Number(row.VALUE) })) : [],
  );
  if (readings.length === 0) return [{ kind: "no-events", stepId, probe: "use-sweep" }];
  const scores: Record<Resource, number> = { cpu: 0, io: 0, memory: 0 };
  const reasons: string[] = [];
  for (const reading of readings) {
    for (const [resource, matches, from, to, meaning] of RULES) {
      if (!matches(reading)) continue;
      const score = ramp(reading.value, from, to);
      if (score > 0) reasons.push(`${reading.resource} ${reading.metric} ${reading.value}: ${meaning}`);
      scores[resource] = Math.max(scores[resource], Number(score.toFixed(3)));
    }
  }
  return [{ kind: "use-suspects", stepId, scores, reasons }];
};
