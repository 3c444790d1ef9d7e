// Simulated libbpf-tools histograms: exact slot probabilities of a distribution shifted by a sub-bucket offset,
// slot 0 = [0, 2) (left-censored) and the last slot clamped ("at least"), and multinomial draws from them.
import type { Bucket } from "../../src/model/measurement.js";
import { sampleMultinomial } from "../../src/stats/sampling.js";
import type { Rng } from "../../src/stats/rng.js";
import type { Distribution } from "./distributions.js";

// biolatency's 27 slots: 0 -> 1, 2 -> 3, ..., and slot 26 holding everything from 2^26 up.
export const SLOTS = 27;

// Probability of each slot for the values multiplied by 2^offset; differences of the CDF below the median and of
// the survival function above it, so that tail slots keep their precision.
export function slotProbabilities(distribution: Distribution, offset: number): number[] {
  const scale = 2 ** offset;
  // P(scaled value < 2^j).
  const below = (j: number): number => distribution.cdf(2 ** j / scale);
  // P(scaled value >= 2^j).
  const above = (j: number): number => distribution.sf(2 ** j / scale);
  const probs: number[] = [below(1)];
  for (let j = 1; j < SLOTS - 1; j++) {
    const low = below(j);
    probs.push(low < 0.5 ? below(j + 1) - low : above(j) - above(j + 1));
  }
  probs.push(above(SLOTS - 1));
  return probs.map((p) => Math.max(0, p));
}

// bcc-style buckets of slot counts: [0, 2), then [2^j, 2^(j+1)).
export function slotBuckets(counts: ArrayLike<number>): Bucket[] {
  const buckets: Bucket[] = [];
  for (let j = 0; j < counts.length; j++) {
    buckets.push(j === 0 ? { low: 0, high: 2, count: counts[j] ?? 0 } : { low: 2 ** j, high: 2 ** (j + 1), count: counts[j] ?? 0 });
  }
  return buckets;
}

// Draw n samples over the slots: one multinomial table (added into `into` when given).
export function drawSlots(rng: Rng, n: number, probs: readonly number[], into?: Float64Array): Float64Array {
  const total = probs.reduce((s, p) => s + p, 0);
  const table = new Float64Array(probs.length);
  sampleMultinomial(rng, n, probs.map((p) => p / total), table);
  if (into === undefined) return table;
  table.forEach((c, j) => {
    into[j] = (into[j] ?? 0) + c;
  });
  return into;
}

// Deepest relative valley of a binned pmf, slot 0 left out as in the shape test: min over j of
// p_j / min(max left of j, max right of j); 1 when the pmf is unimodal.
export function valleyPeakRatio(probs: readonly number[]): number {
  const p = probs.slice(1);
  let ratio = 1;
  for (let j = 1; j < p.length - 1; j++) {
    const left = Math.max(...p.slice(0, j));
    const right = Math.max(...p.slice(j + 1));
    const peak = Math.min(left, right);
    if (peak > 0) ratio = Math.min(ratio, (p[j] ?? 0) / peak);
  }
  return ratio;
}
