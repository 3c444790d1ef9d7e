// Pool-adjacent-violators: isotonic fits and their multinomial log-likelihoods (STATS.md §1.1).

// Weighted least-squares non-decreasing fit; with unit weights on counts it is also the ML monotone pmf.
export function pava(values: readonly number[], weights?: readonly number[]): number[] {
  const means: number[] = [];
  const mass: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let w = weights?.[i] ?? 1;
    let m = values[i] ?? 0;
    let size = 1;
    while (means.length > 0 && (means[means.length - 1] ?? 0) > m) {
      const pw = mass.pop() ?? 0;
      const pm = means.pop() ?? 0;
      size += sizes.pop() ?? 0;
      m = pw + w > 0 ? (pm * pw + m * w) / (pw + w) : (pm + m) / 2;
      w += pw;
    }
    means.push(m);
    mass.push(w);
    sizes.push(size);
  }
  const fitted: number[] = [];
  means.forEach((m, b) => {
    for (let s = 0; s < (sizes[b] ?? 0); s++) fitted.push(m);
  });
  return fitted;
}

// Non-increasing counterpart of pava, for the right-hand side of a mode.
export function pavaDecreasing(values: readonly number[], weights?: readonly number[]): number[] {
  const reversedWeights = weights === undefined ? undefined : [...weights].reverse();
  return pava([...values].reverse(), reversedWeights).reverse();
}

// Cached s ln s for small integer block sums, and ln L for block lengths: the scans are the bootstrap's inner loop.
const CACHE_SIZE = 1 << 16;
const xLogXCache = new Float64Array(CACHE_SIZE).fill(Number.NaN);
const logLengths = Float64Array.from({ length: 1025 }, (_, i) => Math.log(i));

// s ln s, cached for integers below 2^16.
function xLogX(s: number): number {
  if (s < CACHE_SIZE && Number.isInteger(s)) {
    const cached = xLogXCache[s] ?? Number.NaN;
    if (!Number.isNaN(cached)) return cached;
    const value = s > 0 ? s * Math.log(s) : 0;
    xLogXCache[s] = value;
    return value;
  }
  return s * Math.log(s);
}

// A pooled block's term S ln(S / L): its share of sum c_i ln(fitted_i) when the fit is S / L per cell.
export function blockTerm(sum: number, length: number): number {
  if (sum <= 0) return 0;
  return xLogX(sum) - sum * (logLengths[length] ?? Math.log(length));
}

// Stacks of pooled blocks (sum, length, term), reused across calls: the bootstrap runs these scans thousands of times.
let blockSums = new Float64Array(64);
let blockLengths = new Float64Array(64);
let blockTerms = new Float64Array(64);

// Kernel sum c_i ln(fitted_i) of the monotone fit of every run of `count` items read from xs[from] by `step`;
// the fit of the first k items goes to out[base + k * outStep], k = 0..count.
export function scanLogLiksInto(
  xs: ArrayLike<number>,
  from: number,
  count: number,
  step: number,
  out: Float64Array,
  base: number,
  outStep: number,
): void {
  if (blockSums.length < count) {
    blockSums = new Float64Array(count);
    blockLengths = new Float64Array(count);
    blockTerms = new Float64Array(count);
  }
  const sums = blockSums;
  const lengths = blockLengths;
  const terms = blockTerms;
  let top = -1;
  let total = 0;
  out[base] = 0;
  for (let k = 0; k < count; k++) {
    let sum = xs[from + k * step] ?? 0;
    let length = 1;
    while (top >= 0 && (sums[top] ?? 0) * length > sum * (lengths[top] ?? 0)) {
      total -= terms[top] ?? 0;
      sum += sums[top] ?? 0;
      length += lengths[top] ?? 0;
      top -= 1;
    }
    const term = blockTerm(sum, length);
    top += 1;
    sums[top] = sum;
    lengths[top] = length;
    terms[top] = term;
    total += term;
    out[base + (k + 1) * outStep] = total;
  }
}

// Kernel of the best non-decreasing fit of xs[start..m) for every m in [start, end], indexed m - start; O(K).
export function prefixLogLiks(xs: ArrayLike<number>, start: number, end: number): Float64Array {
  const out = new Float64Array(end - start + 1);
  scanLogLiksInto(xs, start, end - start, 1, out, 0, 1);
  return out;
}

// Kernel of the best non-increasing fit of xs[m..end) for every m in [start, end], indexed m - start; O(K).
export function suffixLogLiks(xs: ArrayLike<number>, start: number, end: number): Float64Array {
  const out = new Float64Array(end - start + 1);
  scanLogLiksInto(xs, end - 1, end - start, -1, out, end - start, -1);
  return out;
}
