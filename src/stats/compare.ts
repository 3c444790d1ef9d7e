// STATS.md §4: are two log2 histograms (baseline vs now, device vs device) different? Tests on the aligned grid,
// Holm-corrected, overdispersion-scaled when per-interval histograms exist, and gated by effect sizes.
import { DEFAULT_PLAN, type BootstrapPlan } from "./bootstrap.js";
import { alignHistograms, type AlignError, type CompareSide } from "./compare-align.js";
import { residualChiSquare, twoSampleChiSquare } from "./compare-chi-square.js";
import { tailFractionRatio, wasserstein1, type TailFractionRatio } from "./compare-effects.js";
import { holmAdjust } from "./compare-holm.js";
import { ksTest } from "./compare-ks.js";
import { mannWhitney } from "./compare-mann-whitney.js";
import { estimateOverdispersion, type Overdispersion } from "./compare-overdispersion.js";
import { p99Ratio, type QuantileRatio } from "./compare-p99.js";
import { createRng, DEFAULT_SEED } from "./rng.js";

export const DIFFERENT_P = 0.01;
// Holm p below this with an effect above its threshold is "inconclusive" rather than "same".
export const SUGGESTIVE_P = 0.1;
export const MIN_W1 = 0.05;
export const MIN_TAIL_RATIO = 1.5;
export const MIN_TAIL_COUNT = 10;
export const P99_BAND = [0.9, 1.1] as const;
// Fewer samples than this on either side: "inconclusive" whatever the tests say (as for the shape test).
export const MIN_COMPARE_SAMPLES = 30;

export type CompareVerdict = "different" | "same" | "inconclusive";

// pValue is after the overdispersion scaling (if any); pHolm is Holm-adjusted across the tests that ran.
export type CompareTest =
  // statistic: z of U (positive when B sits higher), variance times the shift phi.
  | { name: "mann-whitney"; statistic: number; u: number; pValue: number; pHolm: number }
  // statistic: Pearson X2 on df = cells - 1 after merging cells to expected counts >= 5. With per-interval histograms
  // (locationRemoved): X2 minus its location component (carried by Mann-Whitney), over the phi of the rest, on
  // cells - 2 df, referred to F.
  | { name: "chi-square"; statistic: number; df: number; cells: number; locationRemoved: boolean; pValue: number; pHolm: number }
  // statistic: D; p from a seeded bootstrap under the pooled distribution (sample sizes divided by the larger phi).
  | { name: "ks"; statistic: number; replicates: number; pValue: number; pHolm: number };

export interface CompareOptions {
  seed?: number;
  plan?: BootstrapPlan;
}

// Which effect-size gates of the decision rule are met.
export interface EffectGates {
  w1: boolean;
  tail: boolean;
  p99: boolean;
}

export type Comparison =
  | {
      kind: "compared";
      verdict: CompareVerdict;
      nA: number;
      nB: number;
      tests: CompareTest[];
      // Smallest Holm-adjusted p-value, the one the rule reads.
      pHolm: number;
      // Wasserstein-1 distance in log2 units.
      w1: number;
      p99Ratio: QuantileRatio | null;
      tailFractionRatio: TailFractionRatio | null;
      phi: Overdispersion | null;
      effects: EffectGates;
      reasons: string[];
    }
  | {
      kind: "not-comparable";
      verdict: "inconclusive";
      tests: [];
      w1: null;
      p99Ratio: null;
      tailFractionRatio: null;
      phi: null;
      error: AlignError;
      reasons: string[];
    };

// Short number for reasons: 3 significant digits, exponent form for tiny p-values.
function fmt(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1);
  return Number(x.toPrecision(3)).toString();
}

// Factors the tests divide by: the shift factor for Mann-Whitney, the factor of the rest for the chi-square test
// with its location component removed, and the largest for KS and the effect-size CIs (they respond to every kind
// of drift). The df are those of the estimates when they are applied (t and F reference distributions).
interface Factors {
  shift: number;
  shiftDf: number;
  rest: number;
  restDf: number;
  any: number;
}

// The applied factors of an overdispersion estimate, or null without one.
function factorsOf(phi: Overdispersion | null): Factors | null {
  if (phi === null) return null;
  return {
    shift: phi.shift.applied,
    shiftDf: phi.shift.applied > 1 ? phi.shift.df : Infinity,
    rest: phi.rest.applied,
    restDf: phi.rest.applied > 1 ? phi.rest.df : Infinity,
    any: Math.max(phi.applied, phi.shift.applied, phi.rest.applied),
  };
}

// Run the three tests (with the overdispersion factors when there are per-interval histograms) and Holm-adjust them.
function runTests(a: number[], b: number[], factors: Factors | null, opts: CompareOptions): CompareTest[] {
  const mw = factors === null ? mannWhitney(a, b) : mannWhitney(a, b, factors.shift, factors.shiftDf);
  const chi = factors === null ? twoSampleChiSquare(a, b) : residualChiSquare(a, b, factors.rest, factors.restDf);
  const ks = ksTest(a, b, createRng(opts.seed ?? DEFAULT_SEED), factors?.any ?? 1, opts.plan ?? DEFAULT_PLAN);
  const raw: CompareTest[] = [{ name: "mann-whitney", statistic: mw.z, u: mw.u, pValue: mw.pValue, pHolm: 1 }];
  if (chi.df > 0) {
    raw.push({ name: "chi-square", statistic: chi.statistic, df: chi.df, cells: chi.cells, locationRemoved: factors !== null, pValue: chi.pValue, pHolm: 1 });
  }
  raw.push({ name: "ks", statistic: ks.statistic, replicates: ks.replicates, pValue: ks.pValue, pHolm: 1 });
  const adjusted = holmAdjust(raw.map((t) => t.pValue));
  return raw.map((t, i) => ({ ...t, pHolm: adjusted[i] ?? 1 }));
}

