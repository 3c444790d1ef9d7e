// The named null models and the alternative, island and drift constructions of the calibration grid, so that cells
// stay plain data (they cross into worker threads) and each worker rebuilds the distributions from names.
import { gamma, logNormal, logNormalParetoTail, logUniform, lomax, MEDIAN_EXP, mixture, weibull, type Distribution } from "./distributions.js";

export const NULL_MODELS = [
  "log-normal s=0.35",
  "log-normal s=0.5",
  "log-normal s=1",
  "log-normal s=1.5",
  "log-normal s=2",
  "Gamma(2)",
  "Gamma(3)",
  "Gamma(4)",
  "exponential",
  "Weibull k=0.5",
  "Weibull k=1.5",
  "Lomax a=1.5",
  "Lomax a=3",
  "log-normal + Pareto tail",
  "Lomax a=1.5, median 2^16",
] as const;

export type NullModel = (typeof NULL_MODELS)[number];

// The distribution of a null model (median 2^10 unless its name says otherwise).
export function nullDistribution(model: NullModel): Distribution {
  switch (model) {
    case "log-normal s=0.35":
      return logNormal(MEDIAN_EXP, 0.35);
    case "log-normal s=0.5":
      return logNormal(MEDIAN_EXP, 0.5);
    case "log-normal s=1":
      return logNormal(MEDIAN_EXP, 1);
    case "log-normal s=1.5":
      return logNormal(MEDIAN_EXP, 1.5);
    case "log-normal s=2":
      return logNormal(MEDIAN_EXP, 2);
    case "Gamma(2)":
      return gamma(2);
    case "Gamma(3)":
      return gamma(3);
    case "Gamma(4)":
      return gamma(4);
    case "exponential":
      return weibull(1);
    case "Weibull k=0.5":
      return weibull(0.5);
    case "Weibull k=1.5":
      return weibull(1.5);
    case "Lomax a=1.5":
      return lomax(1.5);
    case "Lomax a=3":
      return lomax(3);
    case "log-normal + Pareto tail":
      return logNormalParetoTail(MEDIAN_EXP, 1, 1.5);
    case "Lomax a=1.5, median 2^16":
      return lomax(1.5, 16);
  }
}

// Log2 centre of the major hump of the alternatives; the minor hump sits `separation` log2 units above it.
export const MAJOR_CENTRE = 8;

// Two log-normal humps of equal sigma (log2 units); `weight` is the minor hump's share.
export function twoHumps(weight: number, separation: number, sigma: number): Distribution {
  return mixture([
    { weight: 1 - weight, distribution: logNormal(MAJOR_CENTRE, sigma) },
    { weight, distribution: logNormal(MAJOR_CENTRE + separation, sigma) },
  ]);
}

// STATS.md §1's island: a body of 5000 samples log-uniform on 300-500 us and an island at 16-32 ms (log2 14-15).
export const ISLAND_BODY = { count: 5000, distribution: logUniform(Math.log2(300), Math.log2(500)) };
export const ISLAND = logUniform(14, 15);

// Per-interval drift model of §4: log-normal sigma 1 whose log2 centre moves by `shift` in one interval.
export function driftedInterval(shift: number): Distribution {
  return logNormal(MEDIAN_EXP + shift, 1);
}
