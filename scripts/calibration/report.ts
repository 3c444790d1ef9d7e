// Markdown tables of a calibration run: every cell's figure, its target and a PASS/FAIL mark.
import { COMPARE_MODELS, COMPARE_N, DRIFT_N, ISLAND_SIZES, N_GRID, SEPARATIONS, SIGMAS, WEIGHTS, type Cell } from "./cells.js";
import {
  anchorTarget,
  DRIFT_TARGET,
  FP_TARGET,
  FP_TARGET_05,
  humpValleyRatio,
  ISLAND_TARGET,
  MAX_VALLEY_RATIO,
  median,
  MIN_MINOR_SAMPLES,
  minorSamples,
  POWER_TARGET,
  QUANTILE_TARGET,
  quantileBias,
  rate,
  type CellResult,
} from "./aggregate.js";
import { NULL_MODELS } from "./models.js";

// One judged cell, for the summary and the list of misses.
export interface Verdict {
  table: string;
  cell: string;
  figure: string;
  target: string;
  pass: boolean;
}

export interface Report {
  markdown: string;
  verdicts: Verdict[];
}

// Percentage with one decimal.
function pct(x: number): string {
  return Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(1)}%`;
}

// Short n label: 30, 100, 1e3 ... 1e6 (3e3 for 3000).
function nLabel(n: number): string {
  if (n < 1000) return String(n);
  const exp = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** exp;
  return mantissa === 1 ? `1e${exp}` : `${mantissa}e${exp}`;
}

// A markdown table from a header and rows.
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  // One table row.
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// Look-up of results by cell id.
function finder(results: readonly CellResult[]): (id: string) => CellResult | undefined {
  const byId = new Map(results.map((r) => [r.cell.id, r]));
  return (id) => byId.get(id);
}

// Null grid: false-positive rate at the decision rule and at level 0.05.
function nullTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const rows = NULL_MODELS.map((model) => [
    model,
    ...N_GRID.map((n) => {
      const r = find(`null|${model}|${n}`);
      if (r === undefined) return "";
      const fp01 = rate(r, "multimodal");
      const fp05 = rate(r, "level05");
      const pass = fp01 <= FP_TARGET && fp05 <= FP_TARGET_05;
      verdicts.push({ table: "null", cell: `${model}, n=${nLabel(n)}`, figure: `${pct(fp01)} / ${pct(fp05)}`, target: `<= ${pct(FP_TARGET)} / <= ${pct(FP_TARGET_05)}`, pass });
      return `${pct(fp01)} / ${pct(fp05)} ${pass ? "PASS" : "**FAIL**"}`;
    }),
  ]);
  return table(["null model", ...N_GRID.map((n) => `n=${nLabel(n)}`)], rows);
}

// Quantile error: median |p99 estimate / true p99 - 1| over the null draws from n = 1e4.
function quantileTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const sizes = N_GRID.filter((n) => n >= 1e4);
  const rows = NULL_MODELS.map((model) => [
    model,
    (({ median: mid, worst }) => `${pct(mid)} (${pct(worst)})`)(quantileBias(model)),
    ...sizes.map((n) => {
      const r = find(`null|${model}|${n}`);
      if (r === undefined) return "";
      const error = median(r.samples.p99Error);
      const censored = r.counts.p99Censored ?? 0;
      const pass = error <= QUANTILE_TARGET;
      verdicts.push({ table: "quantile", cell: `${model}, n=${nLabel(n)}`, figure: pct(error), target: `<= ${pct(QUANTILE_TARGET)}`, pass });
      return `${pct(error)} ${pass ? "PASS" : "**FAIL**"}${censored > 0 ? ` (${censored} in clamped slot)` : ""}`;
    }),
  ]);
  return table(["null model", "n=inf: median (worst) over offsets", ...sizes.map((n) => `n=${nLabel(n)}`)], rows);
}

// Alternatives of one sigma: power at the decision rule (and at level 0.05), judged where the hump is detectable.
function alternativeTable(find: ReturnType<typeof finder>, sigma: number, verdicts: Verdict[]): string {
  const rows: string[][] = [];
  for (const weight of WEIGHTS) {
    for (const separation of SEPARATIONS) {
      const ratio = humpValleyRatio(weight, separation, sigma);
      const label = `${pct(weight).replace(".0%", "%")} at ${separation} log2 (${2 ** separation}x), v/p ${ratio.toFixed(2)}`;
      rows.push([
        label,
        ...N_GRID.map((n) => {
          const r = find(`alt|${weight}|${separation}|${sigma}|${n}`);
          if (r === undefined) return "";
          const power = rate(r, "multimodal");
          const power05 = rate(r, "level05");
          const judged = minorSamples(weight, n) >= MIN_MINOR_SAMPLES && ratio <= MAX_VALLEY_RATIO;
          const figure = `${pct(power)} (${pct(power05)})`;
          if (!judged) return figure;
          const pass = power >= POWER_TARGET;
          const detail = pass ? figure : `${figure}; p <= 0.01 without the delta rule ${pct(rate(r, "pOnly01"))}`;
          verdicts.push({ table: `alternatives sigma ${sigma}`, cell: `${label}, n=${nLabel(n)}`, figure: detail, target: `>= ${pct(POWER_TARGET)}`, pass });
          return `${figure} ${pass ? "PASS" : "**FAIL**"}`;
        }),
      ]);
    }
  }
  return table([`minor hump, sigma ${sigma}`, ...N_GRID.map((n) => `n=${nLabel(n)}`)], rows);
}

// Regression anchors: 1% hump at 64x, sigma 1.
function anchorTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const rows = [3000, 10000].map((n) => {
    const r = find(`alt|0.01|6|1|${n}`);
    const target = anchorTarget(0.01, 6, 1, n) ?? 0;
    const power = r === undefined ? Number.NaN : rate(r, "multimodal");
    const power05 = r === undefined ? Number.NaN : rate(r, "level05");
    const pass = power05 >= target;
    verdicts.push({ table: "anchors", cell: `1% at 64x, sigma 1, n=${nLabel(n)}`, figure: `${pct(power05)} at level 0.05`, target: `>= ${pct(target)}`, pass });
    return [`1% at 64x, sigma 1`, nLabel(n), String(r?.draws ?? 0), pct(power), pct(power05), `>= ${pct(target)}`, pass ? "PASS" : "**FAIL**"];
  });
  return table(["alternative", "n", "draws", "power, p <= 0.01 (verdict)", "power, p <= 0.05", "target (level 0.05)", "mark"], rows);
}

// Islands of 3-20 samples 64x above a body of 5000.
function islandTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const rows = ISLAND_SIZES.map((size) => {
    const r = find(`island|${size}`);
    const power = r === undefined ? Number.NaN : rate(r, "multimodal");
    const power05 = r === undefined ? Number.NaN : rate(r, "level05");
    if (size < 5) return [String(size), String(r?.draws ?? 0), pct(power), pct(power05), "none (report)", ""];
    const pass = power >= ISLAND_TARGET;
    verdicts.push({ table: "islands", cell: `island of ${size}`, figure: pct(power), target: `>= ${pct(ISLAND_TARGET)}`, pass });
    return [String(size), String(r?.draws ?? 0), pct(power), pct(power05), `>= ${pct(ISLAND_TARGET)}`, pass ? "PASS" : "**FAIL**"];
  });
  return table(["island samples", "draws", "flagged, p <= 0.01 (verdict)", "p <= 0.05", "target", "mark"], rows);
}

// Comparison of a distribution with itself: rate of "different" (and of "inconclusive").
function compareTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const rows = COMPARE_MODELS.map((model) => [
    model,
    ...COMPARE_N.map((n) => {
      const r = find(`compare|${model}|${n}`);
      if (r === undefined) return "";
      const different = rate(r, "different");
      const pass = different <= FP_TARGET;
      verdicts.push({ table: "compare", cell: `${model}, n=${nLabel(n)}`, figure: pct(different), target: `<= ${pct(FP_TARGET)}`, pass });
      return `${pct(different)} (${pct(rate(r, "inconclusive"))}) ${pass ? "PASS" : "**FAIL**"}`;
    }),
  ]);
  return table(["model (A and B)", ...COMPARE_N.map((n) => `n=${nLabel(n)} a side`)], rows);
}

// Drifting intervals: naive comparison of the sums against the overdispersion-scaled one.
function driftTable(find: ReturnType<typeof finder>, verdicts: Verdict[]): string {
  const rows = DRIFT_N.map((n) => {
    const r = find(`drift|${n}`);
    if (r === undefined) return [nLabel(n)];
    const scaled = rate(r, "phiDifferent");
    const pass = scaled <= DRIFT_TARGET;
    verdicts.push({ table: "drift", cell: `n=${nLabel(n)}`, figure: pct(scaled), target: `<= ${pct(DRIFT_TARGET)}`, pass });
    return [nLabel(n), String(r.draws), pct(rate(r, "naiveDifferent")), pct(scaled), median(r.samples.phi).toFixed(1), `<= ${pct(DRIFT_TARGET)}`, pass ? "PASS" : "**FAIL**"];
  });
  return table(["n a side (10 intervals)", "draws", "different, sums only", "different, with intervals", "median phi", "target", "mark"], rows);
}

// CPU seconds spent per kind of cell.
function cpuByKind(results: readonly CellResult[]): string {
  const byKind = new Map<Cell["kind"], number>();
  for (const r of results) byKind.set(r.cell.kind, (byKind.get(r.cell.kind) ?? 0) + r.ms);
  return [...byKind.entries()].map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(0)} s`).join(", ");
}

