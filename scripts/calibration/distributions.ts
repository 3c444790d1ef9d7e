// The calibration's distributions (STATS.md §5), as CDF and survival function of the value in the histogram's unit.
// Convention: log-normal sigma is in log2 units (log2 X ~ Normal(mu, sigma^2)); every null model is placed with its
// median at 2^MEDIAN_EXP units before the per-draw sub-bucket offset.
import { normalCdf, regularizedGammaP, regularizedGammaQ } from "../../src/stats/special.js";

export const MEDIAN_EXP = 10;
const MEDIAN = 2 ** MEDIAN_EXP;

export interface Distribution {
  // P(X <= x) and P(X > x) for x > 0; both, so that far tails keep their precision.
  cdf(x: number): number;
  sf(x: number): number;
}

// log2 X ~ Normal(mu, sigma^2).
export function logNormal(mu: number, sigma: number): Distribution {
  return {
    cdf: (x) => normalCdf((Math.log2(x) - mu) / sigma),
    sf: (x) => normalCdf(-(Math.log2(x) - mu) / sigma),
  };
}

// A weighted mixture of distributions (weights sum to 1).
export function mixture(parts: ReadonlyArray<{ weight: number; distribution: Distribution }>): Distribution {
  return {
    cdf: (x) => parts.reduce((s, p) => s + p.weight * p.distribution.cdf(x), 0),
    sf: (x) => parts.reduce((s, p) => s + p.weight * p.distribution.sf(x), 0),
  };
}

// log2 X uniform on [from, to).
export function logUniform(from: number, to: number): Distribution {
  // Fraction of [from, to) below log2 x.
  const below = (x: number): number => Math.min(1, Math.max(0, (Math.log2(x) - from) / (to - from)));
  return { cdf: below, sf: (x) => 1 - below(x) };
}

// Median of Gamma(shape, 1), by bisection on the regularized gamma function.
function gammaMedian(shape: number): number {
  let low = 0;
  let high = shape + 10;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (regularizedGammaP(shape, mid) < 0.5) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

// Gamma(shape) scaled to the common median.
export function gamma(shape: number): Distribution {
  const scale = MEDIAN / gammaMedian(shape);
  return { cdf: (x) => regularizedGammaP(shape, x / scale), sf: (x) => regularizedGammaQ(shape, x / scale) };
}

// Weibull(k) scaled to the common median (k = 1 is the exponential).
export function weibull(k: number): Distribution {
  const lambda = MEDIAN / Math.log(2) ** (1 / k);
  return { cdf: (x) => -Math.expm1(-((x / lambda) ** k)), sf: (x) => Math.exp(-((x / lambda) ** k)) };
}

// Lomax (Pareto II) with tail index alpha, scaled to a median of 2^medianExp.
export function lomax(alpha: number, medianExp = MEDIAN_EXP): Distribution {
  const lambda = 2 ** medianExp / (2 ** (1 / alpha) - 1);
  return { cdf: (x) => -Math.expm1(-alpha * Math.log1p(x / lambda)), sf: (x) => (1 + x / lambda) ** -alpha };
}

// Log-normal body (sigma in log2 units) spliced at its p95 onto a Pareto tail of index alpha whose log2-density
// continues the body's at the splice, so the log-space density stays unimodal.
export function logNormalParetoTail(mu: number, sigma: number, alpha: number): Distribution {
  const zSplice = 1.6448536269514722;
  const splice = mu + zSplice * sigma;
  const density = Math.exp(-0.5 * zSplice * zSplice) / (Math.sqrt(2 * Math.PI) * sigma);
  const bodyMass = normalCdf(zSplice);
  const tailMass = density / (alpha * Math.LN2);
  const total = bodyMass + tailMass;
  // Tail mass above log2 value y > splice, unnormalised.
  const above = (y: number): number => tailMass * 2 ** (-alpha * (y - splice));
  return {
    cdf: (x) => {
      const y = Math.log2(x);
      return y <= splice ? normalCdf((y - mu) / sigma) / total : (total - above(y)) / total;
    },
    sf: (x) => {
      const y = Math.log2(x);
      return y <= splice ? (total - normalCdf((y - mu) / sigma)) / total : above(y) / total;
    },
  };
}

// Quantile q of a distribution, by bisection in log2 space.
export function quantileOf(distribution: Distribution, q: number): number {
  let low = -60;
  let high = 80;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (distribution.cdf(2 ** mid) < q) low = mid;
    else high = mid;
  }
  return 2 ** ((low + high) / 2);
}
