import { describe, expect, it } from "vitest";
import { createRng, sampleBinomial, sampleMultinomial } from "../../src/stats/index.js";
import { logFactorial } from "../../src/stats/sampling.js";

// Sample mean and variance of `draws` binomial variates.
function moments(n: number, p: number, draws: number, seed: number): { mean: number; variance: number } {
  const rng = createRng(seed);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < draws; i++) {
    const x = sampleBinomial(rng, n, p);
    sum += x;
    squares += x * x;
  }
  const mean = sum / draws;
  return { mean, variance: squares / draws - mean * mean };
}

describe("seeded sampling", () => {
  it("repeats the same stream for the same seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const first = [a.uniform(), a.uniform(), a.normal()];
    expect([b.uniform(), b.uniform(), b.normal()]).toEqual(first);
    expect(c.uniform()).not.toBe(first[0]);
  });

  it("computes ln k! exactly enough for the rejection step", () => {
    expect(logFactorial(0)).toBeCloseTo(0, 12);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    expect(logFactorial(20)).toBeCloseTo(Math.log(2432902008176640000), 10);
  });

  it("draws binomials with the right mean and variance, small and large n p", () => {
    for (const [n, p] of [
      [30, 0.1],
      [1000, 0.3],
      [1_000_000, 0.999],
    ] as const) {
      const draws = 20_000;
      const { mean, variance } = moments(n, p, draws, 7);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws));
      expect(variance / (sd * sd)).toBeGreaterThan(0.93);
      expect(variance / (sd * sd)).toBeLessThan(1.07);
    }
  });

  it("draws multinomial tables that sum to n and leave zero-probability cells empty", () => {
    const rng = createRng(1);
    const table = new Float64Array(4);
    for (let i = 0; i < 100; i++) {
      sampleMultinomial(rng, 10_000, [0.5, 0, 0.3, 0.2], table);
      expect(table.reduce((a, b) => a + b, 0)).toBe(10_000);
      expect(table[1]).toBe(0);
    }
  });
});
