// Kernels of the best monotone fit of every run xs[a..b) of one table: the building blocks of the k-modal fits.
// The values are those of pava.ts's scanLogLiksInto; a pooled block's term depends only on the run of cells it
// covers, so each distinct run's logarithm is computed once per table instead of once per scan (the scans of
// neighbouring starts pool the same runs).
import { blockTerm } from "./pava.js";

export interface MonotoneTables {
  // K + 1 for a table of K cells.
  width: number;
  // rising[b * width + a]: kernel sum c_i ln(fitted_i) of the non-decreasing fit of xs[a..b), 0 <= a <= b <= K.
  rising: Float64Array;
  // falling[b * width + a]: the same for the non-increasing fit.
  falling: Float64Array;
}

// Shared buffers (typed-array allocation costs microseconds and the bootstrap refills the tables thousands of times).
const work = {
  capacity: 0,
  rising: new Float64Array(0),
  falling: new Float64Array(0),
  // memo[lo * width + hi] holds the term of a block covering xs[lo..hi) when stamp[...] equals `generation`.
  memo: new Float64Array(0),
  stamp: new Int32Array(0),
  generation: 0,
  sums: new Float64Array(0),
  lengths: new Float64Array(0),
  terms: new Float64Array(0),
  // The block's far edge: its first cell for a rising scan, one past its last cell for a falling one.
  edges: new Int32Array(0),
};

// Grow the shared buffers to a table of width - 1 cells.
function reserve(width: number): void {
  const square = width * width;
  if (work.capacity >= square) return;
  work.capacity = square;
  work.rising = new Float64Array(square);
  work.falling = new Float64Array(square);
  work.memo = new Float64Array(square);
  work.stamp = new Int32Array(square);
  work.generation = 0;
  work.sums = new Float64Array(width);
  work.lengths = new Float64Array(width);
  work.terms = new Float64Array(width);
  work.edges = new Int32Array(width);
}

// Term of the block xs[lo..hi) holding `sum` over `length` cells, from the memo when this table already pooled it.
function memoTerm(lo: number, hi: number, width: number, sum: number, length: number): number {
  const key = lo * width + hi;
  if (work.stamp[key] === work.generation) return work.memo[key]!;
  const term = blockTerm(sum, length);
  work.memo[key] = term;
  work.stamp[key] = work.generation;
  return term;
}

// PAVA scan over `count` cells from xs[from] by `step` (+1 rising, -1 falling); the kernel after k cells goes to
// out[base + k * outStep]. Same pooling and the same terms as scanLogLiksInto.
function scan(xs: ArrayLike<number>, from: number, count: number, step: 1 | -1, width: number, out: Float64Array, base: number, outStep: number): void {
  const { sums, lengths, terms, edges } = work;
  let top = -1;
  let total = 0;
  out[base] = 0;
  for (let k = 0; k < count; k++) {
    const at = from + k * step;
    let sum = xs[at] ?? 0;
    let length = 1;
    let edge = step === 1 ? at : at + 1;
    // top indexes the block stack, which never outgrows the K cells: `!` spares the hot loop undefined checks.
    while (top >= 0 && sums[top]! * length > sum * lengths[top]!) {
      total -= terms[top]!;
      sum += sums[top]!;
      length += lengths[top]!;
      edge = edges[top]!;
      top -= 1;
    }
    const term = step === 1 ? memoTerm(edge, at + 1, width, sum, length) : memoTerm(at, edge, width, sum, length);
    top += 1;
    sums[top] = sum;
    lengths[top] = length;
    terms[top] = term;
    edges[top] = edge;
    total += term;
    out[base + (k + 1) * outStep] = total;
  }
}

// Fill both tables for xs; O(K^2) scans, with one logarithm per distinct pooled run. The result is a view of shared
// buffers, valid until the next call.
export function fillMonotoneTables(xs: ArrayLike<number>): MonotoneTables {
  const size = xs.length;
  const width = size + 1;
  reserve(width);
  work.generation += 1;
  if (work.generation >= 0x7fffffff) {
    work.stamp.fill(0);
    work.generation = 1;
  }
  const { rising, falling } = work;
  for (let a = 0; a < size; a++) scan(xs, a, size - a, 1, width, rising, a * width + a, width);
  rising[size * width + size] = 0;
  for (let b = 1; b <= size; b++) scan(xs, b - 1, b, -1, width, falling, b * width + b, -1);
  falling[0] = 0;
  return { width, rising, falling };
}
