// Adds histograms on the same grid: per-interval output into one per key, or per-key output into one overall.

import type { HistogramMeasurement, Measurement } from "../model/measurement.js";

// Sums the buckets of histograms of one unit and scale; labels and timestamp come from the caller.
export const mergeHistograms = (histograms: readonly HistogramMeasurement[], labels: Record<string, string> = {}): HistogramMeasurement | undefined => {
  const [first] = histograms;
  if (first === undefined) return undefined;
  const byLow = new Map<number, { low: number; high: number | null; count: number }>();
  for (const histogram of histograms) {
    for (const bucket of histogram.buckets) {
      const existing = byLow.get(bucket.low);
      if (existing) existing.count += bucket.count;
      else byLow.set(bucket.low, { ...bucket });
    }
  }
  const buckets = [...byLow.values()].sort((a, b) => a.low - b.low);
  const { timestamp: _timestamp, quantiles: _quantiles, shape: _shape, ...rest } = first;
  return {
    ...rest,
    labels,
    buckets,
    total: buckets.reduce((sum, bucket) => sum + bucket.count, 0),
    topCensored: histograms.some((histogram) => histogram.topCensored),
    intervals: histograms.reduce((sum, histogram) => sum + (histogram.intervals ?? 1), 0),
  };
};

// Folds interval output (one histogram per second) into one histogram per label set, in first-seen order.
export const mergeIntervals = (measurements: readonly Measurement[]): Measurement[] => {
  const groups = new Map<string, HistogramMeasurement[]>();
  const merged: Measurement[] = [];
  for (const measurement of measurements) {
    if (measurement.kind !== "histogram") {
      merged.push(measurement);
      continue;
    }
    const key = JSON.stringify([measurement.unit, Object.entries(measurement.labels).sort()]);
    const group = groups.get(key);
    if (group) group.push(measurement);
    else {
      groups.set(key, [measurement]);
      merged.push(measurement);
    }
  }
  return merged.map((measurement) => {
    if (measurement.kind !== "histogram") return measurement;
    const group = groups.get(JSON.stringify([measurement.unit, Object.entries(measurement.labels).sort()])) ?? [];
    return group.length > 1 ? (mergeHistograms(group, measurement.labels) ?? measurement) : measurement;
  });
};
