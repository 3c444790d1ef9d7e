// One calibration job: `count` draws of a cell from index `from`, tallied. Pure and deterministic per draw seed.
import { compareHistograms } from "../../src/stats/compare.js";
import { toLog2Grid, type Log2Grid } from "../../src/stats/log2-grid.js";
import { estimateQuantile } from "../../src/stats/quantiles.js";
import { createRng, type Rng } from "../../src/stats/rng.js";
import { minimumDelta, testUnimodal } from "../../src/stats/unimodal-test.js";
import type { Cell } from "./cells.js";
import { quantileOf, type Distribution } from "./distributions.js";
import { drawSlots, slotBuckets, slotProbabilities } from "./histograms.js";
import { driftedInterval, ISLAND, ISLAND_BODY, nullDistribution, twoHumps } from "./models.js";
import { drawSeed } from "./seeds.js";

// Counters and per-draw samples of one job; jobs of a cell add up.
export interface Tally {
  cellId: string;
  counts: Record<string, number>;
  samples: Record<string, number[]>;
  // CPU milliseconds spent in the job.
  ms: number;
}

// Minimum quantile-error sample size: STATS.md §5 judges the p99 from n = 1e4 on.
const QUANTILE_MIN_N = 1e4;

// Shape verdict of one simulated histogram: multimodal at the decision rule (p <= 0.01 with the delta rule), at
// level 0.05 with the same delta rule, and p <= 0.01 without the delta rule (to show what the rule removes).
function shapeOutcome(counts: Float64Array): { multimodal: boolean; level05: boolean; pOnly: boolean; grid: Log2Grid } {
  const grid = gridOf(counts);
  const test = testUnimodal(grid.counts);
  const level05 = test.kind === "tested" && test.pValue <= 0.05 && test.delta >= minimumDelta(grid.shapeTotal);
  const pOnly = test.kind === "tested" && test.pValue <= 0.01;
  return { multimodal: test.verdict === "multimodal", level05, pOnly, grid };
}

// Count the outcomes of one shape test.
function tallyShape(tally: Tally, outcome: { multimodal: boolean; level05: boolean; pOnly: boolean }): void {
  if (outcome.multimodal) bump(tally, "multimodal");
  if (outcome.level05) bump(tally, "level05");
  if (outcome.pOnly) bump(tally, "pOnly01");
}

// Grid of simulated slot counts, top slot clamped as in libbpf-tools.
function gridOf(counts: Float64Array): Log2Grid {
  const result = toLog2Grid(slotBuckets(counts), { topCensored: true });
  if (!result.ok) throw new Error(`calibration: simulated histogram rejected: ${result.error.message}`);
  return result.grid;
}

// Add one to a counter.
function bump(tally: Tally, key: string, by = 1): void {
  tally.counts[key] = (tally.counts[key] ?? 0) + by;
}

// Append one sample.
function record(tally: Tally, key: string, value: number): void {
  (tally.samples[key] ??= []).push(value);
}

// A null draw: false positives at both levels and, from n = 1e4, the p99 error of the log-slope estimate.
function nullDraw(tally: Tally, distribution: Distribution, p99: number, n: number, rng: Rng): void {
  const offset = rng.uniform();
  const counts = drawSlots(rng, n, slotProbabilities(distribution, offset));
  const outcome = shapeOutcome(counts);
  tallyShape(tally, outcome);
  if (n < QUANTILE_MIN_N) return;
  const estimate = estimateQuantile(outcome.grid, 0.99);
  if (estimate.kind === "estimate") record(tally, "p99Error", Math.abs(estimate.value / (p99 * 2 ** offset) - 1));
  else bump(tally, "p99Censored");
}

// A two-sided comparison of one distribution with itself at a shared offset: how often "different" comes out.
function compareNullDraw(tally: Tally, distribution: Distribution, n: number, rng: Rng): void {
  const probs = slotProbabilities(distribution, rng.uniform());
  const a = slotBuckets(drawSlots(rng, n, probs));
  const b = slotBuckets(drawSlots(rng, n, probs));
  const result = compareHistograms({ buckets: a, topCensored: true }, { buckets: b, topCensored: true });
  bump(tally, result.verdict);
}

// Both sides made of drifting intervals of one distribution: the naive comparison of the sums against the one that
// estimates phi from the intervals.
function driftDraw(tally: Tally, cell: Extract<Cell, { kind: "compare-drift" }>, rng: Rng): void {
  const offset = rng.uniform();
  const perInterval = Math.round(cell.n / cell.intervals);
  // One side: its summed slots and its intervals as buckets.
  const side = () => {
    const sum = new Float64Array(slotProbabilities(driftedInterval(0), offset).length);
    const intervals = [];
    for (let i = 0; i < cell.intervals; i++) {
      const counts = drawSlots(rng, perInterval, slotProbabilities(driftedInterval(cell.drift * rng.normal()), offset));
      counts.forEach((c, j) => {
        sum[j] = (sum[j] ?? 0) + c;
      });
      intervals.push(slotBuckets(counts));
    }
    return { buckets: slotBuckets(sum), intervals, topCensored: true };
  };
  const a = side();
  const b = side();
  const naive = compareHistograms({ buckets: a.buckets, topCensored: true }, { buckets: b.buckets, topCensored: true });
  const scaled = compareHistograms(a, b);
  if (naive.verdict === "different") bump(tally, "naiveDifferent");
  if (scaled.verdict === "different") bump(tally, "phiDifferent");
  if (scaled.phi !== null) record(tally, "phi", scaled.phi.estimate);
}

// Run draws [from, from + count) of a cell.
export function runJob(cell: Cell, from: number, count: number, baseSeed: number): Tally {
  const started = performance.now();
  const tally: Tally = { cellId: cell.id, counts: { draws: 0 }, samples: {}, ms: 0 };
  const nullModel = cell.kind === "null" || cell.kind === "compare-null" ? nullDistribution(cell.model) : null;
  const p99 = nullModel === null ? 0 : quantileOf(nullModel, 0.99);
  const humps = cell.kind === "alternative" ? twoHumps(cell.weight, cell.separation, cell.sigma) : null;
  for (let index = from; index < from + count; index++) {
    const rng = createRng(drawSeed(baseSeed, cell.id, index));
    bump(tally, "draws");
    switch (cell.kind) {
      case "null":
        if (nullModel !== null) nullDraw(tally, nullModel, p99, cell.n, rng);
        break;
      case "alternative": {
        if (humps === null) break;
        tallyShape(tally, shapeOutcome(drawSlots(rng, cell.n, slotProbabilities(humps, rng.uniform()))));
        break;
      }
      case "island": {
        const offset = rng.uniform();
        const counts = drawSlots(rng, ISLAND_BODY.count, slotProbabilities(ISLAND_BODY.distribution, offset));
        drawSlots(rng, cell.size, slotProbabilities(ISLAND, offset), counts);
        tallyShape(tally, shapeOutcome(counts));
        break;
      }
      case "compare-null":
        if (nullModel !== null) compareNullDraw(tally, nullModel, cell.n, rng);
        break;
      case "compare-drift":
        driftDraw(tally, cell, rng);
        break;
    }
  }
  tally.ms = performance.now() - started;
  return tally;
}
