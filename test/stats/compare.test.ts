import { describe, expect, it } from "vitest";
import {
  alignHistograms,
  chiSquareUpper,
  compareHistograms,
  createRng,
  holmAdjust,
  kruskalWallis,
  ksDistance,
  mannWhitney,
  mergeCells,
  normalCdf,
  pearsonChiSquare,
  regularizedGammaP,
  tailFractionRatio,
  wasserstein1,
  type Comparison,
} from "../../src/stats/index.js";
import { logNormal } from "../../scripts/calibration/distributions.js";
import { drawSlots, SLOTS, slotBuckets, slotProbabilities } from "../../scripts/calibration/histograms.js";
import { bucketsFromCounts } from "./simulated-histograms.js";

// Unwrap a comparison that ran, failing the test otherwise.
function compared(result: Comparison): Extract<Comparison, { kind: "compared" }> {
  if (result.kind !== "compared") throw new Error(result.reasons.join("; "));
  return result;
}

describe("special functions", () => {
  it("gives the textbook normal and chi-square tail values", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(chiSquareUpper(3.841458820694124, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpper(18.307038053275146, 10)).toBeCloseTo(0.05, 6);
    // P(2, x) = 1 - e^-x (1 + x).
    expect(regularizedGammaP(2, 3)).toBeCloseTo(1 - Math.exp(-3) * 4, 12);
  });
});

describe("binned Mann-Whitney U", () => {
  it("matches the hand computation on a 2 x 3 table", () => {
    // A = [2, 1, 0], B = [0, 1, 2] over three ordered cells; nA = nB = 3, N = 6.
    // U_B = sum_k b_k (A below k + a_k / 2) = 0 (0 + 1) + 1 (2 + 0.5) + 2 (3 + 0) = 8.5; E[U] = 3 * 3 / 2 = 4.5.
    // Ties t = [2, 2, 2]: sum (t^3 - t) = 18; Var = (3 * 3 / 12) ((6 + 1) - 18 / (6 * 5)) = 0.75 * 6.4 = 4.8.
    // z = (8.5 - 4.5) / sqrt(4.8) = 1.825742; p = 2 (1 - Phi(1.825742)) = 0.067889.
    const result = mannWhitney([2, 1, 0], [0, 1, 2]);
    expect(result.u).toBe(8.5);
    expect(result.z).toBeCloseTo(4 / Math.sqrt(4.8), 12);
    expect(result.z).toBeCloseTo(1.825742, 6);
    expect(result.pValue).toBeCloseTo(0.067889, 5);
    // phi = 4 doubles the standard deviation: z halves.
    expect(mannWhitney([2, 1, 0], [0, 1, 2], 4).z).toBeCloseTo(1.825742 / 2, 6);
    // The mirror image gives -z, and one occupied cell has no spread at all.
    expect(mannWhitney([0, 1, 2], [2, 1, 0]).z).toBeCloseTo(-1.825742, 6);
    expect(mannWhitney([5], [7])).toEqual({ u: 17.5, z: 0, pValue: 1 });
  });
});

describe("chi-square with merged cells", () => {
  it("merges adjacent cells until the smaller row expects 5 in every cell", () => {
    // N = 40, smaller row 20: a group needs 5 * 40 / 20 = 10 pooled samples. Cell 0 has 20 (closed);
    // cells 1-3 pool 1, 2, 20 (closed at cell 3).
    expect(mergeCells([
      [10, 0, 1, 9],
      [10, 1, 0, 9],
    ])).toEqual([0, 1, 1, 1]);
    // A trailing remainder too small for its own group joins the last group.
    expect(mergeCells([
      [10, 10, 1],
      [10, 10, 0],
    ])).toEqual([0, 1, 1]);
  });

  it("computes X2 by hand on a 2 x 2 table", () => {
    // Expected 20 in every cell: X2 = 4 * (10^2 / 20) = 20 on 1 df.
    expect(pearsonChiSquare([
      [30, 10],
      [10, 30],
    ])).toEqual({ statistic: 20, df: 1, cells: 2 });
    expect(chiSquareUpper(20, 1)).toBeCloseTo(7.744e-6, 8);
  });
});

