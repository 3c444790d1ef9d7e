// STATS.md §1.5: a hump's peak from a parabola through the log-counts around its top bucket.

// Stand-in count for an empty or missing neighbour, so that ln stays finite and the vertex stays in the top bucket.
const EMPTY_NEIGHBOUR = 0.5;

// Vertex offset from the centre of the middle bucket for a parabola through y[-1], y[0], y[+1]; within +-0.5.
export function parabolaOffset(left: number, middle: number, right: number): number {
  const curvature = left - 2 * middle + right;
  if (!(curvature < 0)) return 0;
  const offset = (left - right) / (2 * curvature);
  return Math.max(-0.5, Math.min(0.5, offset));
}

// Peak position in log2 units for top bucket `index` of counts starting at exponent firstExp: j + 0.5 + offset.
export function peakExponent(counts: readonly number[], firstExp: number, index: number): number {
  // Log-count of bucket i, with the stand-in for empty or missing neighbours.
  const y = (i: number): number => Math.log(Math.max(counts[i] ?? 0, EMPTY_NEIGHBOUR));
  return firstExp + index + 0.5 + parabolaOffset(y(index - 1), y(index), y(index + 1));
}
