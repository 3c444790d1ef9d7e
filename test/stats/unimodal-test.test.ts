import { describe, expect, it } from "vitest";
import { decide, fitUnimodal, gSquared, minimumDelta, misfitMass, testUnimodal } from "../../src/stats/index.js";
import { bootstrapPValue } from "../../src/stats/bootstrap.js";
import { createRng } from "../../src/stats/rng.js";

describe("unimodal likelihood-ratio test", () => {
  it("fits [10, 2, 10] by pooling the dip, and G2 matches the hand computation", () => {
    // Every split gives the same pooled fit up to mirror image: [10, 6, 6] (the first split wins).
    // G2 = 2 (2 ln(2/6) + 10 ln(10/6)) = 2 (-2 ln 3 + 10 ln(5/3)) = 5.82206.
    // delta = 0.5 (|2 - 6| + |10 - 6|) / 22 = 0.181818.
    const expected = fitUnimodal([10, 2, 10]);
    expect(expected).toEqual([10, 6, 6]);
    expect(gSquared([10, 2, 10], expected)).toBeCloseTo(5.82206, 5);
    expect(misfitMass([10, 2, 10], expected)).toBeCloseTo(4 / 22, 12);
  });

  it("leaves unimodal counts alone: G2 = 0, p = 1, no bootstrap", () => {
    const result = testUnimodal([5, 20, 60, 30, 8, 2]);
    expect(result).toMatchObject({ kind: "exact-fit", verdict: "unimodal", pValue: 1, g2: 0 });
  });

  it("is inconclusive below 30 samples", () => {
    expect(testUnimodal([10, 0, 10])).toMatchObject({ kind: "too-few-samples", verdict: "inconclusive", pValue: null });
  });

  it("applies the decision thresholds and the delta rule", () => {
    expect(decide(0.005, 0.1, 1000)).toBe("multimodal");
    expect(decide(0.05, 0.1, 1000)).toBe("suspected");
    expect(decide(0.2, 0.1, 1000)).toBe("unimodal");
    expect(minimumDelta(1000)).toBeCloseTo(0.003, 12);
    expect(minimumDelta(1e6)).toBe(0.0005);
    expect(decide(0.001, 0.002, 1000)).toBe("unimodal");
  });

  it("gives the same p-value for the same input and seed", () => {
    const counts = [400, 900, 300, 60, 10, 30, 80, 20];
    const a = testUnimodal(counts, { seed: 11 });
    const b = testUnimodal(counts, { seed: 11 });
    expect(a.kind).toBe("tested");
    expect(b.pValue).toBe(a.pValue);
    expect(b.g2).toBe(a.g2);
  });

  it("flags a clear dip and extends the bootstrap to 999 replicates", () => {
    const result = testUnimodal([200, 800, 200, 10, 0, 10, 150, 300, 50]);
    expect(result.verdict).toBe("multimodal");
    expect(result.replicates).toBe(999);
    expect(result.pValue).toBe(0.001);
  });
});

describe("bootstrap p-value", () => {
  it("counts ties as exceedances, and stops the extension after 20 exceedances", () => {
    const rng = createRng(3);
    const all = bootstrapPValue(0, [10, 10], () => 0, rng);
    expect(all).toEqual({ pValue: 1, replicates: 199, exceedances: 199 });
    const none = bootstrapPValue(Infinity, [10, 10], () => 0, rng);
    expect(none).toEqual({ pValue: 0.001, replicates: 999, exceedances: 0 });
    let calls = 0;
    const rare = bootstrapPValue(1, [10, 10], () => (++calls % 40 === 0 ? 2 : 0), rng);
    expect(rare.exceedances).toBe(20);
    expect(rare.replicates).toBe(800);
    expect(rare.pValue).toBeCloseTo(21 / 801, 12);
  });
});
