// STATS.md §4 "the p99 ratio with CI": p99_B / p99_A from the log-slope estimates, with a CI built from the two
// rank-based quantile CIs by MOVER (method of variance estimates recovery, Zou & Donner 2008) on the log scale.
import type { Log2Grid } from "./log2-grid.js";
import { estimateQuantile, logSlopes } from "./quantiles.js";

export interface QuantileRatio {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  a: number;
  b: number;
}

// A side's p99 and its CI when all three are finite and positive (not suppressed, not in a clamped top slot).
function p99Of(grid: Log2Grid, widthScale: number): { value: number; low: number; high: number } | null {
  const estimate = estimateQuantile(grid, 0.99, logSlopes(grid.counts), widthScale);
  if (estimate.kind !== "estimate" || estimate.ciHigh === null) return null;
  if (!(estimate.value > 0 && estimate.ciLow > 0 && estimate.ciHigh > 0)) return null;
  return { value: estimate.value, low: estimate.ciLow, high: estimate.ciHigh };
}

// r = p99_B / p99_A; ln r -+ sqrt of the squared log half-widths on the sides that move r down (B low, A high) or
// up (B high, A low). Null when either p99 cannot be estimated. The rank CIs are widened by sqrt(phi).
export function p99Ratio(gridA: Log2Grid, gridB: Log2Grid, phi = 1): QuantileRatio | null {
  const scale = Math.sqrt(phi);
  const a = p99Of(gridA, scale);
  const b = p99Of(gridB, scale);
  if (a === null || b === null) return null;
  const lnRatio = Math.log(b.value / a.value);
  const down = Math.hypot(Math.log(b.value / b.low), Math.log(a.high / a.value));
  const up = Math.hypot(Math.log(b.high / b.value), Math.log(a.value / a.low));
  return { estimate: Math.exp(lnRatio), ciLow: Math.exp(lnRatio - down), ciHigh: Math.exp(lnRatio + up), a: a.value, b: b.value };
}
