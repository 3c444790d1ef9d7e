// Adds quantiles and the statistical shape to a parsed histogram, as the JSON contract carries them.

import type { HistogramMeasurement, Quantiles } from "../model/measurement.js";
import { analyzeShape, summarizeQuantiles, toShape } from "../stats/index.js";

// A fixed seed keeps every verdict reproducible: the same histogram always gets the same p-value.
export const SHAPE_SEED = 0x5eed;

// Fills `quantiles` and `shape`; linear histograms are left as they are (the tests are for log2 grids).
export const describeHistogram = (histogram: HistogramMeasurement): HistogramMeasurement => {
  if (histogram.scale !== "log2") return histogram;
  const analysis = analyzeShape(histogram.buckets, { seed: SHAPE_SEED, topCensored: histogram.topCensored });
  // The analysis already built the log2 grid; a grid it rejected gets neither quantiles nor shape.
  if (analysis.kind !== "analyzed") return histogram;
  return { ...histogram, quantiles: summarizeQuantiles(analysis.grid), shape: toShape(analysis) };
};

export type QuantileKey = keyof Quantiles;

// The highest of the given quantiles that the sample supports (the others are null), with its name.
export const highestQuantile = (
  quantiles: Quantiles | undefined,
  order: readonly QuantileKey[] = ["p999", "p99", "p90", "p50"],
): { key: QuantileKey; value: number } | undefined => {
  for (const key of order) {
    const value = quantiles?.[key];
    if (value !== null && value !== undefined) return { key, value };
  }
  return undefined;
};

// Converts a value in the histogram's unit to microseconds, so thresholds are unit-free.
export const toMicros = (value: number, unit: string): number => {
  switch (unit) {
    case "nsecs":
      return value / 1000;
    case "msecs":
      return value * 1000;
    case "secs":
      return value * 1_000_000;
    default:
      return value;
  }
};

// The upper edge of the highest occupied bucket: the slowest value the histogram can vouch for.
export const maxObserved = (histogram: HistogramMeasurement): number => {
  const occupied = histogram.buckets.filter((bucket) => bucket.count > 0);
  const top = occupied[occupied.length - 1];
  if (top === undefined) return 0;
  return top.high ?? top.low;
};
