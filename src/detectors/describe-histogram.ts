// Adds quantiles and the statistical shape to a parsed histogram, as the JSON contract carries them.

import type { HistogramMeasurement, Quantiles } from "../model/measurement.js";
import { analyzeShape, summarizeQuantiles, toShape } from "../stats/index.js";

// A fixed seed keeps every verdict reproducible: the same histogram always gets the same p-value.
export const SHAPE_SEED = 0x5eed;

type Described = Pick<HistogramMeasurement, "quantiles" | "shape">;

// Histograms already described in this process, by their buckets: an interval tool's step judges the intervals so
// far after each new one (early stop) and then describes them all again at the end, and every shape test is a
// bootstrap of up to 999 replicates. The seed is fixed, so a repeat gives exactly the same result.
const described = new Map<string, Described | null>();
const DESCRIBED_LIMIT = 256;

// The quantiles and shape of a log2 histogram; null when its buckets are not a log2 grid.
const describeBuckets = (histogram: HistogramMeasurement): Described | null => {
  const key = `${histogram.topCensored === true}|${histogram.buckets.map((bucket) => `${bucket.low},${bucket.high},${bucket.count}`).join(";")}`;
  const known = described.get(key);
  if (known !== undefined) return known;
  const analysis = analyzeShape(histogram.buckets, { seed: SHAPE_SEED, topCensored: histogram.topCensored });
  // The analysis already built the log2 grid; a grid it rejected gets neither quantiles nor shape.
  const result = analysis.kind === "analyzed" ? { quantiles: summarizeQuantiles(analysis.grid), shape: toShape(analysis) } : null;
  if (described.size >= DESCRIBED_LIMIT) described.delete(described.keys().next().value as string);
  described.set(key, result);
  return result;
};

// Fills `quantiles` and `shape`; linear histograms are left as they are (the tests are for log2 grids).
export const describeHistogram = (histogram: HistogramMeasurement): HistogramMeasurement => {
  if (histogram.scale !== "log2") return histogram;
  const result = describeBuckets(histogram);
  return result === null ? histogram : { ...histogram, ...result };
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
