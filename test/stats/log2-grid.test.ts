import { describe, expect, it } from "vitest";
import { toLog2Grid, type Log2Grid } from "../../src/stats/index.js";
import type { Bucket } from "../../src/model/measurement.js";

// Unwrap a successful conversion, failing the test otherwise.
function gridOf(buckets: Bucket[], topCensored?: boolean): Log2Grid {
  const result = toLog2Grid(buckets, topCensored === undefined ? {} : { topCensored });
  if (!result.ok) throw new Error(result.error.message);
  return result.grid;
}

describe("toLog2Grid", () => {
  it("splits off bcc's `0 -> 1` bucket as censored-low and keeps inner zeros", () => {
    const grid = gridOf([
      { low: 0, high: 2, count: 5 },
      { low: 2, high: 4, count: 10 },
      { low: 4, high: 8, count: 0 },
      { low: 8, high: 16, count: 3 },
      { low: 16, high: 32, count: 0 },
    ]);
    expect(grid).toEqual({ kind: "log2-grid", firstExp: 1, counts: [10, 0, 3], censoredLow: 5, topCensored: false, total: 18, shapeTotal: 13 });
  });

  it("folds bpftrace [0], [1] and the negative bucket into censored-low", () => {
    const grid = gridOf([
      { low: -Infinity, high: 0, count: 2 },
      { low: 0, high: 1, count: 2 },
      { low: 1, high: 2, count: 3 },
      { low: 2, high: 4, count: 4 },
      { low: 1024, high: 2048, count: 1 },
    ]);
    expect(grid.censoredLow).toBe(7);
    expect(grid.firstExp).toBe(1);
    expect(grid.counts).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(grid.total).toBe(12);
    expect(grid.shapeTotal).toBe(5);
  });

  it("collapses hist(x, 2) sub-buckets into their power of two", () => {
    const grid = gridOf([
      { low: 4, high: 5, count: 1 },
      { low: 5, high: 6, count: 2 },
      { low: 6, high: 7, count: 3 },
      { low: 7, high: 8, count: 4 },
      { low: 8, high: 10, count: 5 },
      { low: 10, high: 12, count: 6 },
    ]);
    expect(grid.firstExp).toBe(2);
    expect(grid.counts).toEqual([10, 11]);
  });

  it("trims empty buckets at both ends", () => {
    const grid = gridOf([
      { low: 0, high: 2, count: 0 },
      { low: 2, high: 4, count: 0 },
      { low: 4, high: 8, count: 7 },
      { low: 8, high: 16, count: 0 },
      { low: 16, high: 32, count: 1 },
      { low: 32, high: 64, count: 0 },
    ]);
    expect(grid.firstExp).toBe(2);
    expect(grid.counts).toEqual([7, 0, 1]);
    expect(grid.topCensored).toBe(false);
  });

  it("marks a clamped top slot only when it holds samples", () => {
    const full = [
      { low: 2, high: 4, count: 1 },
      { low: 4, high: 8, count: 2 },
    ];
    expect(gridOf(full, true).topCensored).toBe(true);
    expect(gridOf([...full, { low: 8, high: 16, count: 0 }], true).topCensored).toBe(false);
    expect(gridOf([...full, { low: 8, high: null, count: 3 }]).topCensored).toBe(true);
  });

  it("gives an empty grid for an all-zero histogram", () => {
    const grid = gridOf([{ low: 2, high: 4, count: 0 }]);
    expect(grid.counts).toEqual([]);
    expect(grid.total).toBe(0);
  });

  it("rejects grids that are not powers of two, as a value", () => {
    const linear = toLog2Grid([
      { low: 0, high: 10, count: 1 },
      { low: 10, high: 20, count: 1 },
    ]);
    expect(linear.ok).toBe(false);
    if (!linear.ok) expect(linear.error.code).toBe("not-log2-grid");
    const straddling = toLog2Grid([{ low: 3, high: 5, count: 1 }]);
    expect(straddling.ok ? "ok" : straddling.error.code).toBe("not-log2-grid");
  });

  it("rejects open buckets that are not last and counts that are not non-negative integers", () => {
    const open = toLog2Grid([
      { low: 2, high: null, count: 1 },
      { low: 4, high: 8, count: 1 },
    ]);
    expect(open.ok ? "ok" : open.error.code).toBe("open-bucket-not-last");
    const negative = toLog2Grid([{ low: 2, high: 4, count: -1 }]);
    expect(negative.ok ? "ok" : negative.error.code).toBe("invalid-count");
    const fractional = toLog2Grid([{ low: 2, high: 4, count: 1.5 }]);
    expect(fractional.ok ? "ok" : fractional.error.code).toBe("invalid-count");
  });
});
