// STATS.md §1.5: best k-modal fit by dynamic programming over antimode cut points.
import { fillMonotoneTables, type MonotoneTables } from "./monotone-tables.js";
import { scanLogLiksInto } from "./pava.js";
import { unimodalExpected } from "./unimodal-fit.js";

// One unimodal piece of a k-modal fit: buckets [start, end) rising before `split`, falling from it.
export interface Segment {
  start: number;
  end: number;
  split: number;
}

export interface KModalFit {
  k: number;
  // Kernel sum c_i ln(expected_i), comparable across k for the same counts.
  logLik: number;
  segments: Segment[];
  expected: number[];
}

// Tables reused across calls (typed-array allocation costs microseconds and the bootstrap refits thousands of tables).
// With width = K + 1: segment/split[a * width + b] the best unimodal fit of [a, b), best/cut[(k - 1) * width + b] the
// DP over k pieces, layers[0 | 1] the rows of the value-only DP of kModalLogLikPair.
const work = {
  capacity: 0,
  segment: new Float64Array(0),
  split: new Int32Array(0),
  best: new Float64Array(0),
  cut: new Int32Array(0),
  layers: [new Float64Array(0), new Float64Array(0)] as [Float64Array, Float64Array],
};

// Grow the shared tables to hold a grid of `width` - 1 buckets and up to maxK pieces.
function reserve(width: number, maxK: number): void {
  const square = width * width;
  if (work.capacity < square) {
    work.capacity = square;
    work.segment = new Float64Array(square);
    work.split = new Int32Array(square);
    work.layers = [new Float64Array(width), new Float64Array(width)];
  }
  if (work.best.length < maxK * width) {
    work.best = new Float64Array(maxK * width);
    work.cut = new Int32Array(maxK * width);
  }
}

// Best unimodal kernel and split of every segment [a, b); O(K^3), used only for the fit itself (which needs the cuts).
function fillSegments(tables: MonotoneTables): void {
  const { width, rising, falling } = tables;
  const size = width - 1;
  const { segment, split } = work;
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b <= size; b++) {
      let value = -Infinity;
      let at = a;
      for (let m = a; m <= b; m++) {
        const candidate = (rising[m * width + a] ?? 0) + (falling[b * width + m] ?? 0);
        if (candidate > value) {
          value = candidate;
          at = m;
        }
      }
      segment[a * width + b] = value;
      split[a * width + b] = at;
    }
  }
}

// Dynamic programme over cut points for 1..maxK pieces, on top of the segment table.
function fillCuts(width: number, maxK: number): void {
  const size = width - 1;
  const { segment, best, cut } = work;
  best.fill(-Infinity, 0, maxK * width);
  for (let b = 1; b <= size; b++) best[b] = segment[b] ?? -Infinity;
  for (let piece = 1; piece < maxK; piece++) {
    const previous = (piece - 1) * width;
    for (let b = piece + 1; b <= size; b++) {
      let value = -Infinity;
      let from = piece;
      for (let a = piece; a < b; a++) {
        const candidate = (best[previous + a] ?? -Infinity) + (segment[a * width + b] ?? -Infinity);
        if (candidate > value) {
          value = candidate;
          from = a;
        }
      }
      best[piece * width + b] = value;
      cut[piece * width + b] = from;
    }
  }
}

// Kernels of the best fits with k and k + 1 modes, as one bootstrap replicate needs; -Infinity when K is too small.
// A fit with at most j modes is a run of 2j monotone pieces (rising, falling, rising, ...), each possibly empty, so
// the value needs no segment table: 2j layers of an O(K^2) max-plus recursion over the monotone tables. With K >= j
// the best fit with at most j modes equals the best with exactly j non-empty pieces (splitting a piece and refitting
// the piece masses never lowers the likelihood), which is what fitKModal reports.
export function kModalLogLikPair(xs: ArrayLike<number>, k: number): [number, number] {
  const size = xs.length;
  const tables = fillMonotoneTables(xs);
  const { width, rising, falling } = tables;
  reserve(width, 1);
  let [current, next] = work.layers;
  for (let b = 0; b <= size; b++) current[b] = rising[b * width] ?? 0;
  const lastLayer = 2 * (k + 1);
  let withK = -Infinity;
  for (let layer = 2; layer <= lastLayer; layer++) {
    const table = layer % 2 === 0 ? falling : rising;
    for (let b = layer === lastLayer ? size : 0; b <= size; b++) {
      const row = b * width;
      let value = -Infinity;
      // Indices stay inside the (K + 1)^2 tables; `!` keeps the inner loop free of undefined checks (2x faster).
      for (let a = 0; a <= b; a++) {
        const candidate = current[a]! + table[row + a]!;
        if (candidate > value) value = candidate;
      }
      next[b] = value;
    }
    const filled = next;
    next = current;
    current = filled;
    if (layer === 2 * k) withK = current[size] ?? -Infinity;
  }
  const withMore = current[size] ?? -Infinity;
  return [size >= k ? withK : -Infinity, size >= k + 1 ? withMore : -Infinity];
}

// Scratch for segmentsLogLik's scans.
let scratch = new Float64Array(65);

// Kernel of the k-modal fit with the cut points and splits held fixed: a lower bound on the best k-modal kernel
// of xs, in O(K). The bootstrap uses it to skip replicates that cannot reach the observed statistic.
export function segmentsLogLik(xs: ArrayLike<number>, segments: readonly Segment[]): number {
  if (scratch.length < xs.length + 1) scratch = new Float64Array(xs.length + 1);
  let total = 0;
  for (const { start, split, end } of segments) {
    scanLogLiksInto(xs, start, split - start, 1, scratch, 0, 1);
    total += scratch[split - start] ?? 0;
    scanLogLiksInto(xs, end - 1, end - split, -1, scratch, 0, 1);
    total += scratch[end - split] ?? 0;
  }
  return total;
}

// Best fit with at most k modes, or null when there are fewer than k buckets.
export function fitKModal(counts: readonly number[], k: number): KModalFit | null {
  const size = counts.length;
  if (size < k || k < 1) return null;
  const tables = fillMonotoneTables(counts);
  const width = tables.width;
  reserve(width, k);
  fillSegments(tables);
  fillCuts(width, k);
  const segments: Segment[] = [];
  let end = size;
  for (let piece = k; piece >= 1; piece--) {
    const start = piece === 1 ? 0 : (work.cut[(piece - 1) * width + end] ?? 0);
    segments.unshift({ start, end, split: work.split[start * width + end] ?? start });
    end = start;
  }
  const logLik = work.best[(k - 1) * width + size] ?? -Infinity;
  const expected = segments.flatMap((s) => unimodalExpected(counts, s.start, s.split, s.end));
  return { k, logLik, segments, expected };
}
