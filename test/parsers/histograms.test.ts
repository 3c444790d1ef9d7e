import { describe, expect, it } from "vitest";
import type { HistogramMeasurement, SeriesMeasurement } from "../../src/model/measurement.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

const analyze = (tool: string, ...path: string[]) => {
  const parsed = ANALYZERS[tool]?.(readFixture(...path), path.join("/"));
  if (parsed === undefined) throw new Error(`no analyzer for ${tool}`);
  return parsed;
};
const histograms = (tool: string, ...path: string[]): HistogramMeasurement[] =>
  analyze(tool, ...path).measurements.filter((m): m is HistogramMeasurement => m.kind === "histogram");
const series = (tool: string, ...path: string[]): SeriesMeasurement[] =>
  analyze(tool, ...path).measurements.filter((m): m is SeriesMeasurement => m.kind === "series");
const counts = (histogram: HistogramMeasurement | undefined): number[] => histogram?.buckets.map((bucket) => bucket.count) ?? [];

describe("cpudist (log2 histograms)", () => {
  it("reads the bcc example's bimodal on-CPU histogram", () => {
    const [usecs] = histograms("cpudist", "peer", "bcc", "cpudist", "lock-contention.txt");
    // bcc tools/cpudist_example.txt lines 39-53.
    expect(counts(usecs)).toEqual([51, 395, 259, 61, 75, 31, 7, 5, 3, 5, 6, 4, 1361, 523, 3]);
    expect(usecs?.total).toBe(2789);
  });

  it("reads -TP sections `pid = N` with their interval timestamps", () => {
    const all = histograms("cpudist", "peer", "bcc", "cpudist", "per-pid-intervals.txt");
    expect(all.map((m) => [m.timestamp, m.labels.pid])).toEqual([
      ["03:46:51", "0"], ["03:46:51", "5068"], ["03:46:56", "0"], ["03:46:56", "5068"], ["03:47:01", "0"], ["03:47:01", "5068"],
    ]);
    // Lines 93-105: pid = 0 in the first interval.
    expect(counts(all[0])).toEqual([0, 1, 17, 11, 20, 15, 9, 6, 0, 0, 0, 1]);
  });

  it("reads -mL per-thread msecs sections", () => {
    const all = histograms("cpudist", "peer", "bcc", "cpudist", "per-tid-msecs.txt");
    expect(all.map((m) => m.labels.tid)).toEqual(["5092", "5093", "5094", "5095", "5096", "5097", "5098", "5099"]);
    // Lines 213-218: tid = 5092.
    expect(all[0]?.unit).toBe("msecs");
    expect(counts(all[0])).toEqual([3, 4, 4, 535, 14]);
  });

  it("reads this machine's libbpf-tools captures", () => {
    const [bursts] = histograms("cpudist", "cpudist", "cpu-bursts.txt");
    // fixtures/cpudist/cpu-bursts.txt lines 4-17.
    expect(counts(bursts)).toEqual([11, 129, 42, 25, 15, 16, 37, 65, 125, 418, 1689, 563, 82, 4]);
    expect(analyze("cpudist", "cpudist", "cpu-bursts.txt").flavour).toBe("libbpf-tools");
    const perPid = histograms("cpudist", "cpudist", "per-pid.txt");
    expect(perPid).toHaveLength(11);
    expect(perPid.filter((m) => m.labels.comm === "burst-hog")).toHaveLength(4);
    const offcpu = histograms("cpudist", "cpudist", "offcpu-msecs-intervals.txt");
    expect(offcpu.map((m) => m.timestamp)).toEqual(["04:56:41", "04:56:42", "04:56:43"]);
    // fixtures/cpudist/offcpu-msecs-intervals.txt lines 5-14.
    expect(counts(offcpu[0])).toEqual([1203, 245, 232, 237, 109, 106, 31, 11, 5, 1]);
  });
});

describe("ext4dist and xfsdist (log2 histograms per operation)", () => {
  it("reads quoted `operation = 'read'` sections", () => {
    const all = histograms("ext4dist", "peer", "bcc", "ext4dist", "per-operation.txt");
    expect(all.map((m) => m.labels.operation)).toEqual(["read", "write", "open"]);
    // bcc tools/ext4dist_example.txt lines 13-26: the bimodal read latency.
    expect(counts(all[0])).toEqual([1210, 126, 376, 86, 9, 47, 6, 24, 137, 66, 13, 7, 13, 3]);
  });

  it("reads `HH:MM:SS:` interval stamps with a trailing colon", () => {
    const all = histograms("ext4dist", "peer", "bcc", "ext4dist", "msecs-intervals.txt");
    expect(all).toHaveLength(15);
    // Lines 68-78: 10:19:00, read in msecs.
    expect(all[0]).toMatchObject({ timestamp: "10:19:00", unit: "msecs", labels: { operation: "read" } });
    expect(counts(all[0])).toEqual([576, 5, 6, 13, 17, 5, 1]);
  });

  it("reads xfsdist the same way", () => {
    const all = histograms("xfsdist", "peer", "bcc", "xfsdist", "per-operation.txt");
    // bcc tools/xfsdist_example.txt lines 13-25 and 29-30.
    expect(counts(all[0])).toEqual([0, 362, 807, 20686, 512, 4, 2744, 7127, 2483, 1281, 39, 5, 1]);
    expect(counts(all[1])).toEqual([0, 3]);
    expect(all[1]?.labels).toEqual({ operation: "open" });
  });
});

