import { describe, expect, it } from "vitest";
import type { Bucket } from "../../src/model/measurement.js";
import { analyzeShape, toShape } from "../../src/stats/index.js";
import { bucketsFromCounts, simulateHistogram } from "./simulated-histograms.js";

// bcc runqlat on a heavily loaded system, /work/shared/peer-corpus/bcc/runqlat_example.txt lines 12-28 (usecs),
// from `0 -> 1 : 233` to `32768 -> 65535 : 64`.
const RUNQLAT_BIMODAL: Bucket[] = [
  { low: 0, high: 2, count: 233 },
  ...bucketsFromCounts([742, 203, 173, 24, 0, 30, 6, 3, 5, 27, 30, 20, 29, 809, 64], 1),
];

describe("analyzeShape", () => {
  it("finds both modes of 5000 samples around 2^5 and 1000 around 2^12 (sigma 1 log2 unit)", () => {
    const buckets = simulateHistogram(
      [
        { kind: "log-normal", count: 5000, log2Centre: 5, sigma: 1 },
        { kind: "log-normal", count: 1000, log2Centre: 12, sigma: 1 },
      ],
      1,
    );
    const result = analyzeShape(buckets);
    expect(result.verdict).toBe("multimodal");
    expect(result.pValue).toBeLessThanOrEqual(0.01);
    expect(result.modes).toHaveLength(2);
    const [low, high] = result.modes;
    expect((low?.peak ?? 0) / 32).toBeGreaterThan(0.5);
    expect((low?.peak ?? Infinity) / 32).toBeLessThan(2);
    expect((high?.peak ?? 0) / 4096).toBeGreaterThan(0.5);
    expect((high?.peak ?? Infinity) / 4096).toBeLessThan(2);
    expect(low?.mass).toBeCloseTo(5 / 6, 2);
    expect(result.tail).toBe("tail-hump");
  });

  it("does not call a log-normal sample (n = 10000, sigma 1 log2 unit) multimodal", () => {
    const buckets = simulateHistogram([{ kind: "log-normal", count: 10_000, log2Centre: 10, sigma: 1 }], 2);
    const result = analyzeShape(buckets);
    expect(result.verdict).toBe("unimodal");
    expect(result.modes).toHaveLength(1);
    expect(result.tail).toBe("none");
  });

  it("flags an island of 5 samples at 16-32 ms under a 300-500 us body of 5000", () => {
    const buckets = simulateHistogram(
      [
        { kind: "log-uniform", count: 5000, from: Math.log2(300), to: Math.log2(500) },
        { kind: "log-uniform", count: 5, from: 14, to: 15 },
      ],
      3,
    );
    const result = analyzeShape(buckets);
    expect(result.verdict).toBe("multimodal");
    expect(result.tail).toBe("island");
    expect(result.modes.map((m) => [m.low, m.high])).toEqual([
      [256, 512],
      [16384, 32768],
    ]);
  });

  it("calls the bcc runqlat example bimodal, with the 16-32 ms hump above an empty bucket", () => {
    const result = analyzeShape(RUNQLAT_BIMODAL);
    expect(result.verdict).toBe("multimodal");
    expect(result.pValue).toBeLessThanOrEqual(0.01);
    expect(result.modes.length).toBeGreaterThanOrEqual(2);
    expect(result.modes[0]).toMatchObject({ low: 0, high: 32 });
    const last = result.modes[result.modes.length - 1];
    expect(last?.peak).toBeGreaterThan(16384);
    expect(last?.peak).toBeLessThan(32768);
    expect(result.tail).toBe("island");
  });

  it("is deterministic: the same buckets and seed give the same p-value", () => {
    const a = analyzeShape(RUNQLAT_BIMODAL, { seed: 99 });
    const b = analyzeShape(RUNQLAT_BIMODAL, { seed: 99 });
    expect(toShape(b)).toEqual(toShape(a));
    const counts = bucketsFromCounts([30, 15, 25, 10], 4);
    expect(analyzeShape(counts, { seed: 5 }).pValue).toBe(analyzeShape(counts, { seed: 5 }).pValue);
  });

  it("reports a suspected dip (0.01 < p <= 0.10) as unimodal with suspected: true", () => {
    const result = analyzeShape(bucketsFromCounts([30, 15, 25, 10], 4));
    expect(result.kind).toBe("analyzed");
    if (result.kind !== "analyzed") return;
    expect(result.suspected).toBe(true);
    expect(result.verdict).toBe("unimodal");
    expect(result.pValue).toBeGreaterThan(0.01);
    expect(result.pValue).toBeLessThanOrEqual(0.1);
  });

  it("is inconclusive below 30 samples and for grids that are not log2", () => {
    const small = analyzeShape(bucketsFromCounts([10, 0, 10], 4));
    expect(toShape(small)).toEqual({ verdict: "inconclusive", pValue: null, modes: [], tail: "none" });
    const linear = analyzeShape([
      { low: 0, high: 10, count: 100 },
      { low: 10, high: 20, count: 100 },
    ]);
    expect(linear.kind).toBe("rejected");
    expect(linear.verdict).toBe("inconclusive");
  });

  it("keeps censored-low samples out of the test but in the first mode's mass", () => {
    const result = analyzeShape([{ low: 0, high: 2, count: 1000 }, ...bucketsFromCounts([10, 40, 10], 4)]);
    expect(result.verdict).toBe("unimodal");
    expect(result.modes).toEqual([{ low: 0, high: 128, peak: 2 ** 5.5, mass: 1 }]);
  });
});
