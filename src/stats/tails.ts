// STATS.md §2: what the upper tail looks like: an island, a tail hump, a heavy (Pareto-like) tail or nothing.
import type { TailKind } from "../model/measurement.js";
import type { Hump } from "./humps.js";
import type { Log2Grid } from "./log2-grid.js";
import { estimateQuantile, logSlopes } from "./quantiles.js";

// The Hill estimate needs this many samples at or above the bucket just over p99.
export const MIN_TAIL_SAMPLES = 50;
export const HEAVY_ALPHA = 2;
// Outlier threshold in robust log2 sigmas (IQR / 1.349).
export const OUTLIER_SIGMAS = 6;

export type HillEstimate =
  | { kind: "estimate"; alpha: number; tailCount: number; fromExp: number }
  | { kind: "too-few"; tailCount: number };

// Island when a minor hump above the body follows an empty bucket; tail hump when its valley holds samples.
export function classifyHumps(humps: readonly Hump[]): "island" | "tail-hump" | "none" {
  let body = 0;
  humps.forEach((h, i) => {
    if (h.count > (humps[body]?.count ?? 0)) body = i;
  });
  let kind: "island" | "tail-hump" | "none" = "none";
  for (let i = body + 1; i < humps.length; i++) {
    const below = humps[i - 1];
    const hump = humps[i];
    if (below === undefined || hump === undefined) continue;
    if (hump.first - below.last >= 2) return "island";
    kind = "tail-hump";
  }
  return kind;
}

// Binned Hill estimator: bucket excess over u (just above p99) is geometric with ratio 2^-alpha for a Pareto tail.
export function estimateHillAlpha(grid: Log2Grid): HillEstimate {
  const target = 0.99 * grid.total;
  let cumulative = grid.censoredLow;
  let p99Index = -1;
  for (let i = 0; i < grid.counts.length && cumulative < target; i++) {
    cumulative += grid.counts[i] ?? 0;
    p99Index = i;
  }
  const u = p99Index + 1;
  let tailCount = 0;
  let excess = 0;
  for (let i = u; i < grid.counts.length; i++) {
    const c = grid.counts[i] ?? 0;
    tailCount += c;
    excess += c * (i - u);
  }
  if (tailCount < MIN_TAIL_SAMPLES) return { kind: "too-few", tailCount };
  const e = excess / tailCount;
  const alpha = e > 0 ? -Math.log2(e / (1 + e)) : Infinity;
  return { kind: "estimate", alpha, tailCount, fromExp: grid.firstExp + u };
}

// Heavy tail: a Hill alpha below 2 (infinite variance) on enough tail samples.
export function isHeavyTail(hill: HillEstimate): boolean {
  return hill.kind === "estimate" && hill.alpha < HEAVY_ALPHA;
}

// Log-space outlier: top occupied edge more than 6 robust sigmas above the median; quantiles below 1 unit count as 1.
export function hasLogOutlier(grid: Log2Grid): boolean {
  if (grid.counts.length === 0) return false;
  const slopes = logSlopes(grid.counts);
  // log2 of a quantile estimate (values below 1 unit count as 1), or null when it is not estimable.
  const log2At = (q: number): number | null => {
    const estimate = estimateQuantile(grid, q, slopes);
    return estimate.kind === "estimate" ? Math.log2(Math.max(1, estimate.value)) : null;
  };
  const [q25, median, q75] = [log2At(0.25), log2At(0.5), log2At(0.75)];
  if (q25 === null || median === null || q75 === null || q75 <= q25) return false;
  const topEdge = grid.firstExp + grid.counts.length;
  return (topEdge - median) / ((q75 - q25) / 1.349) > OUTLIER_SIGMAS;
}

// The contract's single tail label: island > tail hump > heavy > none.
export function classifyTail(humps: readonly Hump[], hill: HillEstimate): TailKind {
  const fromHumps = classifyHumps(humps);
  if (fromHumps !== "none") return fromHumps;
  return isHeavyTail(hill) ? "heavy" : "none";
}
