// Exact random variates for the parametric bootstrap: binomial (inversion or BTRS) and multinomial.
import type { Rng } from "./rng.js";

// Below this mean the binomial is drawn by inversion; BTRS is valid from n p >= 10.
const INVERSION_MEAN = 10;
const HALF_LN_TWO_PI = 0.9189385332046728;
// Stirling-series correction ln k! - [(k + 1/2) ln(k + 1) - (k + 1) + ln sqrt(2 pi)] for k = 0..9.
const STIRLING_TAIL = [
  0.08106146679532733, 0.04134069595540946, 0.027677925684997717, 0.02079067210376584, 0.01664469118982126,
  0.013876128823072875, 0.011896709945893313, 0.010411265261973668, 0.00925546218270945, 0.008330563433359472,
];

// ln k! through Stirling's series; exact to double precision for every k >= 0.
export function logFactorial(k: number): number {
  const next = k + 1;
  const tail = STIRLING_TAIL[k] ?? (1 / 12 - (1 / 360 - 1 / 1260 / (next * next)) / (next * next)) / next;
  return (k + 0.5) * Math.log(next) - next + HALF_LN_TWO_PI + tail;
}

// Binomial by sequential search from 0; expected cost about n p steps, so used only for small means.
function invertBinomial(rng: Rng, n: number, p: number): number {
  const ratio = p / (1 - p);
  let prob = Math.exp(n * Math.log1p(-p));
  let u = rng.uniform();
  let x = 0;
  while (u > prob && x < n && prob > 0) {
    u -= prob;
    x += 1;
    prob *= ((n - x + 1) / x) * ratio;
  }
  return x;
}

// Hormann's (1993) BTRS transformed rejection with squeeze, for n p >= 10 and p <= 1/2; O(1) per draw.
function btrsBinomial(rng: Rng, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / (1 - p));
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const scaled = (v * alpha) / (a / (us * us) + b);
    if (Math.log(scaled) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

// Exact Binomial(n, p): inversion for small means, BTRS otherwise, using symmetry for p > 1/2.
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(rng, n, 1 - p);
  return n * p < INVERSION_MEAN ? invertBinomial(rng, n, p) : btrsBinomial(rng, n, p);
}

// Multinomial(n, probs) into `out` by sequential conditional binomials; zero-probability cells stay zero.
export function sampleMultinomial(rng: Rng, n: number, probs: ArrayLike<number>, out: Float64Array): void {
  const k = probs.length;
  let lastPositive = -1;
  let remainingMass = 0;
  for (let i = 0; i < k; i++) {
    const pi = probs[i] ?? 0;
    if (pi > 0) {
      lastPositive = i;
      remainingMass += pi;
    }
  }
  let remaining = n;
  for (let i = 0; i < k; i++) {
    const pi = probs[i] ?? 0;
    if (pi <= 0 || remaining === 0) {
      out[i] = 0;
      continue;
    }
    if (i === lastPositive) {
      out[i] = remaining;
      remaining = 0;
      continue;
    }
    const x = sampleBinomial(rng, remaining, Math.min(1, pi / remainingMass));
    out[i] = x;
    remaining -= x;
    remainingMass -= pi;
  }
}
