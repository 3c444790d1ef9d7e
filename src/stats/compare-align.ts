// STATS.md §4 "align on the same log2 grid": two histograms, and their per-interval histograms, as counts over one
// contiguous run of log2 cells.
import type { Bucket } from "../model/measurement.js";
import { toLog2Grid, type Log2Grid, type Log2GridError } from "./log2-grid.js";

// One side of a comparison: its histogram (the sum of its intervals when there are several) and, optionally, the
// per-interval histograms it was summed from, for the overdispersion estimate.
export interface CompareSide {
  buckets: readonly Bucket[];
  // The tool clamps its top slot (libbpf-tools): the last bucket means "at least".
  topCensored?: boolean;
  intervals?: ReadonlyArray<readonly Bucket[]>;
}

export interface AlignedPair {
  kind: "aligned";
  // Exponent of cell 0. Cell i is [2^(firstExp + i), 2^(firstExp + i + 1)); exponent 0 is the censored-low cell
  // [0, 2), which the effect sizes count as [1, 2) (log2 value 0 to 1).
  firstExp: number;
  a: number[];
  b: number[];
  intervalsA: number[][];
  intervalsB: number[][];
  // Exponent of the clamped "at least" cell when either side clamps its top slot (every cell above it is folded
  // into it on both sides), else null.
  clampedExp: number | null;
  // Each side's own grid, for its quantiles.
  gridA: Log2Grid;
  gridB: Log2Grid;
}

export interface AlignError {
  kind: "error";
  side: "A" | "B";
  // Index of the interval histogram that failed, when it was one.
  interval: number | null;
  error: Log2GridError;
}

// Counts by exponent of a grid: exponent 0 holds the censored-low samples.
function byExponent(grid: Log2Grid): Map<number, number> {
  const cells = new Map<number, number>();
  if (grid.censoredLow > 0) cells.set(0, grid.censoredLow);
  grid.counts.forEach((count, i) => {
    if (count > 0) cells.set(grid.firstExp + i, count);
  });
  return cells;
}

// Spread a grid's counts over cells firstExp..lastExp, folding everything from clampedExp on into that cell.
function toCells(grid: Log2Grid, firstExp: number, lastExp: number): number[] {
  const cells = new Array<number>(lastExp - firstExp + 1).fill(0);
  for (const [exp, count] of byExponent(grid)) {
    const at = Math.min(exp, lastExp) - firstExp;
    cells[at] = (cells[at] ?? 0) + count;
  }
  return cells;
}

// Convert one histogram, or say which side and interval could not be read as a log2 grid.
function gridOf(buckets: readonly Bucket[], topCensored: boolean, side: "A" | "B", interval: number | null): Log2Grid | AlignError {
  const result = toLog2Grid(buckets, { topCensored });
  return result.ok ? result.grid : { kind: "error", side, interval, error: result.error };
}

// Exponent of a clamped top slot that holds samples, or null.
function clampOf(grid: Log2Grid): number | null {
  return grid.topCensored ? grid.firstExp + grid.counts.length - 1 : null;
}

// Both sides and their intervals on one grid: from the lowest to the highest occupied cell of any histogram, cut at
// the lower of the two clamped top slots.
export function alignHistograms(sideA: CompareSide, sideB: CompareSide): AlignedPair | AlignError {
  const grids: Array<{ side: "A" | "B"; grids: Log2Grid[] }> = [];
  for (const [side, input] of [["A", sideA], ["B", sideB]] as const) {
    const top = input.topCensored ?? false;
    const list: Log2Grid[] = [];
    for (const [index, buckets] of [input.buckets, ...(input.intervals ?? [])].entries()) {
      const grid = gridOf(buckets, top, side, index === 0 ? null : index - 1);
      if (grid.kind === "error") return grid;
      list.push(grid);
    }
    grids.push({ side, grids: list });
  }
  const all = grids.flatMap((g) => g.grids);
  const exponents = all.flatMap((grid) => [...byExponent(grid).keys()]);
  const [gridA, ...gridsA] = grids[0]?.grids ?? [];
  const [gridB, ...gridsB] = grids[1]?.grids ?? [];
  if (gridA === undefined || gridB === undefined) throw new Error("alignHistograms: expected two sides");
  const clamps = [clampOf(gridA), clampOf(gridB)].filter((c): c is number => c !== null);
  const clampedExp = clamps.length > 0 ? Math.min(...clamps) : null;
  const firstExp = exponents.length > 0 ? Math.min(...exponents) : 1;
  const highest = exponents.length > 0 ? Math.max(...exponents) : 1;
  const lastExp = clampedExp === null ? highest : Math.min(highest, clampedExp);
  // Cells of one grid on the common run.
  const cells = (grid: Log2Grid): number[] => toCells(grid, firstExp, Math.max(firstExp, lastExp));
  return {
    kind: "aligned",
    firstExp,
    a: cells(gridA),
    b: cells(gridB),
    intervalsA: gridsA.map(cells),
    intervalsB: gridsB.map(cells),
    clampedExp: clampedExp !== null && clampedExp <= highest ? Math.max(firstExp, clampedExp) : null,
    gridA,
    gridB,
  };
}
