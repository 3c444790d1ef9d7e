import { describe, expect, it } from "vitest";
import type { HistogramMeasurement } from "../../src/model/measurement.js";
import { parseBpftraceHist } from "../../src/parsers/bpftrace-hist.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

// Histograms of an analyzer's result, in order.
const histograms = (tool: string, ...path: string[]): HistogramMeasurement[] =>
  (ANALYZERS[tool]?.(readFixture(...path)).measurements ?? []).filter((m): m is HistogramMeasurement => m.kind === "histogram");

const counts = (histogram: HistogramMeasurement | undefined): number[] => histogram?.buckets.map((bucket) => bucket.count) ?? [];

describe("bpftrace hist() and lhist() from the bpftrace examples", () => {
  it("reads runqlat.bt's @usecs with [0], [1] and K/M suffixes", () => {
    const parsed = ANALYZERS.runqlat?.(readFixture("peer", "bpftrace", "runqlat", "idle-outlier.txt"));
    expect(parsed?.flavour).toBe("bpftrace");
    const [usecs] = histograms("runqlat", "peer", "bpftrace", "runqlat", "idle-outlier.txt");
    expect(usecs?.labels).toEqual({ map: "@usecs" });
    expect(usecs?.unit).toBe("usecs");
    expect(usecs?.scale).toBe("log2");
    // bpftrace tools/runqlat_example.txt lines 16-18: `[0] 1`, `[1] 11`, `[2, 4) 16`.
    expect(usecs?.buckets.slice(0, 3)).toEqual([
      { low: 0, high: 1, count: 1 },
      { low: 1, high: 2, count: 11 },
      { low: 2, high: 4, count: 16 },
    ]);
    // Line 36: the outlier `[512K, 1M) 1` is [524288, 1048576).
    expect(usecs?.buckets.at(-1)).toEqual({ low: 524288, high: 1048576, count: 1 });
  });

  it("reads biolatency-kp.bt's @usecs that starts at [256, 512)", () => {
    const [usecs] = histograms("biolatency", "peer", "bpftrace", "biolatency", "kprobe-bimodal.txt");
    // bpftrace tools/biolatency_example.txt lines 12-21.
    expect(counts(usecs)).toEqual([2, 10, 426, 230, 9, 128, 68, 0, 0, 10]);
    expect(usecs?.buckets[0]).toEqual({ low: 256, high: 512, count: 2 });
    expect(usecs?.buckets.at(-1)).toEqual({ low: 131072, high: 262144, count: 10 });
    expect(usecs?.total).toBe(883);
  });

  it("reads runqlen.bt's lhist as a linear histogram", () => {
    const [runqlen] = histograms("runqlen", "peer", "bpftrace", "runqlen", "pinned-threads.txt");
    // bpftrace tools/runqlen_example.txt lines 14-17.
    expect(runqlen).toMatchObject({ labels: { map: "@runqlen" }, unit: "runqlen", scale: "linear", total: 2273, topCensored: false });
    expect(runqlen?.buckets).toEqual([
      { low: 0, high: 1, count: 1967 },
      { low: 1, high: 2, count: 0 },
      { low: 2, high: 3, count: 0 },
      { low: 3, high: 4, count: 306 },
    ]);
  });

  it("reads xfsdist.bt's keyed maps @us[function] into labels", () => {
    const maps = histograms("xfsdist", "peer", "bpftrace", "xfsdist", "per-function.txt");
    expect(maps.map((m) => m.labels)).toEqual([
      { map: "@us", key: "xfs_file_write_iter" },
      { map: "@us", key: "xfs_file_read_iter" },
      { map: "@us", key: "xfs_file_open" },
    ]);
    // bpftrace tools/xfsdist_example.txt lines 17-34: the bimodal read latency.
    expect(counts(maps[1])).toEqual([724, 137, 143, 37, 11, 22, 7, 0, 485, 149, 98, 85, 27, 29, 25, 1, 0, 6]);
    expect(maps[1]?.total).toBe(1986);
    expect(maps[1]?.unit).toBe("usecs");
  });
});

