// Sums job tallies per cell and judges every cell against its STATS.md §5 target.
import { ANCHOR, isAnchor, type Cell } from "./cells.js";
import type { Tally } from "./evaluate.js";
import { toLog2Grid } from "../../src/stats/log2-grid.js";
import { estimateQuantile } from "../../src/stats/quantiles.js";
import { quantileOf } from "./distributions.js";
import { slotBuckets, slotProbabilities, valleyPeakRatio } from "./histograms.js";
import { nullDistribution, twoHumps, type NullModel } from "./models.js";

// Decision level of the shape verdict ("multimodal" when p <= 0.01) and of the comparison ("different" at Holm p < 0.01).
export const ALPHA = 0.01;
export const FP_TARGET = ALPHA + 0.015;
export const FP_TARGET_05 = 0.05 + 0.015;
export const POWER_TARGET = 0.8;
export const MIN_MINOR_SAMPLES = 100;
export const MAX_VALLEY_RATIO = 0.5;
export const QUANTILE_TARGET = 0.05;
// STATS.md §1: an island of 5 samples is flagged in 92% of draws; §4: chi2 / phi still rejected 17% with drift.
export const ISLAND_TARGET = 0.92;
export const DRIFT_TARGET = 0.17;
const ANCHOR_TARGETS: Record<number, number> = { 3000: 0.59, 10000: 0.99 };
const OFFSETS = 32;

export interface CellResult {
  cell: Cell;
  draws: number;
  counts: Record<string, number>;
  samples: Record<string, number[]>;
  ms: number;
}

// Sum the tallies of each cell, in the order of `cells`.
export function aggregate(cells: readonly Cell[], tallies: readonly Tally[]): CellResult[] {
  const byId = new Map<string, CellResult>(cells.map((cell) => [cell.id, { cell, draws: 0, counts: {}, samples: {}, ms: 0 }]));
  for (const tally of tallies) {
    const result = byId.get(tally.cellId);
    if (result === undefined) continue;
    for (const [key, value] of Object.entries(tally.counts)) result.counts[key] = (result.counts[key] ?? 0) + value;
    for (const [key, values] of Object.entries(tally.samples)) (result.samples[key] ??= []).push(...values);
    result.ms += tally.ms;
  }
  for (const result of byId.values()) result.draws = result.counts.draws ?? 0;
  return [...byId.values()];
}

// Share of draws with `key` counted.
export function rate(result: CellResult, key: string): number {
  return result.draws > 0 ? (result.counts[key] ?? 0) / result.draws : 0;
}

// Median of a sample, NaN when empty.
export function median(values: readonly number[] | undefined): number {
  if (values === undefined || values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// True binned valley/peak ratio of two humps: the worst (largest) over a grid of sub-bucket offsets, so a cell is
// judged only when every offset leaves a valley at most half the lower peak.
export function humpValleyRatio(weight: number, separation: number, sigma: number): number {
  const distribution = twoHumps(weight, separation, sigma);
  let worst = 0;
  for (let i = 0; i < OFFSETS; i++) worst = Math.max(worst, valleyPeakRatio(slotProbabilities(distribution, (i + 0.5) / OFFSETS)));
  return worst;
}

// Samples in the smaller hump.
export function minorSamples(weight: number, n: number): number {
  return Math.min(weight, 1 - weight) * n;
}

// Anchor target of an alternative cell, or null.
export function anchorTarget(weight: number, separation: number, sigma: number, n: number): number | null {
  return isAnchor(weight, separation, sigma, n) ? (ANCHOR_TARGETS[n] ?? null) : null;
}

// Counts standing in for n = infinity: the estimator's own bias, without sampling noise.
const INFINITE_N = 1e12;

// p99 error of the log-slope estimate on exact expected counts (n = infinity): median and worst over the offsets.
export function quantileBias(model: NullModel): { median: number; worst: number } {
  const distribution = nullDistribution(model);
  const p99 = quantileOf(distribution, 0.99);
  const errors: number[] = [];
  for (let i = 0; i < OFFSETS; i++) {
    const offset = (i + 0.5) / OFFSETS;
    const counts = slotProbabilities(distribution, offset).map((p) => Math.round(p * INFINITE_N));
    const grid = toLog2Grid(slotBuckets(counts), { topCensored: true });
    if (!grid.ok) continue;
    const estimate = estimateQuantile(grid.grid, 0.99);
    if (estimate.kind === "estimate") errors.push(Math.abs(estimate.value / (p99 * 2 ** offset) - 1));
  }
  return { median: median(errors), worst: Math.max(...errors) };
}

export { ANCHOR };
