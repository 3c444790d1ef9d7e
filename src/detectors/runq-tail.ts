// Turns a runqlat histogram into a run-queue finding: a tail worth drilling into, or healthy.

import type { Finding } from "../model/finding.js";
import type { HistogramMeasurement, Measurement } from "../model/measurement.js";
import { describeHistogram, maxObserved } from "./describe-histogram.js";
import { isDecisive, latencyTailReasons } from "./latency-tail.js";
import { mergeHistograms } from "./merge-histograms.js";

// Reads the described runqlat histograms of a step (per-process ones are judged merged).
export const detectRunqTail = (stepId: string, measurements: Measurement[], minUs: number): Finding[] => {
  const histograms = measurements.filter((m): m is HistogramMeasurement => m.kind === "histogram");
  const merged = mergeHistograms(histograms);
  if (merged === undefined || merged.total === 0) return [{ kind: "no-events", stepId, probe: "runqlat" }];
  const described = histograms.length === 1 && histograms[0] ? histograms[0] : describeHistogram(merged);
  const reasons = latencyTailReasons(described, minUs);
  const p50 = described.quantiles?.p50 ?? null;
  const p99 = described.quantiles?.p99 ?? null;
  if (reasons.length === 0) {
    const quantiles = described.quantiles ?? { p50: null, p90: null, p99: null, p999: null };
    return [{ kind: "runq-healthy", stepId, quantiles, total: described.total, unit: described.unit, decisive: isDecisive(described, minUs, false) }];
  }
  return [
    {
      kind: "runq-tail",
      stepId,
      decisive: isDecisive(described, minUs, true),
      p50,
      p99,
      unit: described.unit,
      reasons,
      maxWait: maxObserved(described),
      modes: described.shape?.modes ?? [],
      tail: described.shape?.tail ?? "none",
    },
  ];
};
