// The detector entry point: a histogram's buckets in, the contract's Shape plus the evidence behind it out.
import type { Bucket, Mode, Shape } from "../model/measurement.js";
import type { BootstrapPlan } from "./bootstrap.js";
import { describeHump, detectHumps, type Hump } from "./humps.js";
import { toLog2Grid, type Log2Grid, type Log2GridError } from "./log2-grid.js";
import { DEFAULT_SEED } from "./rng.js";
import { classifyTail, estimateHillAlpha, hasLogOutlier, type HillEstimate } from "./tails.js";
import { testUnimodal, type UnimodalTest } from "./unimodal-test.js";

export interface ShapeOptions {
  seed?: number;
  topCensored?: boolean;
  plan?: BootstrapPlan;
}

// The contract's Shape fields (verdict, pValue, modes, tail) at the top level, plus the evidence.
export type ShapeAnalysis =
  | (Shape & {
      kind: "analyzed";
      grid: Log2Grid;
      test: UnimodalTest;
      // 0.01 < p <= 0.10 with enough misfit mass: reported as verdict "unimodal" with this flag (see analyzeShape).
      suspected: boolean;
      g2: number | null;
      delta: number | null;
      humps: Hump[];
      hill: HillEstimate;
      hillAlpha: number | null;
      outlier: boolean;
    })
  // The buckets are not a log2 grid: nothing is claimed.
  | (Shape & { kind: "rejected"; error: Log2GridError });

// Contract view of a hump.
function toMode(hump: Hump): Mode {
  return { low: hump.low, high: hump.high, peak: hump.peak, mass: hump.mass };
}

// Contract-only view of an analysis, for the JSON measurement.
export function toShape(analysis: ShapeAnalysis): Shape {
  return { verdict: analysis.verdict, pValue: analysis.pValue, modes: analysis.modes, tail: analysis.tail };
}

// Humps behind the verdict: the k-modal search when multimodal, the whole grid as one hump otherwise.
function humpsFor(grid: Log2Grid, test: UnimodalTest, seed: number, plan: BootstrapPlan | undefined): Hump[] {
  if (test.verdict === "inconclusive") return [];
  if (test.verdict === "multimodal") return detectHumps(grid, { seed, minModes: 2, ...(plan ? { plan } : {}) }).humps;
  const whole = describeHump(grid, 0, grid.counts.length);
  return whole === null ? [] : [whole];
}

// Shape of a log2 histogram. "suspected" (0.01 < p <= 0.10) maps to verdict "unimodal" with suspected: true,
// because the contract's "inconclusive" means "could not test" and a suspicion is not evidence of a second mode.
export function analyzeShape(buckets: readonly Bucket[], opts: ShapeOptions = {}): ShapeAnalysis {
  const converted = toLog2Grid(buckets, opts.topCensored === undefined ? {} : { topCensored: opts.topCensored });
  if (!converted.ok) {
    return { kind: "rejected", verdict: "inconclusive", pValue: null, modes: [], tail: "none", error: converted.error };
  }
  const grid = converted.grid;
  const seed = opts.seed ?? DEFAULT_SEED;
  const test = testUnimodal(grid.counts, { seed, ...(opts.plan ? { plan: opts.plan } : {}) });
  const humps = humpsFor(grid, test, seed, opts.plan);
  const hill = estimateHillAlpha(grid);
  const verdict = test.verdict === "suspected" ? "unimodal" : test.verdict;
  return {
    kind: "analyzed",
    verdict,
    pValue: test.pValue,
    modes: humps.map(toMode),
    tail: verdict === "inconclusive" ? "none" : classifyTail(humps, hill),
    grid,
    test,
    suspected: test.verdict === "suspected",
    g2: test.g2,
    delta: test.delta,
    humps,
    hill,
    hillAlpha: hill.kind === "estimate" ? hill.alpha : null,
    outlier: hasLogOutlier(grid),
  };
}
