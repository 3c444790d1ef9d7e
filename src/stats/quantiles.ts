// STATS.md §3: quantiles from log2 buckets by piecewise-exponential ("log-slope") interpolation.
// Ranks count every sample. The censored-low mass (below 2 units) has no log2 shape, so a rank inside it is
// interpolated linearly over [0, 2); a rank inside a clamped top bucket is reported as "at least" its lower edge.
import type { Quantiles } from "../model/measurement.js";
import { bucketLow, type Log2Grid } from "./log2-grid.js";

export type QuantileEstimate =
  // ciHigh is null when the upper rank falls in a clamped "at least" top bucket.
  | { kind: "estimate"; value: number; ciLow: number; ciHigh: number | null }
  // The sample cannot support the quantile (n (1 - q) < 10) or it lies in the clamped top bucket.
  | { kind: "at-least"; bound: number }
  | { kind: "none" };

// Where a rank lands: a value, or the clamped top bucket whose content is only bounded below.
type RankPoint = { kind: "value"; value: number; bucketLow: number } | { kind: "censored-top"; bound: number };

const MAX_SLOPE = 6;
const Z_95 = 1.959963984540054;
// A quantile needs at least this many samples above it (n (1 - q)).
const MIN_SAMPLES_ABOVE = 10;

// Log-count slope per bucket: central difference, one-sided at the grid's ends, clamped to +-6.
export function logSlopes(counts: readonly number[]): Float64Array {
  const k = counts.length;
  // ln of bucket i's count; -Infinity for empty buckets, resolved by the NaN and clamp rules below.
  const ln = (i: number): number => Math.log(counts[i] ?? 0);
  const slopes = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let b = 0;
    if (j > 0 && j < k - 1) b = (ln(j + 1) - ln(j - 1)) / 2;
    else if (j < k - 1) b = ln(j + 1) - ln(j);
    else if (j > 0) b = ln(j) - ln(j - 1);
    slopes[j] = Number.isNaN(b) ? 0 : Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, b));
  }
  return slopes;
}

// Position t in [0, 1] inside a bucket whose density grows as e^(b t), holding fraction f of its count.
export function logSlopeOffset(f: number, b: number): number {
  if (Math.abs(b) < 1e-12) return f;
  return Math.log1p(f * Math.expm1(b)) / b;
}

// Inverse CDF at rank r (0..total): censored-low mass is spread linearly over [0, 2).
function valueAtRank(grid: Log2Grid, slopes: Float64Array, rank: number): RankPoint {
  if (grid.censoredLow > 0 && rank <= grid.censoredLow) {
    return { kind: "value", value: (2 * rank) / grid.censoredLow, bucketLow: 0 };
  }
  let cumulative = grid.censoredLow;
  const last = grid.counts.length - 1;
  for (let i = 0; i <= last; i++) {
    const count = grid.counts[i] ?? 0;
    if (count === 0 || (rank > cumulative + count && i < last)) {
      cumulative += count;
      continue;
    }
    const low = bucketLow(grid, i);
    if (i === last && grid.topCensored) return { kind: "censored-top", bound: low };
    const f = Math.min(1, Math.max(0, (rank - cumulative) / count));
    return { kind: "value", value: 2 ** (grid.firstExp + i + logSlopeOffset(f, slopes[i] ?? 0)), bucketLow: low };
  }
  return { kind: "value", value: 0, bucketLow: 0 };
}

// Quantile q with a 95% CI from ranks n q +- 1.96 sqrt(n q (1 - q)); suppressed when n (1 - q) < 10. `widthScale`
// widens the rank interval (sqrt(phi) for overdispersed counts, STATS.md §4).
export function estimateQuantile(grid: Log2Grid, q: number, slopes: Float64Array = logSlopes(grid.counts), widthScale = 1): QuantileEstimate {
  const n = grid.total;
  if (n === 0) return { kind: "none" };
  const rank = n * q;
  const point = valueAtRank(grid, slopes, rank);
  if (point.kind === "censored-top") return { kind: "at-least", bound: point.bound };
  if (n * (1 - q) < MIN_SAMPLES_ABOVE) return { kind: "at-least", bound: point.bucketLow };
  const halfWidth = Z_95 * Math.sqrt(n * q * (1 - q)) * widthScale;
  const lower = valueAtRank(grid, slopes, Math.max(0, rank - halfWidth));
  const upper = valueAtRank(grid, slopes, Math.min(n, rank + halfWidth));
  return {
    kind: "estimate",
    value: point.value,
    ciLow: lower.kind === "value" ? lower.value : lower.bound,
    ciHigh: upper.kind === "value" ? upper.value : null,
  };
}

// The contract's p50/p90/p99/p999: a number when estimable, null when suppressed, censored or empty.
export function summarizeQuantiles(grid: Log2Grid): Quantiles {
  const slopes = logSlopes(grid.counts);
  // One contract quantile: the point estimate, or null.
  const pick = (q: number): number | null => {
    const estimate = estimateQuantile(grid, q, slopes);
    return estimate.kind === "estimate" ? estimate.value : null;
  };
  return { p50: pick(0.5), p90: pick(0.9), p99: pick(0.99), p999: pick(0.999) };
}
