// The calibration grid of STATS.md §5 (plus §1's island and §4's comparison checks) as plain-data cells.
import { NULL_MODELS, type NullModel } from "./models.js";

export const N_GRID = [30, 100, 300, 1e3, 3e3, 1e4, 1e5, 1e6] as const;
export const WEIGHTS = [0.001, 0.01, 0.05, 0.2, 0.5] as const;
export const SEPARATIONS = [2, 3, 4, 6, 8] as const;
export const SIGMAS = [0.5, 1] as const;
export const ISLAND_SIZES = [3, 5, 10, 20] as const;
export const COMPARE_MODELS: readonly NullModel[] = ["log-normal s=1", "Gamma(2)", "Weibull k=0.5", "Lomax a=1.5"];
export const COMPARE_N = [100, 1e3, 1e4, 1e5, 1e6] as const;
export const DRIFT_N = [1e4, 1e5, 1e6] as const;
export const DRIFT_INTERVALS = 10;
export const DRIFT_SIGMA = 0.15;
// The regression anchors: 1% hump at 64x (6 log2 units), sigma 1.
export const ANCHOR = { weight: 0.01, separation: 6, sigma: 1, n: [3e3, 1e4] } as const;

// Draws per cell kind.
export interface Budget {
  nullDraws: number;
  altDraws: number;
  anchorDraws: number;
  islandDraws: number;
  compareDraws: number;
  driftDraws: number;
}

export const FULL_BUDGET: Budget = { nullDraws: 4000, altDraws: 500, anchorDraws: 4000, islandDraws: 2000, compareDraws: 1000, driftDraws: 500 };

export type Cell =
  | { kind: "null"; id: string; model: NullModel; n: number; draws: number }
  | { kind: "alternative"; id: string; weight: number; separation: number; sigma: number; n: number; draws: number }
  | { kind: "island"; id: string; size: number; draws: number }
  | { kind: "compare-null"; id: string; model: NullModel; n: number; draws: number }
  | { kind: "compare-drift"; id: string; n: number; intervals: number; drift: number; draws: number };

// True for the anchor cells, which get more draws.
export function isAnchor(weight: number, separation: number, sigma: number, n: number): boolean {
  return weight === ANCHOR.weight && separation === ANCHOR.separation && sigma === ANCHOR.sigma && (ANCHOR.n as readonly number[]).includes(n);
}

// Every cell of the run, with its number of draws.
export function buildCells(budget: Budget): Cell[] {
  const cells: Cell[] = [];
  for (const model of NULL_MODELS) {
    for (const n of N_GRID) cells.push({ kind: "null", id: `null|${model}|${n}`, model, n, draws: budget.nullDraws });
  }
  for (const sigma of SIGMAS) {
    for (const weight of WEIGHTS) {
      for (const separation of SEPARATIONS) {
        for (const n of N_GRID) {
          const draws = isAnchor(weight, separation, sigma, n) ? budget.anchorDraws : budget.altDraws;
          cells.push({ kind: "alternative", id: `alt|${weight}|${separation}|${sigma}|${n}`, weight, separation, sigma, n, draws });
        }
      }
    }
  }
  for (const size of ISLAND_SIZES) cells.push({ kind: "island", id: `island|${size}`, size, draws: budget.islandDraws });
  for (const model of COMPARE_MODELS) {
    for (const n of COMPARE_N) cells.push({ kind: "compare-null", id: `compare|${model}|${n}`, model, n, draws: budget.compareDraws });
  }
  for (const n of DRIFT_N) {
    cells.push({ kind: "compare-drift", id: `drift|${n}`, n, intervals: DRIFT_INTERVALS, drift: DRIFT_SIGMA, draws: budget.driftDraws });
  }
  return cells;
}
