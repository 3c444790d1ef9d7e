// STATS.md §4: Kolmogorov-Smirnov distance between two binned samples, with a seeded bootstrap p-value (the
// asymptotic p is conservative on binned data, Arnold & Emerson 2011).
import { DEFAULT_PLAN, sequentialPValue, type BootstrapPlan } from "./bootstrap.js";
import type { Rng } from "./rng.js";
import { sampleMultinomial } from "./sampling.js";

export interface KsTest {
  // D = max over cell edges of |F_A - F_B|.
  statistic: number;
  pValue: number;
  replicates: number;
}

// D = max_k |F_A(k) - F_B(k)| over the cumulative proportions at every cell edge.
export function ksDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let nA = 0;
  let nB = 0;
  for (let k = 0; k < a.length; k++) nA += a[k] ?? 0;
  for (let k = 0; k < b.length; k++) nB += b[k] ?? 0;
  if (nA === 0 || nB === 0) return 0;
  let fa = 0;
  let fb = 0;
  let distance = 0;
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    fa += a[k] ?? 0;
    fb += b[k] ?? 0;
    distance = Math.max(distance, Math.abs(fa / nA - fb / nB));
  }
  return distance;
}

// Bootstrap under the pooled null: A* ~ Multinomial(nA / phi, p), B* ~ Multinomial(nB / phi, p) with p the pooled
// proportions; dividing the sample sizes by phi >= 1 is the overdispersion's effective sample size.
export function ksTest(a: readonly number[], b: readonly number[], rng: Rng, phi = 1, plan: BootstrapPlan = DEFAULT_PLAN): KsTest {
  const statistic = ksDistance(a, b);
  const nA = a.reduce((s, c) => s + c, 0);
  const nB = b.reduce((s, c) => s + c, 0);
  if (statistic === 0 || nA === 0 || nB === 0) return { statistic, pValue: 1, replicates: 0 };
  const width = Math.max(a.length, b.length);
  const pooled = Array.from({ length: width }, (_, k) => ((a[k] ?? 0) + (b[k] ?? 0)) / (nA + nB));
  const sizeA = Math.max(1, Math.round(nA / phi));
  const sizeB = Math.max(1, Math.round(nB / phi));
  const tableA = new Float64Array(width);
  const tableB = new Float64Array(width);
  // One pair of tables under the null and its distance.
  const draw = (): number => {
    sampleMultinomial(rng, sizeA, pooled, tableA);
    sampleMultinomial(rng, sizeB, pooled, tableB);
    return ksDistance(tableA, tableB);
  };
  const result = sequentialPValue(statistic, draw, plan);
  return { statistic, pValue: result.pValue, replicates: result.replicates };
}