// All tables of a run, in STATS.md §5 order, with the summary and the list of misses.
export function buildReport(results: readonly CellResult[], wallSeconds: number): Report {
  const find = finder(results);
  const verdicts: Verdict[] = [];
  const sections = [
    "## False-positive rate of the shape verdict (null grid)",
    `Each cell: rate of "multimodal" (p <= 0.01 and the delta rule, the verdict users get) / rate of p <= 0.05 with the delta rule. Target: <= ${pct(FP_TARGET)} / <= ${pct(FP_TARGET_05)} (alpha + 1.5%).`,
    nullTable(find, verdicts),
    "## Quantile error (log-slope p99)",
    `Median |p99 estimate / true p99 - 1| over the same null draws. Target: <= ${pct(QUANTILE_TARGET)} from n = 1e4.`,
    quantileTable(find, verdicts),
    "## Power against a second hump",
    `Each cell: rate of "multimodal" (and of p <= 0.05). v/p is the true binned valley/peak ratio, the worst over 32 sub-bucket offsets. A cell is judged (target >= ${pct(POWER_TARGET)}) only when the minor hump has >= ${MIN_MINOR_SAMPLES} samples and v/p <= ${MAX_VALLEY_RATIO}; other cells are reported without a mark.`,
    ...SIGMAS.map((sigma) => alternativeTable(find, sigma, verdicts)),
    "## Regression anchors",
    anchorTable(find, verdicts),
    "## Islands (STATS.md §1)",
    "A body of 5000 samples log-uniform on 300-500 us and an island at 16-32 ms, both shifted by the draw's offset.",
    islandTable(find, verdicts),
    "## Comparison: two draws of one distribution (STATS.md §4)",
    `Each cell: rate of "different" (and of "inconclusive") for two histograms drawn from the same model at the same offset. Target: <= ${pct(FP_TARGET)}.`,
    compareTable(find, verdicts),
    "## Comparison with drifting intervals (STATS.md §4)",
    "Both sides: 10 intervals of log-normal sigma 1 whose log2 centre moves by Normal(0, 0.15^2) per interval. STATS.md's sim: sums only 95% at n=1e6, chi2/phi 17%.",
    driftTable(find, verdicts),
  ];
  const failed = verdicts.filter((v) => !v.pass);
  const summary = [
    "## Summary",
    `${verdicts.length} judged cells: ${verdicts.length - failed.length} PASS, ${failed.length} FAIL. Wall time ${(wallSeconds / 60).toFixed(1)} min; CPU by kind: ${cpuByKind(results)}.`,
    failed.length === 0 ? "Every judged cell meets its target." : table(["table", "cell", "figure", "target"], failed.map((v) => [v.table, v.cell, v.figure, v.target])),
  ];
  return { markdown: [...summary, ...sections].join("\n\n"), verdicts };
}