describe("runqlen (linear histograms and occupancy series)", () => {
  it("reads a linear histogram as [v, v + 1) buckets", () => {
    const [runqlen] = histograms("runqlen", "peer", "bcc", "runqlen", "loaded.txt");
    // bcc tools/runqlen_example.txt lines 24-32.
    expect(counts(runqlen)).toEqual([1068, 642, 369, 183, 104, 42, 13, 2, 1]);
    expect(runqlen?.buckets[8]).toEqual({ low: 8, high: 9, count: 1 });
    expect(runqlen).toMatchObject({ unit: "runqlen", scale: "linear", total: 2424 });
  });

  it("reads `cpu = N` sections", () => {
    const all = histograms("runqlen", "peer", "bcc", "runqlen", "per-cpu.txt");
    expect(all.map((m) => m.labels.cpu)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    // Lines 91-99: cpu = 3 has every sample at a queue length of 7.
    expect(counts(all[3])).toEqual([0, 0, 0, 0, 0, 0, 0, 327]);
  });

  it("reads -T interval histograms", () => {
    const all = histograms("runqlen", "peer", "bcc", "runqlen", "intervals.txt");
    expect(all.map((m) => m.timestamp)).toEqual(["19:51:34", "19:51:35", "19:51:36", "19:51:37", "19:51:38"]);
    // Lines 179-190: a single sample at 11.
    expect(all[3]?.buckets.at(-1)).toEqual({ low: 11, high: 12, count: 1 });
  });

  it("reads runqocc lines into a series", () => {
    const [occupancy] = series("runqlen", "peer", "bcc", "runqlen", "occupancy.txt");
    // Lines 210-223.
    expect(occupancy?.columns).toEqual(["TIME", "runqocc"]);
    expect(occupancy?.rows.map((row) => row.runqocc)).toEqual([41.09, 41.85, 41.47, 42.35, 40.83]);
    const [perCpu] = series("runqlen", "peer", "bcc", "runqlen", "occupancy-per-cpu.txt");
    expect(perCpu?.columns).toEqual(["TIME", "CPU", "runqocc"]);
    expect(perCpu?.rows).toHaveLength(32);
    // Line 235: `runqocc, CPU 3   100.00%` at 19:55:03.
    expect(perCpu?.rows[3]).toEqual({ TIME: "19:55:03", CPU: 3, runqocc: 100 });
  });
});

describe("biolatency -j (Python dict lines) and -e (extension lines)", () => {
  it("reads a dict line without eval", () => {
    const [usecs] = histograms("biolatency", "peer", "bcc", "biolatency", "json-usecs.txt");
    // bcc tools/biolatency_example.txt line 326.
    expect(usecs).toMatchObject({ unit: "usecs", timestamp: "2020-12-30 14:33:03", labels: {}, total: 124 });
    expect(counts(usecs)).toEqual([0, 0, 0, 0, 0, 2, 75, 7, 0, 6, 3, 31]);
    expect(usecs?.buckets[11]).toEqual({ low: 2048, high: 4096, count: 31 });
  });

  it("reads 'Bucket ptr': b'sda' as the disk and 'flags' as flags", () => {
    const [disk] = histograms("biolatency", "peer", "bcc", "biolatency", "json-disk.txt");
    // Line 342.
    expect(disk?.labels).toEqual({ disk: "sda" });
    expect(counts(disk)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 6, 1, 3]);
    const flags = histograms("biolatency", "peer", "bcc", "biolatency", "json-flags.txt");
    // Lines 333-336.
    expect(flags.map((m) => [m.labels.flags, m.total])).toEqual([["Sync-Write", 4], ["Unknown", 5], ["Write", 1], ["Flush", 4]]);
    const [msecs] = histograms("biolatency", "peer", "bcc", "biolatency", "json-msecs.txt");
    // Line 348.
    expect(msecs).toMatchObject({ unit: "msecs", total: 14 });
  });

  it("keeps the avg/total/count line as an extension note after its histogram", () => {
    const parsed = analyze("biolatency", "peer", "bcc", "biolatency", "extended.txt");
    // bcc tools/biolatency_example.txt lines 300-314: 25 I/Os, then `avg = 663 usecs, total: 16575 usecs, count: 25`.
    expect(parsed.measurements).toHaveLength(1);
    expect(parsed.measurements[0]).toMatchObject({ kind: "histogram", total: 25 });
    expect(parsed.notes.filter((note) => note.kind === "extension")).toEqual([
      { line: 16, kind: "extension", text: "avg = 663 usecs, total: 16575 usecs, count: 25" },
    ]);
  });
});

describe("noise around histograms", () => {
  it("keeps a bcc traceback and ERROR lines as notes", () => {
    const text = [
      "Tracing on-CPU time... Hit Ctrl-C to end.",
      "Traceback (most recent call last):",
      '  File "/usr/sbin/cpudist-bpfcc", line 249, in <module>',
      '    b.attach_kprobe(event_re=r"^finish_task_switch$|^finish_task_switch\\.isra\\.\\d$", fn_name="sched_switch")',
      "Exception: Failed to attach BPF program sched_switch to kprobe finish_task_switch",
      "ERROR: no kprobes",
    ].join("\n");
    const parsed = ANALYZERS.cpudist?.(text);
    expect(parsed?.measurements).toEqual([]);
    expect(parsed?.notes.map((note) => note.kind)).toEqual(["banner", "traceback", "traceback", "traceback", "traceback", "error"]);
  });
});
