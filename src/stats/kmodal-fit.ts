// STATS.md §1.5: best k-modal fit by dynamic programming over antimode cut points.
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
// With width = K + 1: prefixes[a * width + m] is the rising fit of [a, m), suffixes[b * width + m] the falling fit of
// [m, b), segment/split[a * width + b] the best unimodal fit of [a, b), best/cut[(k - 1) * width + b] the DP over k pieces.
const work = {
  capacity: 0,
  prefixes: new Float64Array(0),
  suffixes: new Float64Array(0),
  segment: new Float64Array(0),
  split: new Int32Array(0),
  best: new Float64Array(0),
  cut: new Int32Array(0),
};

// Grow the shared tables to hold a grid of `width` - 1 buckets and up to maxK pieces.
function reserve(width: number, maxK: number): void {
  const square = width * width;
  if (work.capacity < square) {
    work.capacity = square;
    work.prefixes = new Float64Array(square);
    work.suffixes = new Float64Array(square);
    work.segment = new Float64Array(square);
    work.split = new Int32Array(square);
  }
  if (work.best.length < maxK * width) {
    work.best = new Float64Array(maxK * width);
    work.cut = new Int32Array(maxK * width);
  }
}

// Best unimodal kernel and split of every segment [a, b); O(K^3) with tiny constants.
function fillSegments(xs: ArrayLike<number>, width: number): void {
  const size = width - 1;
  const { prefixes, suffixes, segment, split } = work;
  for (let a = 0; a < size; a++) scanLogLiksInto(xs, a, size - a, 1, prefixes, a * width + a, 1);
  for (let b = 1; b <= size; b++) scanLogLiksInto(xs, b - 1, b, -1, suffixes, b * width + b, -1);
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b <= size; b++) {
      let value = -Infinity;
      let at = a;
      for (let m = a; m <= b; m++) {
        const candidate = (prefixes[a * width + m] ?? 0) + (suffixes[b * width + m] ?? 0);
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

// Fill every table for the counts; returns the width K + 1.
function solve(xs: ArrayLike<number>, maxK: number): number {
  const width = xs.length + 1;
  reserve(width, maxK);
  fillSegments(xs, width);
  fillCuts(width, maxK);
  return width;
}

// Kernels of the best fits with k and k + 1 modes, as one bootstrap replicate needs; -Infinity when K is too small.
export function kModalLogLikPair(xs: ArrayLike<number>, k: number): [number, number] {
  const width = solve(xs, k + 1);
  const size = width - 1;
  return [work.best[(k - 1) * width + size] ?? -Infinity, work.best[k * width + size] ?? -Infinity];
}

// Best fit with at most k modes, or null when there are fewer than k buckets.
export function fitKModal(counts: readonly number[], k: number): KModalFit | null {
  const size = counts.length;
  if (size < k || k < 1) return null;
  const width = solve(counts, k);
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