describe("KS distance, W1 and Holm", () => {
  it("computes D and W1 over cell edges", () => {
    // F_A = 2/3, 1, 1 and F_B = 0, 1/3, 1: D = 2/3; W1 = |2/3 - 0| + |1 - 1/3| = 4/3 (last edge excluded).
    expect(ksDistance([2, 1, 0], [0, 1, 2])).toBeCloseTo(2 / 3, 12);
    expect(wasserstein1([2, 1, 0], [0, 1, 2])).toBeCloseTo(4 / 3, 12);
  });

  it("adjusts p-values step-down and keeps the input order", () => {
    // Sorted 0.01, 0.03, 0.04: 3 * 0.01 = 0.03; 2 * 0.03 = 0.06; 1 * 0.04 -> running max 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(holmAdjust([0.6, 0.9])).toEqual([1, 1]);
  });
});

describe("compareHistograms", () => {
  const body = [100, 400, 1000, 400, 100];

  it("calls identical histograms the same", () => {
    const result = compared(compareHistograms({ buckets: bucketsFromCounts(body, 5) }, { buckets: bucketsFromCounts(body, 5) }));
    expect(result.verdict).toBe("same");
    expect(result.w1).toBe(0);
    expect(result.tests.map((t) => [t.name, t.pValue])).toEqual([
      ["mann-whitney", 1],
      ["chi-square", 1],
      ["ks", 1],
    ]);
    expect(result.p99Ratio?.estimate).toBe(1);
  });

  it("measures a pure shift by 4x as W1 = 2 log2 units and a p99 ratio of 4", () => {
    const result = compared(compareHistograms({ buckets: bucketsFromCounts(body, 5) }, { buckets: bucketsFromCounts(body, 7) }));
    expect(result.w1).toBeCloseTo(2, 12);
    expect(result.verdict).toBe("different");
    expect(result.p99Ratio?.estimate).toBeCloseTo(4, 9);
    expect(result.p99Ratio?.ciLow).toBeGreaterThan(1.1);
    const mw = result.tests.find((t) => t.name === "mann-whitney");
    expect(mw?.statistic).toBeGreaterThan(0);
    expect(result.pHolm).toBeLessThan(1e-10);
  });

  it("calls a 1% tail that grows to 5% different, with a tail-fraction ratio of about 5", () => {
    // 99 000 + 1000 tail samples against 95 000 + 5000, the tail hump at 2^14-2^16 far above a body at 2^5-2^9.
    const baseline = [...[9900, 39600, 99000 - 19800 - 39600 - 9900 - 9900, 19800, 9900], 0, 0, 0, 0, 250, 500, 250];
    const now = [...[9500, 38000, 95000 - 19000 - 38000 - 9500 - 9500, 19000, 9500], 0, 0, 0, 0, 1250, 2500, 1250];
    const result = compared(compareHistograms({ buckets: bucketsFromCounts(baseline, 5) }, { buckets: bucketsFromCounts(now, 5) }));
    expect(result.verdict).toBe("different");
    const tail = result.tailFractionRatio;
    // A's p99 rank (99 000) is the last body sample, in [2^9, 2^10): the tail starts at the next bucket, 2^10.
    expect(tail?.bucket).toBe(1024);
    expect(tail?.estimate).toBeCloseTo(5, 9);
    expect(tail?.countB).toBe(5000);
    expect(result.effects.tail).toBe(true);
    expect(result.reasons.some((r) => r.includes("ratio 5"))).toBe(true);
  });

  it("corrects a zero tail count by adding 0.5 to both sides", () => {
    const pair = alignHistograms({ buckets: bucketsFromCounts([50, 50], 4) }, { buckets: bucketsFromCounts([50, 40, 10], 4) });
    if (pair.kind !== "aligned") throw new Error("not aligned");
    // A's p99 is in [32, 64): the tail starts at 64, where A has 0 and B 10: (10.5 / 101) / (0.5 / 101) = 21.
    const tail = tailFractionRatio(pair);
    expect(tail).toMatchObject({ bucket: 64, countA: 0, countB: 10, corrected: true });
    expect(tail?.estimate).toBeCloseTo(21, 12);
  });

  it("is inconclusive with fewer than 30 samples a side and for buckets that are not log2", () => {
    const small = compareHistograms({ buckets: bucketsFromCounts([5, 10, 5], 4) }, { buckets: bucketsFromCounts([5, 10, 5], 6) });
    expect(small.verdict).toBe("inconclusive");
    expect(small.reasons[0]).toMatch(/too few samples: A has 20, B has 20/);
    const linear = compareHistograms({ buckets: [{ low: 0, high: 10, count: 5 }, { low: 10, high: 20, count: 5 }] }, { buckets: bucketsFromCounts([5], 4) });
    expect(linear.kind).toBe("not-comparable");
    expect(linear.reasons[0]).toMatch(/^histogram A is not a log2 histogram: expected/);
  });

  it("compares a clamped top slot as one 'at least' bucket on both sides", () => {
    const a = { buckets: bucketsFromCounts([100, 300, 100, 20], 4), topCensored: true };
    const b = { buckets: bucketsFromCounts([100, 300, 100, 10, 5, 5], 4) };
    const pair = alignHistograms(a, b);
    expect(pair.kind === "aligned" && [pair.clampedExp, pair.a, pair.b]).toEqual([7, [100, 300, 100, 20], [100, 300, 100, 20]]);
    expect(compareHistograms(a, b).verdict).toBe("same");
  });

  it("is deterministic for a seed", () => {
    const a = { buckets: bucketsFromCounts([30, 40, 20, 10], 4) };
    const b = { buckets: bucketsFromCounts([25, 40, 25, 10], 4) };
    expect(compareHistograms(a, b, { seed: 3 })).toEqual(compareHistograms(a, b, { seed: 3 }));
  });
});

