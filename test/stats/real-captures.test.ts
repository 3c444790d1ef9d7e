import { describe, expect, it } from "vitest";
import { describeHistogram } from "../../src/detectors/describe-histogram.js";
import type { HistogramMeasurement } from "../../src/model/measurement.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

// Parses a fixture with the tool's analyzer and describes every histogram, as `analyze --json` does.
const described = (tool: string, ...path: string[]): HistogramMeasurement[] => {
  const analyze = ANALYZERS[tool];
  if (analyze === undefined) throw new Error(`no analyzer for ${tool}`);
  return analyze(readFixture(...path)).measurements.flatMap((m) => (m.kind === "histogram" ? [describeHistogram(m)] : []));
};

describe("shape statistics on this machine's captures", () => {
  it("finds two humps in runqlat while CPU-bound bursts compete with a sleeper", () => {
    const [histogram] = described("runqlat", "runqlat", "cpu-bursts.txt");
    expect(histogram?.shape?.verdict).toBe("multimodal");
    expect(histogram?.shape?.modes).toHaveLength(2);
    // The burst hump: 1024-2047 us holds 1140 of 8148 wake-ups (cpu-bursts.txt), inside the second mode.
    const second = histogram?.shape?.modes[1];
    expect(second?.low).toBeLessThanOrEqual(1024);
    expect(second?.high).toBeGreaterThanOrEqual(2048);
    expect(second?.peak).toBeGreaterThan(1024);
    expect(second?.peak).toBeLessThan(2048);
  });

  it.each([
    ["runqlat", "runqlat", "quiet.txt"],
    ["biolatency", "biolatency", "per-disk.txt"],
    ["biolatency", "biolatency", "direct-io.txt"],
  ])("does not flag a normal %s capture (%s/%s)", (tool, ...path) => {
    for (const histogram of described(tool, ...path)) {
      expect(histogram.shape?.verdict).not.toBe("multimodal");
    }
  });
});

describe("peer-corpus runs whose authors describe two modes", () => {
  it.each([
    ["bcc runqlat, heavy load ('The distribution is bimodal')", "runqlat", ["peer", "bcc", "runqlat", "bimodal-usecs.txt"], {}],
    ["bcc cpudist, loaded ('A bimodal distribution is now clearly visible')", "cpudist", ["peer", "bcc", "cpudist", "one-process.txt"], {}],
    ["bcc ext4dist read ('a bi-modal distribution for read latency')", "ext4dist", ["peer", "bcc", "ext4dist", "per-operation.txt"], { operation: "read" }],
    ["bcc xfsdist read ('a bi-modal distribution for read latency')", "xfsdist", ["peer", "bcc", "xfsdist", "per-operation.txt"], { operation: "read" }],
    ["bpftrace biolatency ('two modes visible')", "biolatency", ["peer", "bpftrace", "biolatency", "kprobe-bimodal.txt"], {}],
    ["bpftrace runqlat, second mode between 8 and 16 ms", "runqlat", ["peer", "bpftrace", "runqlat", "two-on-one-cpu.txt"], {}],
  ] as const)("%s is multimodal", (_label, tool, path, labels) => {
    const histograms = described(tool, ...path).filter((h) => Object.entries(labels).every(([key, value]) => h.labels[key] === value));
    expect(histograms.length).toBeGreaterThan(0);
    expect(histograms.some((histogram) => histogram.shape?.verdict === "multimodal")).toBe(true);
  });

  it("describes a histogram seen before (an interval step judged it already) from memory, with the same result", () => {
    const [histogram] = described("runqlat", "runqlat", "cpu-bursts.txt");
    const analyze = ANALYZERS.runqlat;
    const parsed = analyze?.(readFixture("runqlat", "cpu-bursts.txt")).measurements.find((m): m is HistogramMeasurement => m.kind === "histogram");
    if (parsed === undefined || histogram === undefined) throw new Error("cpu-bursts.txt has a runqlat histogram");
    const again = describeHistogram(parsed);
    // The same objects: no second bootstrap.
    expect(again.shape).toBe(histogram.shape);
    expect(again.quantiles).toBe(histogram.quantiles);
    // One wake-up more is another histogram, with its own test.
    const changed = describeHistogram({ ...parsed, buckets: parsed.buckets.map((b, i) => (i === 0 ? { ...b, count: b.count + 1 } : b)) });
    expect(changed.shape).not.toBe(histogram.shape);
    expect(changed.shape?.verdict).toBe("multimodal");
  });
});
