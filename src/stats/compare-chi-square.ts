// STATS.md §4 "shape/tail": Pearson chi-square on a rows x cells table after merging adjacent cells until every
// expected count is at least 5. Also the interval x cell table of the overdispersion estimate.
import { mannWhitney } from "./compare-mann-whitney.js";
import { chiSquareUpper, fUpper } from "./special.js";

export const MIN_EXPECTED = 5;

export interface ChiSquare {
  statistic: number;
  df: number;
  // Cells left after merging.
  cells: number;
}

// Group adjacent cells left to right until the smallest row's expected count n_min t_g / N reaches minExpected;
// a short remainder joins the last group. Returns the group index of every cell.
export function mergeCells(rows: ReadonlyArray<readonly number[]>, minExpected = MIN_EXPECTED): number[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const rowTotals = rows.map((r) => r.reduce((s, c) => s + c, 0));
  const total = rowTotals.reduce((s, c) => s + c, 0);
  const smallest = Math.min(...rowTotals);
  const groups = new Array<number>(width).fill(0);
  if (total === 0 || smallest === 0) return groups;
  // Pooled count a group needs so that the smallest row expects minExpected in it.
  const needed = (minExpected * total) / smallest;
  let group = 0;
  let pooled = 0;
  let lastClosed = -1;
  for (let k = 0; k < width; k++) {
    groups[k] = group;
    pooled += rows.reduce((s, r) => s + (r[k] ?? 0), 0);
    if (pooled >= needed) {
      lastClosed = k;
      group += 1;
      pooled = 0;
    }
  }
  // Cells after the last closed group do not reach the threshold on their own: they join that group.
  if (lastClosed >= 0) for (let k = lastClosed + 1; k < width; k++) groups[k] = Math.max(0, group - 1);
  return groups;
}

// The rows with their cells summed by mergeCells' groups.
export function mergedTable(rows: ReadonlyArray<readonly number[]>, minExpected = MIN_EXPECTED): number[][] {
  const groups = mergeCells(rows, minExpected);
  const cells = groups.length === 0 ? 0 : Math.max(...groups) + 1;
  return rows.map((r) => {
    const out = new Array<number>(cells).fill(0);
    r.forEach((c, k) => {
      const g = groups[k] ?? 0;
      out[g] = (out[g] ?? 0) + c;
    });
    return out;
  });
}

// Pearson X2 = sum (O - E)^2 / E over a table merged by mergeCells; df = (rows - 1) (cells - 1).
export function pearsonChiSquare(rows: ReadonlyArray<readonly number[]>, minExpected = MIN_EXPECTED): ChiSquare {
  const merged = mergedTable(rows, minExpected);
  const cells = merged[0]?.length ?? 0;
  const rowTotals = merged.map((r) => r.reduce((s, c) => s + c, 0));
  const total = rowTotals.reduce((s, c) => s + c, 0);
  const usedRows = rowTotals.filter((t) => t > 0).length;
  if (total === 0 || cells < 2 || usedRows < 2) return { statistic: 0, df: 0, cells };
  const columnTotals = new Array<number>(cells).fill(0).map((_, g) => merged.reduce((s, r) => s + (r[g] ?? 0), 0));
  let statistic = 0;
  merged.forEach((r, i) => {
    const rowTotal = rowTotals[i] ?? 0;
    if (rowTotal === 0) return;
    r.forEach((observed, g) => {
      const expected = (rowTotal * (columnTotals[g] ?? 0)) / total;
      if (expected > 0) statistic += ((observed - expected) * (observed - expected)) / expected;
    });
  });
  return { statistic, df: (usedRows - 1) * (cells - 1), cells };
}

// Two-sample test when a location factor is known separately: the location (midrank-score) component z^2 of the
// merged 2 x g table is removed (the Mann-Whitney test carries it) and the remainder X2 - z^2, on g - 2 df, is
// scaled by the overdispersion of everything but location. X2 >= z^2 on the same table, so the remainder is >= 0.
export function residualChiSquare(a: readonly number[], b: readonly number[], phi = 1, phiDf = Infinity): ChiSquare & { pValue: number } {
  const merged = mergedTable([a, b]);
  const table = pearsonChiSquare(merged, 0);
  const df = table.df - 1;
  if (df <= 0) return { statistic: 0, df: 0, cells: table.cells, pValue: 1 };
  const z = mannWhitney(merged[0] ?? [], merged[1] ?? []).z;
  const statistic = Math.max(0, table.statistic - z * z) / phi;
  const pValue = Number.isFinite(phiDf) ? fUpper(statistic / df, df, phiDf) : chiSquareUpper(statistic, df);
  return { statistic, df, cells: table.cells, pValue };
}

// Two-sample test: X2 / phi on the same df (quasi-likelihood scaling for overdispersed counts); when phi is an
// estimate on phiDf degrees of freedom, X2 / (phi df) is referred to F(df, phiDf).
export function twoSampleChiSquare(a: readonly number[], b: readonly number[], phi = 1, phiDf = Infinity): ChiSquare & { pValue: number } {
  const table = pearsonChiSquare([a, b]);
  const statistic = table.statistic / phi;
  if (table.df === 0) return { ...table, statistic, pValue: 1 };
  const pValue = Number.isFinite(phiDf) ? fUpper(statistic / table.df, table.df, phiDf) : chiSquareUpper(statistic, table.df);
  return { ...table, statistic, pValue };
}
