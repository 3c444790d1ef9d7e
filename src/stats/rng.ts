// Seeded pseudo-random numbers, so that a bootstrap gives the same p-value for the same input.

export interface Rng {
  // Uniform on the open interval (0, 1): never exactly 0, so logarithms are safe.
  uniform(): number;
  // Standard normal variate.
  normal(): number;
}

// The default seed: analyses are reproducible even when the caller gives none.
export const DEFAULT_SEED = 0x5eed;

const TWO_POW_32 = 4294967296;

// Rotation for xoshiro on 32-bit lanes.
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// splitmix32 spreads a small integer seed over the 128 bits of xoshiro state.
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// xoshiro128** (Blackman & Vigna 2018): small, fast and statistically sound for resampling.
export function createRng(seed: number = DEFAULT_SEED): Rng {
  const init = splitmix32(Math.floor(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;
  // One xoshiro128** step: the next 32-bit output.
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  // 32-bit uniform shifted by half a step, so it is never 0 or 1.
  const uniform = (): number => (nextU32() + 0.5) / TWO_POW_32;
  let spare: number | null = null;
  // Marsaglia's polar method; the second variate of each pair is kept for the next call.
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * m;
        return u * m;
      }
    }
  };
  return { uniform, normal };
}
