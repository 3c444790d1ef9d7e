// Adds quantiles and the statistical shape to a parsed histogram, as the JSON contract carries them.

import type { HistogramMeasurement } from "../model/measurement.js";
import { analyzeShape, summarizeQuantiles, toLog2Grid } from "../stats/index.js";

// A fixed seed keeps every verdict reproducible: the same histogram always gets the same p-value.
export const SHAPE_SEED = 0x5eed;

// Fills `quantiles` and `shape`; linear histograms are left as they are (the tests are for log2 grids).
export const describeHistogram = (histogram: HistogramMeasurement): HistogramMeasurement => {
  if (histogram.scale !== "log2") return histogram;
  const grid = toLog2Grid(histogram.buckets, { topCensored: histogram.topCensored });
  if (!grid.ok) return histogram;
  const quantiles = summarizeQuantiles(grid.grid);
  const analysis = analyzeShape(histogram.buckets, { seed: SHAPE_SEED, topCensored: histogram.topCensored });
  const { verdict, pValue, modes, tail } = analysis;
  return { ...histogram, quantiles, shape: { verdict, pValue, modes, tail } };
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
