// Turns biolatency histograms (one per disk with -D) into per-disk slow-mode or healthy findings.

import type { Finding } from "../model/finding.js";
import type { HistogramMeasurement, Measurement } from "../model/measurement.js";
import { isDecisive, latencyTailReasons } from "./latency-tail.js";

// Judges each disk's described histogram on its own.
export const detectDiskLatency = (stepId: string, measurements: Measurement[], minUs: number): Finding[] => {
  const histograms = measurements.filter((m): m is HistogramMeasurement => m.kind === "histogram" && m.total > 0);
  if (histograms.length === 0) return [{ kind: "no-events", stepId, probe: "biolatency" }];
  return histograms.map((histogram): Finding => {
    const disk = histogram.labels.disk ?? "all disks";
    const p99 = histogram.quantiles?.p99 ?? null;
    const reasons = latencyTailReasons(histogram, minUs);
    if (reasons.length === 0) {
      const quantiles = histogram.quantiles ?? { p50: null, p90: null, p99: null, p999: null };
      return { kind: "disk-healthy", stepId, disk, quantiles, total: histogram.total, unit: histogram.unit, decisive: isDecisive(histogram, minUs, false) };
    }
    return {
      kind: "disk-slow-mode",
      stepId,
      decisive: isDecisive(histogram, minUs, true),
      disk,
      p99,
      unit: histogram.unit,
      reasons,
      modes: histogram.shape?.modes ?? [],
      tail: histogram.shape?.tail ?? "none",
    };
  });
};
