// `bpftriage compare TOOL A B [--json]`: is histogram B (now) different from A (baseline)? STATS.md §4.
// Histograms pair by labels; several histograms with the same labels in one file are per-interval histograms: they
// are summed for the comparison and feed the overdispersion estimate. Exit 0 same, 1 different, 3 inconclusive.

import { UsageError } from "../model/errors.js";
import type { Bucket, HistogramMeasurement } from "../model/measurement.js";
import { ANALYZABLE_TOOLS, ANALYZERS } from "../probes/analyzers.js";
import { compareHistograms, type Comparison, type CompareTest, type CompareVerdict } from "../stats/index.js";
import { readInput } from "./read-input.js";

export interface CompareCommandOptions {
  json?: boolean;
}

const EXIT: Record<CompareVerdict, number> = { same: 0, different: 1, inconclusive: 3 };

// The histograms of one file that share one set of labels, in file order.
interface Group {
  key: string;
  labels: Record<string, string>;
  histograms: HistogramMeasurement[];
}

interface Side {
  file: string;
  flavour: string;
  groups: Group[];
}

interface PairResult {
  labels: Record<string, string>;
  labelsB?: Record<string, string>;
  unit: string;
  intervalsA: number;
  intervalsB: number;
  comparison: Comparison;
}

// Stable key of a label set.
const keyOf = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

// Printable label set.
const labelText = (labels: Record<string, string>): string => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ") || "(no labels)";

// Parse one file with the tool's analyzer and group its log2 histograms by labels.
const loadSide = async (tool: string, file: string): Promise<Side> => {
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new UsageError(`unknown tool "${tool}": expected one of ${ANALYZABLE_TOOLS.join(", ")}`);
  const { output, source } = await readInput(file);
  const parsed = analyzer(output, source);
  const histograms = parsed.measurements.filter((m): m is HistogramMeasurement => m.kind === "histogram");
  if (histograms.length === 0) {
    const kinds = [...new Set(parsed.measurements.map((m) => m.kind))].join(", ") || "nothing";
    throw new UsageError(`${source}: expected ${tool} histograms to compare, received ${kinds}`);
  }
  const linear = histograms.find((h) => h.scale !== "log2");
  if (linear !== undefined) throw new UsageError(`${source}: expected log2 histograms, received a ${linear.scale} histogram (${labelText(linear.labels)})`);
  const groups = new Map<string, Group>();
  for (const histogram of histograms) {
    const key = keyOf(histogram.labels);
    const group = groups.get(key) ?? { key, labels: histogram.labels, histograms: [] };
    group.histograms.push(histogram);
    groups.set(key, group);
  }
  return { file: source, flavour: parsed.flavour, groups: [...groups.values()] };
};

// Bucket-wise sum of histograms (rows printed by one interval and not another count as 0 there).
const sumBuckets = (histograms: readonly HistogramMeasurement[]): Bucket[] => {
  const sums = new Map<string, Bucket>();
  for (const bucket of histograms.flatMap((h) => h.buckets)) {
    const key = `${bucket.low}|${bucket.high}`;
    const sum = sums.get(key) ?? { low: bucket.low, high: bucket.high, count: 0 };
    sum.count += bucket.count;
    sums.set(key, sum);
  }
  return [...sums.values()].sort((a, b) => a.low - b.low);
};

// Pairs of groups with the same labels; when the files share no labels but hold one group each, that one pair.
const pairGroups = (a: Side, b: Side): Array<[Group, Group]> => {
  const byKey = new Map(b.groups.map((g) => [g.key, g]));
  const pairs = a.groups.flatMap((g): Array<[Group, Group]> => {
    const match = byKey.get(g.key);
    return match === undefined ? [] : [[g, match]];
  });
  const [onlyA] = a.groups;
  const [onlyB] = b.groups;
  if (pairs.length === 0 && a.groups.length === 1 && b.groups.length === 1 && onlyA !== undefined && onlyB !== undefined) return [[onlyA, onlyB]];
  if (pairs.length === 0) {
    // The label sets of one file, for the message.
    const list = (side: Side): string => side.groups.map((g) => labelText(g.labels)).join("; ");
    throw new UsageError(`expected histograms with the same labels in both files, received ${list(a)} in ${a.file} and ${list(b)} in ${b.file}`);
  }
  return pairs;
};

