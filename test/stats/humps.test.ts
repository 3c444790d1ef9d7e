import { describe, expect, it } from "vitest";
import { describeHump, detectHumps, fitKModal, parabolaOffset, peakExponent, type Log2Grid } from "../../src/stats/index.js";

// Grid helper: counts from bucket [2^firstExp, 2^(firstExp+1)) on.
function grid(counts: number[], firstExp: number, censoredLow = 0): Log2Grid {
  const shapeTotal = counts.reduce((a, b) => a + b, 0);
  return { kind: "log2-grid", firstExp, counts, censoredLow, topCensored: false, total: shapeTotal + censoredLow, shapeTotal };
}

describe("parabola peak", () => {
  it("puts the vertex of a symmetric triple at the centre of the top bucket, j + 0.5", () => {
    expect(parabolaOffset(Math.log(10), Math.log(40), Math.log(10))).toBeCloseTo(0, 12);
    // Counts 10, 40, 10 in [32,64), [64,128), [128,256): vertex at 6.5, peak 2^6.5 = 90.51.
    expect(peakExponent([10, 40, 10], 5, 1)).toBe(6.5);
    expect(describeHump(grid([10, 40, 10], 5), 0, 3)?.peak).toBeCloseTo(90.50967, 4);
  });

  it("leans towards the heavier neighbour and stays inside the bucket", () => {
    // y = ln(20), ln(40), ln(10): offset = (y-1 - y+1) / (2 (y-1 - 2 y0 + y+1)) = ln 2 / (2 ln(200/1600)) = -1/6.
    expect(parabolaOffset(Math.log(20), Math.log(40), Math.log(10))).toBeCloseTo(-1 / 6, 12);
    expect(parabolaOffset(Math.log(40), Math.log(40), Math.log(1))).toBe(-0.5);
  });
});

describe("k-modal fit and humps", () => {
  it("fits two pieces exactly when each side of the valley is unimodal", () => {
    const fit = fitKModal([1, 5, 1, 0, 2, 8, 2], 2);
    expect(fit?.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [3, 7],
    ]);
    expect(fit?.expected).toEqual([1, 5, 1, 0, 2, 8, 2]);
    expect(fitKModal([1, 2], 3)).toBeNull();
  });

  it("finds two humps, not three, in a clean bimodal grid and describes them in the unit", () => {
    // 50 censored-low samples join the first hump, which then starts at 0.
    const g = grid([100, 400, 1000, 400, 100, 10, 0, 10, 60, 200, 60, 10], 4, 50);
    const { humps, tests } = detectHumps(g, { minModes: 2 });
    expect(humps).toHaveLength(2);
    expect(tests[0]?.k).toBe(2);
    expect(tests[0]?.rejected).toBe(false);
    const [body, minor] = humps;
    expect(body).toMatchObject({ first: 4, last: 9, low: 0, high: 2 ** 10, count: 2060 });
    expect(body?.peak).toBeCloseTo(2 ** 6.5, 6);
    expect(minor).toMatchObject({ first: 11, last: 15, low: 2 ** 11, high: 2 ** 16, count: 340 });
    expect(minor?.peak).toBeCloseTo(2 ** 13.5, 6);
    expect((body?.mass ?? 0) + (minor?.mass ?? 0)).toBeCloseTo(1, 12);
  });
});
