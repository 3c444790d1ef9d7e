// Parametric-bootstrap p-values with the sequential extension of STATS.md §1.3.
import type { Rng } from "./rng.js";
import { sampleMultinomial } from "./sampling.js";

export interface BootstrapPlan {
  // Replicates always drawn (B = 199).
  initial: number;
  // Replicates drawn in all when the first p-value is below `extendBelow` (999).
  extended: number;
  extendBelow: number;
  // The extension stops once this many replicates reach the observed statistic.
  stopAfter: number;
}

export const DEFAULT_PLAN: BootstrapPlan = { initial: 199, extended: 999, extendBelow: 0.05, stopAfter: 20 };

export interface BootstrapResult {
  pValue: number;
  replicates: number;
  exceedances: number;
}

// Relative slack so that a replicate equal to the observed table counts as an exceedance despite rounding.
const TIE_TOLERANCE = 1e-9;

// The value a replicate's statistic must reach to count as an exceedance of `observed`.
export function exceedanceThreshold(observed: number): number {
  return observed - TIE_TOLERANCE * Math.max(1, Math.abs(observed));
}

// p = (1 + #{T* >= T}) / (B + 1) over replicates from `drawStatistic`, with the plan's sequential extension.
export function sequentialPValue(observed: number, drawStatistic: () => number, plan: BootstrapPlan = DEFAULT_PLAN): BootstrapResult {
  const threshold = exceedanceThreshold(observed);
  let exceedances = 0;
  let replicates = 0;
  // One replicate: recompute the statistic, count it if it reaches the observed value.
  const draw = (): void => {
    replicates += 1;
    if (drawStatistic() >= threshold) exceedances += 1;
  };
  while (replicates < plan.initial) draw();
  if ((1 + exceedances) / (1 + replicates) < plan.extendBelow) {
    while (replicates < plan.extended && exceedances < plan.stopAfter) draw();
  }
  return { pValue: (1 + exceedances) / (1 + replicates), replicates, exceedances };
}

// p = (1 + #{T* >= T}) / (B + 1) for tables drawn from Multinomial(n, expected / n).
export function bootstrapPValue(
  observed: number,
  expected: readonly number[],
  statistic: (table: Float64Array) => number,
  rng: Rng,
  plan: BootstrapPlan = DEFAULT_PLAN,
): BootstrapResult {
  const n = Math.round(expected.reduce((a, b) => a + b, 0));
  const probs = expected.map((e) => e / n);
  const table = new Float64Array(expected.length);
  // One replicate table and its statistic.
  const drawStatistic = (): number => {
    sampleMultinomial(rng, n, probs, table);
    return statistic(table);
  };
  return sequentialPValue(observed, drawStatistic, plan);
}