// Compare one pair of groups; a unit mismatch is a usage error (no common log2 grid).
const comparePair = ([groupA, groupB]: [Group, Group], a: Side, b: Side): PairResult => {
  const unitA = groupA.histograms[0]?.unit ?? "";
  const unitB = groupB.histograms[0]?.unit ?? "";
  if (unitA !== unitB) throw new UsageError(`expected the same unit in both files, received ${unitA} in ${a.file} and ${unitB} in ${b.file}`);
  // One side of the comparison: summed buckets, plus the intervals when there are several.
  const side = (group: Group) => ({
    buckets: sumBuckets(group.histograms),
    topCensored: group.histograms.some((h) => h.topCensored),
    ...(group.histograms.length > 1 ? { intervals: group.histograms.map((h) => h.buckets) } : {}),
  });
  return {
    labels: groupA.labels,
    ...(groupA.key === groupB.key ? {} : { labelsB: groupB.labels }),
    unit: unitA,
    intervalsA: groupA.histograms.length,
    intervalsB: groupB.histograms.length,
    comparison: compareHistograms(side(groupA), side(groupB)),
  };
};

// Short number: 3 significant digits, exponent form for tiny values.
const num = (x: number): string => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : String(Number(x.toPrecision(3))));

// One test as a line: statistic, p and Holm p.
const testLine = (test: CompareTest): string => {
  const statistic =
    test.name === "mann-whitney" ? `z = ${num(test.statistic)}` : test.name === "chi-square" ? `X2 = ${num(test.statistic)} (df ${test.df})` : `D = ${num(test.statistic)} (${test.replicates} replicates)`;
  return `    ${test.name.padEnd(13)} ${statistic.padEnd(30)} p = ${num(test.pValue).padEnd(8)} Holm p = ${num(test.pHolm)}`;
};

// The readable block of one pair.
const pairText = (pair: PairResult): string[] => {
  const c = pair.comparison;
  const title = pair.labelsB === undefined ? labelText(pair.labels) : `${labelText(pair.labels)} (A) vs ${labelText(pair.labelsB)} (B)`;
  const lines = [`${title}: ${c.verdict}`];
  if (c.kind === "compared") {
    lines.push(`  samples: A ${c.nA} (${pair.intervalsA} histogram${pair.intervalsA === 1 ? "" : "s"}), B ${c.nB} (${pair.intervalsB} histogram${pair.intervalsB === 1 ? "" : "s"})`);
    lines.push("  tests:", ...c.tests.map(testLine));
    lines.push(`  W1 = ${num(c.w1)} log2 units`);
    const p99 = c.p99Ratio;
    lines.push(p99 === null ? "  p99 ratio B/A: not estimable" : `  p99 ratio B/A = ${num(p99.estimate)} [${num(p99.ciLow)}, ${num(p99.ciHigh)}] (A ${num(p99.a)}, B ${num(p99.b)} ${pair.unit})`);
    const tail = c.tailFractionRatio;
    lines.push(
      tail === null
        ? "  tail-fraction ratio: no tail above A's p99 bucket"
        : `  tail >= ${tail.bucket} ${pair.unit}: A ${num(100 * tail.fractionA)}% (${tail.countA}), B ${num(100 * tail.fractionB)}% (${tail.countB}), ratio ${num(tail.estimate)} [${num(tail.ciLow)}, ${num(tail.ciHigh)}]`,
    );
  }
  lines.push(...c.reasons.map((r) => `  - ${r}`));
  return lines;
};

// The verdict over all pairs: different if any pair is, else inconclusive if any pair is, else same.
const overall = (pairs: readonly PairResult[]): CompareVerdict => {
  if (pairs.some((p) => p.comparison.verdict === "different")) return "different";
  return pairs.some((p) => p.comparison.verdict === "inconclusive") ? "inconclusive" : "same";
};

// Parses both files, compares every pair of histograms and prints the verdict; returns the exit code.
export const compareCommand = async (tool: string, fileA: string, fileB: string, options: CompareCommandOptions): Promise<number> => {
  if (ANALYZERS[tool] === undefined) throw new UsageError(`unknown tool "${tool}": expected one of ${ANALYZABLE_TOOLS.join(", ")}`);
  if (fileA === "-" && fileB === "-") throw new UsageError("expected at most one of A and B to be - (standard input), received both");
  const a = await loadSide(tool, fileA);
  const b = await loadSide(tool, fileB);
  const pairs = pairGroups(a, b).map((pair) => comparePair(pair, a, b));
  const verdict = overall(pairs);
  if (options.json) {
    const comparisons = pairs.map(({ comparison, ...pair }) => ({ ...pair, ...comparison }));
    const unmatched = {
      a: a.groups.filter((g) => !pairs.some((p) => keyOf(p.labels) === g.key)).map((g) => g.labels),
      b: b.groups.filter((g) => !pairs.some((p) => keyOf(p.labelsB ?? p.labels) === g.key)).map((g) => g.labels),
    };
    const object = { tool, a: { file: a.file, flavour: a.flavour }, b: { file: b.file, flavour: b.flavour }, verdict, comparisons, unmatched };
    process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
  } else {
    const header = `${tool}: ${a.file} (A, baseline) vs ${b.file} (B): ${verdict}`;
    process.stdout.write(`${[header, "", ...pairs.flatMap((p) => [...pairText(p), ""])].join("\n")}`);
  }
  return EXIT[verdict];
};
