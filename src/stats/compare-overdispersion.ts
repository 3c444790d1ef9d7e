// STATS.md §4 "overdispersion": events are bursty, so interval-to-interval variation exceeds the multinomial's.
// phi = Pearson X2 / df of each side's interval x cell table (sides pooled) scales the chi-square test. A drift in
// location puts all of its extra variance in one direction, which X2 / df averages over every df, so the shift test
// gets its own factor: the Kruskal-Wallis statistic of the intervals (their mean ridit scores) over its df, and the
// chi-square test, with its location component removed, gets the factor of the rest.
import { pearsonChiSquare } from "./compare-chi-square.js";

export interface DispersionFactor {
  // Statistic / df; about 1 when the intervals are multinomial draws from one distribution.
  estimate: number;
  // max(1, estimate): the factor applied (never sharpen a test below its multinomial variance).
  applied: number;
  statistic: number;
  df: number;
}

export interface Overdispersion extends DispersionFactor {
  // The location-specific factor (Kruskal-Wallis across intervals / df).
  shift: DispersionFactor;
  // Everything but location: (X2 - KW) / (df - KW df).
  rest: DispersionFactor;
  intervalsA: number;
  intervalsB: number;
}

// Interval x cell chi-square and Kruskal-Wallis statistic of one side; empty intervals carry no information.
function heterogeneity(intervals: ReadonlyArray<readonly number[]>): { chi: number; chiDf: number; kw: number; kwDf: number; used: number } {
  const used = intervals.filter((row) => row.some((c) => c > 0));
  if (used.length < 2) return { chi: 0, chiDf: 0, kw: 0, kwDf: 0, used: used.length };
  const { statistic, df } = pearsonChiSquare(used);
  return { chi: statistic, chiDf: df, ...kruskalWallis(used), used: used.length };
}

// Kruskal-Wallis across the rows of a row x ordered-cell table: sum_i n_i (r_i - 1/2)^2 / var(s), where s_k is the
// pooled ridit of cell k and r_i row i's mean ridit; chi-square on rows - 1 df under homogeneity.
export function kruskalWallis(rows: ReadonlyArray<readonly number[]>): { kw: number; kwDf: number } {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const pooled = Array.from({ length: width }, (_, k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0));
  const total = pooled.reduce((s, c) => s + c, 0);
  if (total === 0) return { kw: 0, kwDf: 0 };
  let below = 0;
  const ridits = pooled.map((t) => {
    const s = (below + t / 2) / total;
    below += t;
    return s;
  });
  const variance = pooled.reduce((s, t, k) => s + t * ((ridits[k] ?? 0.5) - 0.5) ** 2, 0) / total;
  if (!(variance > 0)) return { kw: 0, kwDf: 0 };
  let kw = 0;
  for (const row of rows) {
    const n = row.reduce((s, c) => s + c, 0);
    if (n === 0) continue;
    const mean = row.reduce((s, c, k) => s + c * (ridits[k] ?? 0.5), 0) / n;
    kw += (n * (mean - 0.5) ** 2) / variance;
  }
  return { kw, kwDf: rows.length - 1 };
}

// Statistic / df as a factor.
function factor(statistic: number, df: number): DispersionFactor {
  const estimate = df > 0 ? statistic / df : 1;
  return { estimate, applied: Math.max(1, estimate), statistic, df };
}

// phi from the per-interval histograms of either or both sides; null when no side has two non-empty intervals
// (or their table merges down to a single cell).
export function estimateOverdispersion(intervalsA: ReadonlyArray<readonly number[]>, intervalsB: ReadonlyArray<readonly number[]>): Overdispersion | null {
  const sideA = heterogeneity(intervalsA);
  const sideB = heterogeneity(intervalsB);
  const df = sideA.chiDf + sideB.chiDf;
  if (df === 0) return null;
  return {
    ...factor(sideA.chi + sideB.chi, df),
    shift: factor(sideA.kw + sideB.kw, sideA.kwDf + sideB.kwDf),
    rest: factor(Math.max(0, sideA.chi + sideB.chi - sideA.kw - sideB.kw), df - sideA.kwDf - sideB.kwDf),
    intervalsA: sideA.used,
    intervalsB: sideB.used,
  };
}
