import { describe, expect, it } from "vitest";
import { classifyHumps, classifyTail, estimateHillAlpha, hasLogOutlier, type Hump, type Log2Grid } from "../../src/stats/index.js";

// Grid helper: counts from bucket [2^firstExp, 2^(firstExp+1)) on.
function grid(counts: number[], firstExp: number): Log2Grid {
  const shapeTotal = counts.reduce((a, b) => a + b, 0);
  return { kind: "log2-grid", firstExp, counts, censoredLow: 0, topCensored: false, total: shapeTotal, shapeTotal };
}

// A hump with only the fields the tail rules read filled in meaningfully.
function hump(first: number, last: number, count: number): Hump {
  return { first, last, low: 2 ** first, high: 2 ** (last + 1), peak: 2 ** first, count, mass: 0 };
}

describe("tail classification", () => {
  it("calls a minor hump above the body an island when an empty bucket separates them", () => {
    expect(classifyHumps([hump(8, 10, 5000), hump(12, 13, 5)])).toBe("island");
  });

  it("calls it a tail hump when the valley holds samples", () => {
    expect(classifyHumps([hump(8, 10, 5000), hump(11, 13, 50)])).toBe("tail-hump");
  });

  it("ignores humps below the body", () => {
    expect(classifyHumps([hump(2, 3, 50), hump(8, 10, 5000)])).toBe("none");
    expect(classifyTail([hump(2, 3, 50), hump(8, 10, 5000)], { kind: "too-few", tailCount: 0 })).toBe("none");
  });
});

describe("binned Hill estimator", () => {
  it("recovers alpha = 1.5 from a Pareto-like geometric bucket tail", () => {
    // Bucket counts proportional to r^k with r = 2^-1.5: the bucket excess above u is geometric with ratio r,
    // so e = r / (1 - r) and alpha = -log2(e / (1 + e)) = 1.5 (up to rounding of the counts).
    const r = 2 ** -1.5;
    const counts = Array.from({ length: 30 }, (_, k) => Math.round(1e6 * r ** k));
    const hill = estimateHillAlpha(grid(counts, 4));
    expect(hill.kind).toBe("estimate");
    if (hill.kind !== "estimate") return;
    expect(hill.alpha).toBeCloseTo(1.5, 2);
    expect(hill.fromExp).toBe(4 + 5);
    expect(classifyTail([], hill)).toBe("heavy");
  });

  it("declines with fewer than 50 samples above the p99 bucket", () => {
    expect(estimateHillAlpha(grid([100, 1000, 100, 10, 5], 4)).kind).toBe("too-few");
  });
});

describe("log-space outlier flag", () => {
  it("flags one sample far above a tight body, not a broad body", () => {
    const far = new Array<number>(20).fill(0);
    far[0] = 100;
    far[1] = 1000;
    far[2] = 100;
    far[17] = 1;
    expect(hasLogOutlier(grid(far, 7))).toBe(true);
    expect(hasLogOutlier(grid([10, 100, 400, 1000, 400, 100, 10, 1], 7))).toBe(false);
  });
});