// The effect-size gates of the rule, with one reason line for each gate that is met.
function gates(w1: number, tail: TailFractionRatio | null, p99: QuantileRatio | null): { effects: EffectGates; reasons: string[] } {
  const reasons: string[] = [];
  const effects: EffectGates = { w1: w1 >= MIN_W1, tail: false, p99: false };
  if (effects.w1) reasons.push(`W1 = ${fmt(w1)} log2 units >= ${MIN_W1}`);
  if (tail !== null) {
    const ratio = Math.max(tail.estimate, 1 / tail.estimate);
    effects.tail = ratio >= MIN_TAIL_RATIO && Math.max(tail.countA, tail.countB) >= MIN_TAIL_COUNT;
    if (effects.tail) {
      reasons.push(
        `tail beyond ${fmt(tail.bucket)}: ${fmt(100 * tail.fractionA)}% (A, ${tail.countA}) vs ${fmt(100 * tail.fractionB)}% (B, ${tail.countB}), ratio ${fmt(tail.estimate)}`,
      );
    }
  }
  if (p99 !== null) {
    effects.p99 = p99.ciLow > P99_BAND[1] || p99.ciHigh < P99_BAND[0];
    if (effects.p99) reasons.push(`p99 ratio ${fmt(p99.estimate)} [${fmt(p99.ciLow)}, ${fmt(p99.ciHigh)}] excludes [${P99_BAND[0]}, ${P99_BAND[1]}]`);
  }
  return { effects, reasons };
}

// Verdict and its first reason line from the sample sizes, the smallest Holm p and the effect gates.
function decideComparison(nA: number, nB: number, pHolm: number, anyEffect: boolean): { verdict: CompareVerdict; reason: string } {
  if (nA < MIN_COMPARE_SAMPLES || nB < MIN_COMPARE_SAMPLES) {
    return { verdict: "inconclusive", reason: `too few samples: A has ${nA}, B has ${nB} (need >= ${MIN_COMPARE_SAMPLES} each)` };
  }
  if (pHolm < DIFFERENT_P && anyEffect) return { verdict: "different", reason: `Holm p = ${fmt(pHolm)} < ${DIFFERENT_P}` };
  if (pHolm < DIFFERENT_P) return { verdict: "same", reason: `Holm p = ${fmt(pHolm)} < ${DIFFERENT_P}, but no effect reaches its threshold` };
  if (pHolm < SUGGESTIVE_P && anyEffect) {
    return { verdict: "inconclusive", reason: `Holm p = ${fmt(pHolm)}: suggestive (< ${SUGGESTIVE_P}) but not below ${DIFFERENT_P}` };
  }
  return { verdict: "same", reason: `no significant difference: Holm p = ${fmt(pHolm)} >= ${DIFFERENT_P}` };
}

// Compare histogram B against A (baseline). Ratios are B / A. Deterministic for a given seed.
export function compareHistograms(sideA: CompareSide, sideB: CompareSide, opts: CompareOptions = {}): Comparison {
  const pair = alignHistograms(sideA, sideB);
  if (pair.kind === "error") {
    const where = pair.interval === null ? `histogram ${pair.side}` : `interval ${pair.interval + 1} of histogram ${pair.side}`;
    return {
      kind: "not-comparable",
      verdict: "inconclusive",
      tests: [],
      w1: null,
      p99Ratio: null,
      tailFractionRatio: null,
      phi: null,
      error: pair,
      reasons: [`${where} is not a log2 histogram: ${pair.error.message}`],
    };
  }
  const nA = pair.a.reduce((s, c) => s + c, 0);
  const nB = pair.b.reduce((s, c) => s + c, 0);
  const phi = estimateOverdispersion(pair.intervalsA, pair.intervalsB);
  const factors = factorsOf(phi);
  const tests = runTests(pair.a, pair.b, factors, opts);
  const pHolm = Math.min(...tests.map((t) => t.pHolm));
  const w1 = wasserstein1(pair.a, pair.b);
  const tail = tailFractionRatio(pair, factors?.any ?? 1);
  const p99 = p99Ratio(pair.gridA, pair.gridB, factors?.any ?? 1);
  const { effects, reasons } = gates(w1, tail, p99);
  const decision = decideComparison(nA, nB, pHolm, effects.w1 || effects.tail || effects.p99);
  const notes: string[] = [];
  if (phi !== null) {
    const scaled = (factors?.any ?? 1) > 1 ? "tests and CIs scaled" : "no scaling (all <= 1)";
    notes.push(
      `overdispersion from ${phi.intervalsA} + ${phi.intervalsB} intervals: phi = ${fmt(phi.estimate)} (location ${fmt(phi.shift.estimate)}, rest ${fmt(phi.rest.estimate)}); ${scaled}`,
    );
  }
  if (pair.clampedExp !== null) notes.push(`top slot clamped: samples at or above ${2 ** pair.clampedExp} are compared as one bucket`);
  const shown = decision.verdict === "same" && decision.reason.startsWith("no significant") ? [] : reasons;
  return {
    kind: "compared",
    verdict: decision.verdict,
    nA,
    nB,
    tests,
    pHolm,
    w1,
    p99Ratio: p99,
    tailFractionRatio: tail,
    phi,
    effects,
    reasons: [decision.reason, ...shown, ...notes],
  };
}
