import { describe, expect, it } from "vitest";
import { estimateQuantile, logSlopeOffset, logSlopes, summarizeQuantiles, type Log2Grid } from "../../src/stats/index.js";

// Grid helper: counts from bucket [2^firstExp, 2^(firstExp+1)) on.
function grid(counts: number[], firstExp: number, censoredLow = 0, topCensored = false): Log2Grid {
  const shapeTotal = counts.reduce((a, b) => a + b, 0);
  return { kind: "log2-grid", firstExp, counts, censoredLow, topCensored, total: shapeTotal + censoredLow, shapeTotal };
}

describe("log-slope quantiles", () => {
  it("computes slopes: central inside, one-sided at the ends, clamped to +-6", () => {
    const slopes = logSlopes([1, 0, 100, 100]);
    expect(slopes[0]).toBe(-6);
    expect(slopes[1]).toBeCloseTo(Math.log(100) / 2, 12);
    expect(slopes[2]).toBe(6);
    expect(slopes[3]).toBe(0);
  });

  it("interpolates the median of a two-bucket histogram (worked by hand)", () => {
    // Buckets [8,16): 100 and [16,32): 300, N = 400. Rank 200 is 100 into the second bucket: f = 1/3.
    // Slope there (last bucket, one-sided): b = ln 300 - ln 100 = ln 3.
    // t = ln(1 + f (e^b - 1)) / b = ln(1 + 2/3) / ln 3 = 0.464974; estimate 2^(4 + t) = 22.0847.
    // CI ranks 200 -+ 1.96 * sqrt(400 * 0.5 * 0.5) = 180.4 and 219.6 give 20.9759 and 23.1618.
    const estimate = estimateQuantile(grid([100, 300], 3), 0.5);
    expect(estimate.kind).toBe("estimate");
    if (estimate.kind !== "estimate") return;
    expect(estimate.value).toBeCloseTo(22.0847, 3);
    expect(estimate.value).toBeCloseTo(2 ** (4 + Math.log(5 / 3) / Math.log(3)), 10);
    expect(estimate.ciLow).toBeCloseTo(20.9759, 3);
    expect(estimate.ciHigh).toBeCloseTo(23.1618, 3);
  });

  it("reduces to linear-in-log2 when the slope is 0", () => {
    expect(logSlopeOffset(0.25, 0)).toBe(0.25);
    expect(logSlopeOffset(1, 3)).toBeCloseTo(1, 12);
    expect(logSlopeOffset(0, -3)).toBe(0);
  });

  it("suppresses a quantile with fewer than 10 samples above it and reports the bucket's lower edge", () => {
    const g = grid([100, 300], 3);
    expect(estimateQuantile(g, 0.99)).toEqual({ kind: "at-least", bound: 16 });
    expect(summarizeQuantiles(g)).toMatchObject({ p99: null, p999: null });
    expect(summarizeQuantiles(g).p90).not.toBeNull();
  });

  it("reports a quantile in a clamped top bucket as at least its lower edge", () => {
    const g = grid([100, 300], 3, 0, true);
    expect(estimateQuantile(g, 0.5)).toEqual({ kind: "at-least", bound: 16 });
    const below = estimateQuantile(g, 0.1);
    expect(below.kind === "estimate" && below.ciHigh).not.toBeNull();
  });

  it("spreads the censored-low mass linearly over [0, 2)", () => {
    // 100 samples below 2, then 100 in [2,4): p25 is rank 50 of the censored 100, i.e. 2 * 50 / 100 = 1.
    const estimate = estimateQuantile(grid([100], 1, 100), 0.25);
    expect(estimate.kind === "estimate" ? estimate.value : null).toBeCloseTo(1, 12);
  });

  it("returns none for an empty grid", () => {
    expect(estimateQuantile(grid([], 1), 0.5)).toEqual({ kind: "none" });
    expect(summarizeQuantiles(grid([], 1))).toEqual({ p50: null, p90: null, p99: null, p999: null });
  });
});
