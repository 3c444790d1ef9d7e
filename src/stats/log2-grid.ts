// STATS.md §0: map printed buckets onto the power-of-two grid every shape statistic works on.
import type { Bucket } from "../model/measurement.js";

// Bucket j of the grid is [2^j, 2^(j+1)) in the histogram's unit; everything below 2 is censored.
export interface Log2Grid {
  kind: "log2-grid";
  // Exponent j of counts[0]; always >= 1.
  firstExp: number;
  // Counts of buckets firstExp .. firstExp + counts.length - 1, trimmed to the first and last non-zero.
  counts: number[];
  // Samples below 2 units (bcc `0 -> 1`, bpftrace `[0]`, `[1]` and negatives): left out of the shape test.
  censoredLow: number;
  // True when the last grid bucket is a clamped "at least" slot.
  topCensored: boolean;
  // All samples, censored ones included.
  total: number;
  // Samples in `counts`: the N of the shape test.
  shapeTotal: number;
}

export interface Log2GridError {
  kind: "error";
  code: "not-log2-grid" | "invalid-count" | "open-bucket-not-last";
  message: string;
}

export type Log2GridResult = { ok: true; grid: Log2Grid } | { ok: false; error: Log2GridError };

export interface Log2GridOptions {
  // The tool clamps its top slot (libbpf-tools runqlat, biolatency): the last bucket means "at least".
  topCensored?: boolean;
}

// Printable bucket for error messages.
function describe(bucket: Bucket): string {
  return `[${bucket.low}, ${bucket.high === null ? "..." : bucket.high}) count ${bucket.count}`;
}

// Exponent j with 2^j <= low < 2^(j+1), robust to rounding in Math.log2.
function exponentOf(low: number): number {
  let j = Math.floor(Math.log2(low));
  while (2 ** (j + 1) <= low) j += 1;
  while (2 ** j > low) j -= 1;
  return j;
}

// Grid exponent of one bucket, 0 for the censored-low region, or an error when it straddles a power of two.
function exponentOfBucket(bucket: Bucket, isLast: boolean): number | Log2GridError {
  const { low, high } = bucket;
  if (high === null && !isLast) {
    return { kind: "error", code: "open-bucket-not-last", message: `expected only the last bucket to be open-ended, received ${describe(bucket)}` };
  }
  if (high !== null && high <= 2) return 0;
  if (low < 2) {
    return { kind: "error", code: "not-log2-grid", message: `expected a bucket inside [0, 2) or inside one power of two, received ${describe(bucket)}` };
  }
  const j = exponentOf(low);
  if (high !== null && high > 2 ** (j + 1)) {
    return { kind: "error", code: "not-log2-grid", message: `expected a bucket inside [${2 ** j}, ${2 ** (j + 1)}), received ${describe(bucket)}` };
  }
  return j;
}

// Collapse sub-buckets into powers of two, split off the censored-low mass and trim empty ends.
export function toLog2Grid(buckets: readonly Bucket[], opts: Log2GridOptions = {}): Log2GridResult {
  const result = buildGrid(buckets, opts);
  return result.kind === "error" ? { ok: false, error: result } : { ok: true, grid: result };
}

// The conversion proper; errors come back as values and are wrapped by toLog2Grid.
function buildGrid(buckets: readonly Bucket[], opts: Log2GridOptions): Log2Grid | Log2GridError {
  const sorted = [...buckets].sort((x, y) => x.low - y.low);
  const byExp = new Map<number, number>();
  let censoredLow = 0;
  let maxExp = 0;
  for (const [index, bucket] of sorted.entries()) {
    if (!Number.isSafeInteger(bucket.count) || bucket.count < 0) {
      return { kind: "error", code: "invalid-count", message: `expected a non-negative integer count, received ${describe(bucket)}` };
    }
    const isLast = index === sorted.length - 1;
    const j = exponentOfBucket(bucket, isLast);
    if (typeof j !== "number") return j;
    if (j === 0) censoredLow += bucket.count;
    else byExp.set(j, (byExp.get(j) ?? 0) + bucket.count);
    if (bucket.count > 0) maxExp = Math.max(maxExp, j);
  }
  const top = sorted[sorted.length - 1];
  const clamped = top !== undefined && (top.high === null || opts.topCensored === true);
  const topCensored = clamped && top.count > 0 && maxExp > 0;
  const occupied = [...byExp.entries()].filter(([, count]) => count > 0).map(([j]) => j);
  if (occupied.length === 0) {
    return { kind: "log2-grid", firstExp: 1, counts: [], censoredLow, topCensored: false, total: censoredLow, shapeTotal: 0 };
  }
  const firstExp = Math.min(...occupied);
  const counts: number[] = [];
  let shapeTotal = 0;
  for (let j = firstExp; j <= maxExp; j++) {
    const count = byExp.get(j) ?? 0;
    counts.push(count);
    shapeTotal += count;
  }
  return { kind: "log2-grid", firstExp, counts, censoredLow, topCensored, total: shapeTotal + censoredLow, shapeTotal };
}

// Lower edge in the unit of grid bucket `index` (0-based into counts).
export function bucketLow(grid: Log2Grid, index: number): number {
  return 2 ** (grid.firstExp + index);
}

// Upper edge in the unit of grid bucket `index`.
export function bucketHigh(grid: Log2Grid, index: number): number {
  return 2 ** (grid.firstExp + index + 1);
}
