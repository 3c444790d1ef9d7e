// STATS.md §4 effect sizes on the aligned grid: the Wasserstein-1 distance in log2 units and the tail-fraction ratio.
import type { AlignedPair } from "./compare-align.js";

const Z_95 = 1.959963984540054;
// Rank of the baseline quantile that places the tail threshold.
const TAIL_QUANTILE = 0.99;

export interface TailFractionRatio {
  // fraction_B / fraction_A of the samples at or above `bucket`; with a zero count both sides get +0.5 (Haldane).
  estimate: number;
  // 95% CI of the ratio (Katz log method), widened by sqrt(phi).
  ciLow: number;
  ciHigh: number;
  // Lower edge, in the histogram's unit, of the first tail bucket: the bucket just above A's p99 bucket.
  bucket: number;
  exponent: number;
  countA: number;
  countB: number;
  fractionA: number;
  fractionB: number;
  corrected: boolean;
}

// W1 = sum over cell edges of |F_A - F_B| times the cell width (1 log2 unit): a pure shift by a factor s gives log2 s.
export function wasserstein1(a: readonly number[], b: readonly number[]): number {
  const nA = a.reduce((s, c) => s + c, 0);
  const nB = b.reduce((s, c) => s + c, 0);
  if (nA === 0 || nB === 0) return 0;
  let fa = 0;
  let fb = 0;
  let distance = 0;
  const width = Math.max(a.length, b.length);
  for (let k = 0; k < width - 1; k++) {
    fa += a[k] ?? 0;
    fb += b[k] ?? 0;
    distance += Math.abs(fa / nA - fb / nB);
  }
  return distance;
}

// Index of the cell holding A's p99 rank, or -1 when A is empty.
function p99Cell(a: readonly number[]): number {
  const nA = a.reduce((s, c) => s + c, 0);
  if (nA === 0) return -1;
  let cumulative = 0;
  for (let k = 0; k < a.length; k++) {
    cumulative += a[k] ?? 0;
    if (cumulative >= TAIL_QUANTILE * nA) return k;
  }
  return a.length - 1;
}

// Share of each side at or above the bucket just over A's p99 bucket, and their ratio B / A; null when that bucket
// is off the grid, inside the clamped top slot, or neither side has samples there.
export function tailFractionRatio(pair: AlignedPair, phi = 1): TailFractionRatio | null {
  const { a, b } = pair;
  const start = p99Cell(a) + 1;
  if (start <= 0 || start >= a.length) return null;
  const exponent = pair.firstExp + start;
  if (pair.clampedExp !== null && exponent >= pair.clampedExp) return null;
  const nA = a.reduce((s, c) => s + c, 0);
  const nB = b.reduce((s, c) => s + c, 0);
  const countA = a.slice(start).reduce((s, c) => s + c, 0);
  const countB = b.slice(start).reduce((s, c) => s + c, 0);
  if ((countA === 0 && countB === 0) || nB === 0) return null;
  const corrected = countA === 0 || countB === 0;
  const add = corrected ? 0.5 : 0;
  const [tA, tB, mA, mB] = [countA + add, countB + add, nA + 2 * add, nB + 2 * add];
  const estimate = tB / mB / (tA / mA);
  const se = Math.sqrt(Math.max(0, 1 / tA - 1 / mA + 1 / tB - 1 / mB) * phi);
  return {
    estimate,
    ciLow: estimate * Math.exp(-Z_95 * se),
    ciHigh: estimate * Math.exp(Z_95 * se),
    bucket: 2 ** exponent,
    exponent,
    countA,
    countB,
    fractionA: countA / nA,
    fractionB: countB / nB,
    corrected,
  };
}
