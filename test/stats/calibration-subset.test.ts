// A fast subset of the calibration grid (scripts/calibrate.ts, docs/calibration.md) with fixed seeds: fails when a
// cell falls out of bounds. The seeds are fixed, so each run gives the same counts; the bounds are chosen so that an
// implementation whose true rates are those of the full calibration passes for all but a negligible share of seeds
// (binomial tails below, computed exactly), which makes the fixed seed a fair sample rather than a tuned one.
//
// - Nulls, 400 draws: "multimodal" <= 20 (5%). At the target rate 2.5% P(X > 20) = 0.0014; at the calibrated
//   ~0.1-1% it is below 1e-9. p <= 0.05 (with the delta rule) <= 40 (10%): at the target 6.5%, P(X > 40) = 0.003.
// - Anchor 1% at 64x, sigma 1, n = 1e4, 200 draws: "multimodal" >= 170 (85%): calibrated ~93.5%, P(X < 170) = 7e-6
//   (0.01 even at 90%); p <= 0.05 >= 190 (95%): at STATS.md's 99%, P(X < 190) = 7e-6 (0.003 at 98%).
// - 50/50 at 8x, n = 3e3 and 20% at 16x (sigma 0.5), n = 1e3, 200 draws: >= 180 and >= 190 detections; at the
//   calibrated 96.5% and 99%, P = 9e-6 and 7e-6.
// - Island of 5, 200 draws: >= 170 (85%): at STATS.md's 92%, P(X < 170) = 3e-4; at the calibrated ~96%, 1e-10.
// - Comparison of a distribution with itself, n = 1e4 a side, 200 draws: "different" <= 12: at the target 2.5%,
//   P(X > 12) = 0.0017; at the calibrated ~0.5%, below 1e-7.
// - p99 error (log-slope, median over 400 draws) <= 5% at n >= 1e4: a median of 400 draws moves by a few tenths of a
//   percent between seeds; the calibrated medians here are about 0.4-2.5%.
import { describe, expect, it } from "vitest";
import type { Cell } from "../../scripts/calibration/cells.js";
import { runJob, type Tally } from "../../scripts/calibration/evaluate.js";

const SEED = 2026;

// Run every draw of a cell in one job.
function run(cell: Cell): Tally {
  return runJob(cell, 0, cell.draws, SEED);
}

// Median of a sample.
function median(values: readonly number[] = []): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

describe("calibration subset (fixed seeds)", () => {
  it.each([
    ["Lomax a=1.5", 1e6],
    ["Weibull k=0.5", 1e4],
    ["log-normal s=2", 300],
    ["log-normal s=1", 1e5],
  ] as const)("keeps the false-positive rate of %s at n=%s in bounds", (model, n) => {
    const tally = run({ kind: "null", id: `null|${model}|${n}`, model, n, draws: 400 });
    expect(tally.counts.draws).toBe(400);
    expect(tally.counts.multimodal ?? 0).toBeLessThanOrEqual(20);
    expect(tally.counts.level05 ?? 0).toBeLessThanOrEqual(40);
    if (n >= 1e4) expect(median(tally.samples.p99Error)).toBeLessThanOrEqual(0.05);
  });

  it("keeps the regression anchor (1% hump at 64x, sigma 1, n = 1e4) in bounds", () => {
    const tally = run({ kind: "alternative", id: "alt|0.01|6|1|10000", weight: 0.01, separation: 6, sigma: 1, n: 1e4, draws: 200 });
    expect(tally.counts.multimodal ?? 0).toBeGreaterThanOrEqual(170);
    expect(tally.counts.level05 ?? 0).toBeGreaterThanOrEqual(190);
  });

  it.each([
    [0.5, 3, 1, 3000, 180],
    [0.2, 4, 0.5, 1000, 190],
  ] as const)("detects a %s weight hump %s log2 units up (sigma %s, n = %s) at least %s times in 200", (weight, separation, sigma, n, bound) => {
    const tally = run({ kind: "alternative", id: `alt|${weight}|${separation}|${sigma}|${n}`, weight, separation, sigma, n, draws: 200 });
    expect(tally.counts.multimodal ?? 0).toBeGreaterThanOrEqual(bound);
  });

  it("flags an island of 5 samples under a body of 5000", () => {
    const tally = run({ kind: "island", id: "island|5", size: 5, draws: 200 });
    expect(tally.counts.multimodal ?? 0).toBeGreaterThanOrEqual(170);
  });

  it("rarely calls two draws of one distribution different", () => {
    const tally = run({ kind: "compare-null", id: "compare|log-normal s=1|10000", model: "log-normal s=1", n: 1e4, draws: 200 });
    expect(tally.counts.different ?? 0).toBeLessThanOrEqual(12);
  });
});
