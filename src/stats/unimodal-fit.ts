// The maximum-likelihood unimodal pmf of binned counts and the statistics built on it (STATS.md §1.1-1.4).
import { pava, pavaDecreasing, scanLogLiksInto } from "./pava.js";

export interface UnimodalFit {
  // Split m: non-decreasing on [start, m), non-increasing on [m, end).
  split: number;
  // Kernel sum c_i ln(expected_i); the log-likelihood is this minus N ln N.
  logLik: number;
}

// Prefix and suffix kernels, reused across calls: the bootstrap refits thousands of tables.
let prefix = new Float64Array(65);
let suffix = new Float64Array(65);

// Best unimodal split of xs[start..end) by prefix and suffix PAVA (Balabdaoui & Jankowski 2016); O(K).
export function bestUnimodalSplit(xs: ArrayLike<number>, start: number, end: number): UnimodalFit {
  const size = end - start + 1;
  if (prefix.length < size) {
    prefix = new Float64Array(size);
    suffix = new Float64Array(size);
  }
  scanLogLiksInto(xs, start, end - start, 1, prefix, 0, 1);
  scanLogLiksInto(xs, end - 1, end - start, -1, suffix, end - start, -1);
  let split = start;
  let logLik = -Infinity;
  for (let m = start; m <= end; m++) {
    const value = (prefix[m - start] ?? 0) + (suffix[m - start] ?? 0);
    if (value > logLik) {
      logLik = value;
      split = m;
    }
  }
  return { split, logLik };
}

// Expected counts N p_i of the unimodal fit of xs[start..end) with the given split.
export function unimodalExpected(xs: readonly number[], start: number, split: number, end: number): number[] {
  return [...pava(xs.slice(start, split)), ...pavaDecreasing(xs.slice(split, end))];
}

// Expected counts of the ML unimodal pmf over the whole vector.
export function fitUnimodal(counts: readonly number[]): number[] {
  const { split } = bestUnimodalSplit(counts, 0, counts.length);
  return unimodalExpected(counts, 0, split, counts.length);
}

// Saturated kernel sum c_i ln c_i: the best any pmf can do, the reference for G2.
export function saturatedLogLik(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0) total += c * Math.log(c);
  }
  return total;
}

// Likelihood-ratio statistic G2 = 2 sum c_i ln(c_i / expected_i).
export function gSquared(counts: readonly number[], expected: readonly number[]): number {
  let total = 0;
  counts.forEach((c, i) => {
    if (c > 0) total += c * Math.log(c / (expected[i] ?? 0));
  });
  return Math.max(0, 2 * total);
}

// Mass that must move to reach the fit: delta = 0.5 sum |c_i / N - p_i|.
export function misfitMass(counts: readonly number[], expected: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  let total = 0;
  counts.forEach((c, i) => {
    total += Math.abs(c - (expected[i] ?? 0));
  });
  return (0.5 * total) / n;
}
