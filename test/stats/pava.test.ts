import { describe, expect, it } from "vitest";
import { pava, pavaDecreasing, prefixLogLiks, suffixLogLiks } from "../../src/stats/index.js";

describe("pool-adjacent-violators", () => {
  it("pools the one violation of [1, 3, 2, 4]", () => {
    expect(pava([1, 3, 2, 4])).toEqual([1, 2.5, 2.5, 4]);
  });

  it("uses weights when pooling", () => {
    // 3 (weight 1) and 2 (weight 2) pool to (3 + 4) / 3.
    const fitted = pava([1, 3, 2], [1, 1, 2]);
    expect(fitted[0]).toBe(1);
    expect(fitted[1]).toBeCloseTo(7 / 3, 12);
    expect(fitted[2]).toBeCloseTo(7 / 3, 12);
  });

  it("pools cascading violations and leaves monotone input alone", () => {
    expect(pava([5, 4, 3, 2, 1])).toEqual([3, 3, 3, 3, 3]);
    expect(pava([1, 2, 2, 7])).toEqual([1, 2, 2, 7]);
    expect(pavaDecreasing([4, 2, 3, 1])).toEqual([4, 2.5, 2.5, 1]);
  });

  it("gives the log-likelihood kernel of every prefix and suffix split", () => {
    // Prefix fits of [1, 3, 2, 4]: [] 0, [1] 0, [1,3] 3 ln 3, [1,2.5,2.5] 5 ln 2.5, then + 4 ln 4.
    const prefix = Array.from(prefixLogLiks([1, 3, 2, 4], 0, 4));
    const expected = [0, 0, 3 * Math.log(3), 5 * Math.log(2.5), 5 * Math.log(2.5) + 4 * Math.log(4)];
    prefix.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    // Suffix (non-increasing) fits of xs[m..4): m = 0 pools all to 2.5 (10 ln 2.5); m = 1 [3,2,4] pools to 3,3,3
    // (9 ln 3); m = 2 [2,4] pools to 3,3 (6 ln 3); m = 3 [4] (4 ln 4); m = 4 empty (0).
    const suffix = Array.from(suffixLogLiks([1, 3, 2, 4], 0, 4));
    const fromRight = [10 * Math.log(2.5), 9 * Math.log(3), 6 * Math.log(3), 4 * Math.log(4), 0];
    suffix.forEach((value, i) => expect(value).toBeCloseTo(fromRight[i] ?? Number.NaN, 12));
  });
});
