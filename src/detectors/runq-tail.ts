// Turns a runqlat histogram into a run-queue finding: a tail worth drilling into, or healthy.

import type { Finding } from "../model/finding.js";
import type { HistogramMeasurement, Measurement } from "../model/measurement.js";
import { describeHistogram, maxObserved } from "./describe-histogram.js";
import { latencyTailReasons } from "./latency-tail.js";

// Merges per-key histograms (runqlat -P) into one system-wide histogram on the same grid.
export const mergeHistograms = (histograms: HistogramMeasurement[]): HistogramMeasurement | undefined => {
  const [first, ...rest] = histograms;
  if (first === undefined) return undefined;
  const byLow = new Map<number, { low: number; high: number | null; count: number }>();
  for (const histogram of [first, ...rest]) {
    for (const bucket of histogram.buckets) {
      const existing = byLow.get(bucket.low);
      if (existing) existing.count += bucket.count;
      else byLow.set(bucket.low, { ...bucket });
    }
  }
  const buckets = [...byLow.values()].sort((a, b) => a.low - b.low);
  return {
    ...first,
    labels: {},
    buckets,
    total: buckets.reduce((sum, bucket) => sum + bucket.count, 0),
    topCensored: histograms.some((histogram) => histogram.topCensored),
  };
};

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
    return [{ kind: "runq-healthy", stepId, quantiles, total: described.total, unit: described.unit }];
  }
  return [
    {
      kind: "runq-tail",
      stepId,
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
