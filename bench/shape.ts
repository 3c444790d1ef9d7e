// Benchmark (not a test): wall time of the full analyzeShape on 27-bucket log2 histograms.
// Run with `node --import tsx bench/shape.ts`; prints median and p90 over RUNS runs per case.
import type { Bucket } from "../src/model/measurement.js";
import { kModalLogLikPair } from "../src/stats/kmodal-fit.js";
import { analyzeShape, createRng, DEFAULT_PLAN, sampleMultinomial, type BootstrapPlan } from "../src/stats/index.js";

const RUNS = 50;
const WARMUP = 5;
const BUCKETS = 27;

// A 27-slot histogram (libbpf-tools biolatency layout) from a seeded mixture of log-normal components.
function histogram(seed: number, parts: ReadonlyArray<{ count: number; centre: number; sigma: number }>): Bucket[] {
  const rng = createRng(seed);
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const part of parts) {
    for (let i = 0; i < part.count; i++) {
      const x = part.centre + part.sigma * rng.normal();
      const slot = Math.max(0, Math.min(BUCKETS - 1, Math.floor(x)));
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
  }
  return counts.map((count, j) => (j === 0 ? { low: 0, high: 2, count } : { low: 2 ** j, high: 2 ** (j + 1), count }));
}

// Median and p90 of a sorted sample.
function summarize(times: number[]): { median: number; p90: number } {
  const sorted = [...times].sort((a, b) => a - b);
  // Nearest-rank quantile of the sorted times.
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p90: at(0.9) };
}

// Time one case; each run uses a different seed so the bootstrap work is representative.
function bench(name: string, buckets: Bucket[], plan: BootstrapPlan): void {
  const times: number[] = [];
  let last = analyzeShape(buckets, { topCensored: true, plan });
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const start = performance.now();
    last = analyzeShape(buckets, { topCensored: true, seed: run, plan });
    if (run >= WARMUP) times.push(performance.now() - start);
  }
  const { median, p90 } = summarize(times);
  const occupied = buckets.filter((b) => b.count > 0).length;
  const reps = last.kind === "analyzed" ? last.test.replicates : 0;
  console.log(
    `${name.padEnd(34)} occupied ${String(occupied).padStart(2)}  verdict ${last.verdict.padEnd(10)} p ${String(last.pValue).padEnd(6)} ` +
      `modes ${last.modes.length}  replicates ${String(reps).padStart(3)}  median ${median.toFixed(2)} ms  p90 ${p90.toFixed(2)} ms`,
  );
}

// Microseconds per bootstrap replicate of the k versus k + 1 statistic (the part no shortcut can skip), K = 26.
function benchReplicate(k: number): void {
  const probs = [12824, 81436, 205312, 204712, 81253, 13994, 6408, 20760, 48368, 74098, 74080, 48586, 20578, 6091, 2881, 6910, 16004, 24785, 24687, 16084, 6994, 1907, 359, 55, 4, 1];
  const n = probs.reduce((a, b) => a + b, 0);
  const rng = createRng(1);
  const tables = Array.from({ length: 500 }, () => {
    const table = new Float64Array(probs.length);
    sampleMultinomial(rng, n, probs.map((p) => p / n), table);
    return table;
  });
  let best = Infinity;
  for (let round = 0; round < 20; round++) {
    const start = performance.now();
    for (const table of tables) kModalLogLikPair(table, k);
    best = Math.min(best, ((performance.now() - start) * 1000) / tables.length);
  }
  console.log(`k-modal replicate, ${k} vs ${k + 1} modes, K = ${probs.length}: ${best.toFixed(1)} us (best of 20 rounds of ${tables.length})`);
}

const cases: Array<[string, Bucket[]]> = [
  ["unimodal, wide (sigma 3), n=1e5", histogram(1, [{ count: 100_000, centre: 12, sigma: 3 }])],
  ["unimodal + noise tail, n=1e5", histogram(2, [{ count: 99_900, centre: 10, sigma: 2 }, { count: 100, centre: 18, sigma: 4 }])],
  ["bimodal 80/20 at 128x, n=1e5", histogram(3, [{ count: 80_000, centre: 7, sigma: 1.5 }, { count: 20_000, centre: 14, sigma: 2 }])],
  ["trimodal, n=1e6", histogram(4, [{ count: 600_000, centre: 4, sigma: 1 }, { count: 300_000, centre: 11, sigma: 1.5 }, { count: 100_000, centre: 19, sigma: 1.5 }])],
  // The 2-versus-3 hump test is borderline here (p about 0.007), so few bootstrap replicates can skip the k-modal fits.
  ["bimodal + faint third hump, n=1e4", histogram(2, [{ count: 6000, centre: 5, sigma: 1 }, { count: 4000, centre: 12, sigma: 1.5 }, { count: 40, centre: 19, sigma: 0.7 }])],
];

const flat: BootstrapPlan = { ...DEFAULT_PLAN, extended: DEFAULT_PLAN.initial };
console.log(`analyzeShape, ${BUCKETS}-slot histograms, ${RUNS} runs each (after ${WARMUP} warm-up runs)`);
console.log("B = 199 only (no extension):");
for (const [name, buckets] of cases) bench(name, buckets, flat);
console.log("STATS.md plan (B = 199, extended to 999 when p < 0.05, stop after 20 exceedances):");
for (const [name, buckets] of cases) bench(name, buckets, DEFAULT_PLAN);
for (const k of [2, 3]) benchReplicate(k);