describe("bpftrace 0.17 output captured on this machine (fixtures/bpftrace/hist-formats.txt)", () => {
  const parsed = parseBpftraceHist(readFixture("bpftrace", "hist-formats.txt"), { tool: "bt-hist-formats", banners: [/^Tracing CPU scheduler/] });
  const byMap = (map: string, key?: string) => parsed.measurements.find((m) => m.labels.map === map && m.labels.key === key);

  it("reads every map, including `@name: ` headers with a trailing blank", () => {
    expect(parsed.measurements.map((m) => `${m.labels.map}${m.labels.key === undefined ? "" : `[${m.labels.key}]`}`)).toEqual([
      "@clock", "@delta", "@pidmod", "@switch[latency-probe, 1]", "@switch[latency-probe, 0]", "@switch[burst-hog, 0]",
      "@usecs", "@usecs_cpu[1]", "@usecs_cpu[0]",
    ]);
    expect(parsed.notes.find((note) => note.kind === "attaching")?.text).toBe("Attaching 6 probes...");
  });

  it("reads G suffixes as powers of 1024", () => {
    // Line 6: `[2G, 4G)  478`.
    expect(byMap("@clock")?.buckets).toEqual([{ low: 2 * 1024 ** 3, high: 4 * 1024 ** 3, count: 478 }]);
  });

  it("reads the negative bucket (..., 0) as [-Infinity, 0)", () => {
    const delta = byMap("@delta");
    // Lines 9-25: `(..., 0) 253`, `[0] 0`, `[1] 25`, `[2, 4) 51` ... `[16K, 32K) 37`.
    expect(delta?.buckets[0]).toEqual({ low: Number.NEGATIVE_INFINITY, high: 0, count: 253 });
    expect(delta?.buckets.slice(1, 4)).toEqual([
      { low: 0, high: 1, count: 0 },
      { low: 1, high: 2, count: 25 },
      { low: 2, high: 4, count: 51 },
    ]);
    expect(delta?.buckets.at(-1)).toEqual({ low: 16384, high: 32768, count: 37 });
    expect(delta?.scale).toBe("log2");
  });

  it("reads lhist underflow and the open-ended overflow bucket", () => {
    const pidmod = byMap("@pidmod");
    expect(pidmod?.scale).toBe("linear");
    expect(pidmod?.topCensored).toBe(true);
    // Lines 28-39: `(..., 0) 35`, `[0, 10) 25`, ..., `[90, 100) 74`, `[100, ...) 43`.
    expect(pidmod?.buckets[0]).toEqual({ low: Number.NEGATIVE_INFINITY, high: 0, count: 35 });
    expect(pidmod?.buckets[1]).toEqual({ low: 0, high: 10, count: 25 });
    expect(pidmod?.buckets.at(-1)).toEqual({ low: 100, high: null, count: 43 });
    expect(pidmod?.total).toBe(35 + 25 + 5 + 1 + 5 + 132 + 94 + 26 + 20 + 18 + 74 + 43);
  });

  it("keeps tuple keys as printed", () => {
    // Lines 48-51: @switch[burst-hog, 0] with [0] 38, [1] 41, [2, 4) 68.
    expect(counts(byMap("@switch", "burst-hog, 0"))).toEqual([38, 41, 68]);
  });

  it("reads the runqlat.bt layout of @usecs", () => {
    // Lines 53-67.
    expect(counts(byMap("@usecs"))).toEqual([2, 2, 34, 55, 18, 13, 7, 4, 3, 18, 56, 27, 29, 11]);
    expect(byMap("@usecs")?.total).toBe(279);
  });

  it("treats a run whose kprobes did not attach (banner, no map) as no measurements", () => {
    const result = ANALYZERS.biolatency?.(readFixture("bpftrace", "biolatency-bt-no-kprobes.txt"));
    expect(result?.flavour).toBe("bpftrace");
    expect(result?.measurements).toEqual([]);
  });
});

describe("bpftrace label forms not in any capture", () => {
  const parse = (text: string) => parseBpftraceHist(text, { tool: "bt", banners: [] }).measurements;

  it("keeps hist(x, 2) sub-buckets as printed and calls them log2", () => {
    const [histogram] = parse("@x:\n[4]                    3 |@@@  |\n[5]                    1 |@    |\n[6, 8)                 2 |@@   |\n[8, 10)                5 |@@@@@|\n[10, 12)               1 |@    |\n");
    expect(histogram?.scale).toBe("log2");
    expect(histogram?.buckets.map((b) => [b.low, b.high])).toEqual([[4, 5], [5, 6], [6, 8], [8, 10], [10, 12]]);
  });

  it("reads T suffixes and current bpftrace's `Attached N probes`", () => {
    const [histogram] = parse("Attached 1 probe\n@ns[sda, 8]:\n[512G, 1T)             1 |@@@@|\n[1T, 2T)               4 |@@@@|\n\n");
    expect(histogram?.labels).toEqual({ map: "@ns", key: "sda, 8" });
    expect(histogram?.unit).toBe("nsecs");
    expect(histogram?.buckets[1]).toEqual({ low: 1024 ** 4, high: 2 * 1024 ** 4, count: 4 });
  });

  it("reads an lhist whose underflow bound is not 0", () => {
    const [histogram] = parse("@l:\n(..., 10)              2 |@@  |\n[10, 20)               4 |@@@@|\n[20, ...)              1 |@   |\n");
    expect(histogram?.scale).toBe("linear");
    expect(histogram?.buckets[0]).toEqual({ low: Number.NEGATIVE_INFINITY, high: 10, count: 2 });
  });
});
