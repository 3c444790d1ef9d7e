// STATS.md §1.5: how many modes, and where: test k against k + 1 modes, up to 4.
import { bootstrapPValue, DEFAULT_PLAN, exceedanceThreshold, type BootstrapPlan } from "./bootstrap.js";
import { fitKModal, kModalLogLikPair, segmentsLogLik, type KModalFit } from "./kmodal-fit.js";
import type { Log2Grid } from "./log2-grid.js";
import { peakExponent } from "./peak.js";
import { createRng, DEFAULT_SEED } from "./rng.js";
import { saturatedLogLik } from "./unimodal-fit.js";
import { decide, minimumDelta } from "./unimodal-test.js";

export const MAX_MODES = 4;
// Relative slack of the replicate shortcut: far above the rounding error of kernels summed over a few dozen cells.
const PRUNE_SLACK = 1e-9;

export interface Hump {
  // Grid exponents j of its first and last non-empty buckets ([2^j, 2^(j+1))).
  first: number;
  last: number;
  // Edges in the histogram's unit; the first hump starts at 0 when there are censored-low samples; high is the
  // nominal edge even when the top bucket is a clamped "at least" slot (the grid's topCensored says so).
  low: number;
  high: number;
  // 2^vertex of the parabola through the log-counts around its top bucket; the low edge if that bucket is clamped.
  peak: number;
  // Samples in the hump (the first hump includes the censored-low samples) and their fraction of all samples.
  count: number;
  mass: number;
}

export interface HumpTest {
  // Null hypothesis: k modes; alternative: k + 1.
  k: number;
  statistic: number;
  // Null when the bootstrap was skipped because the delta rule already keeps k.
  pValue: number | null;
  // Mass the extra mode moves: 0.5 sum |p_(k+1) - p_k|.
  delta: number;
  rejected: boolean;
}

export interface HumpsResult {
  humps: Hump[];
  tests: HumpTest[];
}

export interface HumpOptions {
  seed?: number;
  plan?: BootstrapPlan;
  // Smallest k to test from: 2 when the unimodal test has already rejected one mode.
  minModes?: number;
  maxModes?: number;
}

// Describe buckets [start, end) of the grid as a hump, or null when the piece holds no samples.
export function describeHump(grid: Log2Grid, start: number, end: number): Hump | null {
  let first = -1;
  let last = -1;
  let top = start;
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = grid.counts[i] ?? 0;
    if (c === 0) continue;
    if (first < 0) first = i;
    last = i;
    count += c;
    if (c > (grid.counts[top] ?? 0)) top = i;
  }
  if (first < 0) return null;
  const withCensored = start === 0 && grid.censoredLow > 0;
  const clampedTop = grid.topCensored && top === grid.counts.length - 1;
  const total = count + (withCensored ? grid.censoredLow : 0);
  return {
    first: grid.firstExp + first,
    last: grid.firstExp + last,
    low: withCensored ? 0 : 2 ** (grid.firstExp + first),
    high: 2 ** (grid.firstExp + last + 1),
    peak: clampedTop ? 2 ** (grid.firstExp + top) : 2 ** peakExponent(grid.counts, grid.firstExp, top),
    count: total,
    mass: grid.total > 0 ? total / grid.total : 0,
  };
}

// Likelihood-ratio test of k modes against k + 1, bootstrapped from the k-modal fit.
function testMoreModes(counts: readonly number[], fit: KModalFit, next: KModalFit, seed: number, plan: BootstrapPlan): HumpTest {
  const k = fit.k;
  const n = counts.reduce((a, b) => a + b, 0);
  const statistic = Math.max(0, 2 * (next.logLik - fit.logLik));
  const moved = fit.expected.reduce((sum, e, i) => sum + Math.abs(e - (next.expected[i] ?? 0)), 0);
  const delta = n > 0 ? (0.5 * moved) / n : 0;
  if (statistic < 1e-9) return { k, statistic: 0, pValue: 1, delta, rejected: false };
  if (delta < minimumDelta(n)) return { k, statistic, pValue: null, delta, rejected: false };
  const threshold = exceedanceThreshold(statistic);
  // The same k versus k + 1 statistic, recomputed on a bootstrap table. Exact shortcut: the k + 1 kernel is at most
  // the saturated one and the k kernel at least that of the fit's own cuts, so when even 2 (saturated - that) stays
  // below the threshold (with slack for rounding) the replicate cannot count and the O(K^2) fits are skipped.
  const replicate = (table: Float64Array): number => {
    const saturated = saturatedLogLik(table);
    const bound = 2 * (saturated - segmentsLogLik(table, fit.segments));
    if (bound < threshold - PRUNE_SLACK * (1 + Math.abs(saturated))) return bound;
    const [withK, withMore] = kModalLogLikPair(table, k);
    return 2 * (withMore - withK);
  };
  const boot = bootstrapPValue(statistic, fit.expected, replicate, createRng(seed + k), plan);
  return { k, statistic, pValue: boot.pValue, delta, rejected: decide(boot.pValue, delta, n) === "multimodal" };
}

// Raise k while k + 1 modes fit significantly better (stop at the first non-rejection, cap 4); describe the humps.
export function detectHumps(grid: Log2Grid, opts: HumpOptions = {}): HumpsResult {
  const counts = grid.counts;
  const maxModes = Math.min(opts.maxModes ?? MAX_MODES, Math.max(1, counts.length));
  let k = Math.min(Math.max(1, opts.minModes ?? 1), maxModes);
  const tests: HumpTest[] = [];
  let fit = fitKModal(counts, k);
  while (fit !== null && k < maxModes) {
    const next = fitKModal(counts, k + 1);
    if (next === null) break;
    const test = testMoreModes(counts, fit, next, opts.seed ?? DEFAULT_SEED, opts.plan ?? DEFAULT_PLAN);
    tests.push(test);
    if (!test.rejected) break;
    fit = next;
    k += 1;
  }
  const segments = fit?.segments ?? [];
  const humps = segments.map((s) => describeHump(grid, s.start, s.end)).filter((h): h is Hump => h !== null);
  return { humps, tests };
}