describe("overdispersion from per-interval histograms", () => {
  it("computes the Kruskal-Wallis statistic of the intervals by hand", () => {
    // Pooled [2, 2], N = 4: ridits 1/4 and 3/4, variance ((2 + 2) * (1/4)^2) / 4 = 1/16.
    // Each row has 2 samples with mean ridit 1/4 or 3/4: KW = 2 * 2 * (1/4)^2 / (1/16) = 4 on 1 df.
    expect(kruskalWallis([
      [2, 0],
      [0, 2],
    ])).toEqual({ kw: 4, kwDf: 1 });
  });

  it("keeps drifting intervals of one distribution from being called different (seeded)", () => {
    // Ten 1 s intervals a side, 10 000 samples each, log-normal sigma 1 (log2 units) whose centre moves by
    // Normal(0, 0.15^2) log2 units from interval to interval: the sums differ by more than multinomial noise.
    const rng = createRng(3);
    // One side: summed slots and the interval histograms.
    const side = () => {
      const sum = new Float64Array(SLOTS);
      const intervals = [];
      for (let i = 0; i < 10; i++) {
        const counts = drawSlots(rng, 10_000, slotProbabilities(logNormal(10 + 0.15 * rng.normal(), 1), 0.3));
        counts.forEach((c, j) => {
          sum[j] = (sum[j] ?? 0) + c;
        });
        intervals.push(slotBuckets(counts));
      }
      return { buckets: slotBuckets(sum), intervals };
    };
    const a = side();
    const b = side();
    const naive = compared(compareHistograms({ buckets: a.buckets }, { buckets: b.buckets }));
    expect(naive.verdict).toBe("different");
    expect(naive.pHolm).toBeLessThan(1e-6);
    const scaled = compared(compareHistograms(a, b));
    expect(scaled.phi?.shift.estimate).toBeGreaterThan(10);
    expect(scaled.phi?.intervalsA).toBe(10);
    expect(scaled.verdict).not.toBe("different");
    expect(scaled.pHolm).toBeGreaterThan(0.01);
    expect(scaled.reasons.some((r) => r.startsWith("overdispersion from 10 + 10 intervals"))).toBe(true);
  });

  it("leaves the verdict alone when the intervals are plain multinomial draws", () => {
    const rng = createRng(7);
    const probs = slotProbabilities(logNormal(10, 1), 0.5);
    // One side of eight homogeneous intervals.
    const side = () => {
      const intervals = Array.from({ length: 8 }, () => drawSlots(rng, 5000, probs));
      const sum = intervals.reduce((acc, c) => acc.map((x, j) => x + (c[j] ?? 0)), new Float64Array(SLOTS));
      return { buckets: slotBuckets(sum), intervals: intervals.map(slotBuckets) };
    };
    const result = compared(compareHistograms(side(), side()));
    expect(result.phi?.estimate).toBeGreaterThan(0.5);
    expect(result.phi?.estimate).toBeLessThan(2);
    expect(result.verdict).toBe("same");
  });
});
