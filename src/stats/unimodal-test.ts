// STATS.md §1.1-1.4: is a log2 histogram unimodal? Binned likelihood-ratio test with a parametric bootstrap.
// Input: the grid's counts, i.e. without the censored-low bucket; a clamped top bucket stays in as an ordinary bucket.
import { bootstrapPValue, DEFAULT_PLAN, type BootstrapPlan } from "./bootstrap.js";
import { createRng, DEFAULT_SEED } from "./rng.js";
import { bestUnimodalSplit, fitUnimodal, gSquared, misfitMass, saturatedLogLik } from "./unimodal-fit.js";

// Below this many samples in the shape grid the verdict is "inconclusive" (the calibration starts at n = 30).
// From 30 on, one or two occupied buckets (or any already-unimodal vector) give G2 = 0: unimodal, p = 1, no bootstrap.
export const MIN_SHAPE_SAMPLES = 30;
export const MULTIMODAL_P = 0.01;
export const SUSPECTED_P = 0.1;
// Smallest misfit mass worth reporting, as a fraction (0.05%); the 3 / N part scales with the sample.
const MIN_DELTA_FRACTION = 0.0005;
const MIN_DELTA_SAMPLES = 3;

export type UnimodalVerdict = "multimodal" | "suspected" | "unimodal" | "inconclusive";

export type UnimodalTest =
  | { kind: "tested"; verdict: "multimodal" | "suspected" | "unimodal"; pValue: number; g2: number; delta: number; replicates: number }
  // The counts are already unimodal (G2 = 0): no bootstrap needed.
  | { kind: "exact-fit"; verdict: "unimodal"; pValue: 1; g2: 0; delta: 0; replicates: 0 }
  | { kind: "too-few-samples"; verdict: "inconclusive"; pValue: null; g2: null; delta: null; replicates: 0; n: number };

export interface UnimodalTestOptions {
  seed?: number;
  plan?: BootstrapPlan;
}

// Minimum delta for a significant departure to count: max(0.05%, 3 / N).
export function minimumDelta(n: number): number {
  return Math.max(MIN_DELTA_FRACTION, MIN_DELTA_SAMPLES / n);
}

// Verdict from the p-value and the delta rule of §1.4.
export function decide(pValue: number, delta: number, n: number): "multimodal" | "suspected" | "unimodal" {
  if (delta < minimumDelta(n)) return "unimodal";
  if (pValue <= MULTIMODAL_P) return "multimodal";
  if (pValue <= SUSPECTED_P) return "suspected";
  return "unimodal";
}

// G2 of any table against its own ML unimodal fit; the bootstrap recomputes it on every replicate.
function unimodalG2(table: Float64Array): number {
  return 2 * (saturatedLogLik(table) - bestUnimodalSplit(table, 0, table.length).logLik);
}

// Test the counts of a trimmed log2 grid (censored-low bucket excluded) for unimodality.
export function testUnimodal(counts: readonly number[], opts: UnimodalTestOptions = {}): UnimodalTest {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < MIN_SHAPE_SAMPLES) {
    return { kind: "too-few-samples", verdict: "inconclusive", pValue: null, g2: null, delta: null, replicates: 0, n };
  }
  const expected = fitUnimodal(counts);
  const g2 = gSquared(counts, expected);
  if (g2 < 1e-9) return { kind: "exact-fit", verdict: "unimodal", pValue: 1, g2: 0, delta: 0, replicates: 0 };
  const delta = misfitMass(counts, expected);
  const rng = createRng(opts.seed ?? DEFAULT_SEED);
  const boot = bootstrapPValue(g2, expected, unimodalG2, rng, opts.plan ?? DEFAULT_PLAN);
  return { kind: "tested", verdict: decide(boot.pValue, delta, n), pValue: boot.pValue, g2, delta, replicates: boot.replicates };
}
