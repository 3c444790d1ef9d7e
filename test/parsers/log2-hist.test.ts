import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/model/errors.js";
import { parseBiolatency } from "../../src/probes/biolatency.js";
import { parseRunqlat } from "../../src/probes/runqlat.js";
import { readFixture } from "../helpers/fixtures.js";

// Counts as printed in the capture, read by eye from the file.
const counts = (text: string, tool: "runqlat" | "biolatency", index = 0): number[] => {
  const parsed = tool === "runqlat" ? parseRunqlat(text) : parseBiolatency(text);
  return parsed.measurements[index]?.buckets.map((bucket) => bucket.count) ?? [];
};

describe("parseLog2Hist on captures from this machine (libbpf-tools 0.26)", () => {
  it("reads runqlat under CPU bursts bucket by bucket", () => {
    const parsed = parseRunqlat(readFixture("runqlat", "cpu-bursts.txt"));
    expect(parsed.flavour).toBe("libbpf-tools");
    expect(parsed.measurements).toHaveLength(1);
    const [histogram] = parsed.measurements;
    expect(histogram?.unit).toBe("usecs");
    expect(histogram?.total).toBe(8148);
    expect(histogram?.topCensored).toBe(false);
    expect(histogram?.buckets[0]).toEqual({ low: 0, high: 2, count: 2 });
    expect(histogram?.buckets[8]).toEqual({ low: 256, high: 512, count: 81 });
    expect(counts(readFixture("runqlat", "cpu-bursts.txt"), "runqlat")).toEqual([2, 1446, 3081, 1218, 283, 180, 11, 21, 81, 155, 1140, 437, 93]);
  });

  it("reads msecs histograms", () => {
    const parsed = parseRunqlat(readFixture("runqlat", "cpu-bursts-msecs.txt"));
    expect(parsed.measurements[0]?.unit).toBe("msecs");
    expect(counts(readFixture("runqlat", "cpu-bursts-msecs.txt"), "runqlat")).toEqual([7687, 237, 230, 2]);
  });

  it("reads interval output with HH:MM:SS lines into one histogram per interval", () => {
    const parsed = parseRunqlat(readFixture("runqlat", "interval-timestamps.txt"));
    expect(parsed.measurements.map((m) => m.timestamp)).toEqual(["04:30:07", "04:30:08", "04:30:09", "04:30:10", "04:30:11"]);
  });

  it("reads per-process sections `pid = N comm` into labels", () => {
    const parsed = parseRunqlat(readFixture("runqlat", "per-pid.txt"));
    expect(parsed.measurements).toHaveLength(37);
    const probe = parsed.measurements.find((m) => m.labels.comm === "latency-probe");
    expect(probe?.labels.pid).toBe("4118");
    expect(probe?.total).toBe(3122);
    const hogs = parsed.measurements.filter((m) => m.labels.comm === "burst-hog");
    expect(hogs.map((m) => m.labels.pid).sort()).toEqual(["4114", "4115", "4116", "4117"]);
  });

  it("reads biolatency -D sections whose header ends in a TAB", () => {
    const parsed = parseBiolatency(readFixture("biolatency", "per-disk.txt"));
    expect(parsed.measurements).toHaveLength(1);
    expect(parsed.measurements[0]?.labels).toEqual({ disk: "vda" });
    expect(parsed.measurements[0]?.total).toBe(202572);
    expect(counts(readFixture("biolatency", "per-disk.txt"), "biolatency")).toEqual([0, 0, 0, 40, 41476, 158084, 1892, 875, 195, 5, 5]);
  });

  it("treats a banner-only run (nothing happened) as no measurements, not an error", () => {
    const parsed = parseBiolatency(readFixture("biolatency", "quiet-1s.txt"));
    expect(parsed.measurements).toEqual([]);
  });
});

describe("parseLog2Hist on bcc layouts from the peer corpus", () => {
  it("reads the bcc Python layout (5 spaces before distribution)", () => {
    const parsed = parseRunqlat(readFixture("peer", "bcc", "runqlat", "bimodal-usecs.txt"));
    expect(parsed.flavour).toBe("bcc");
    // bcc tools/runqlat_example.txt lines 13-28: the bimodal run, counts read off the file.
    expect(parsed.measurements[0]?.buckets.map((b) => b.count)).toEqual([233, 742, 203, 173, 24, 0, 30, 6, 3, 5, 27, 30, 20, 29, 809, 64]);
  });

  it("reads the 2015 narrow layout and the old `Bucket disk = 'xvdb'` headers", () => {
    const narrow = parseBiolatency(readFixture("peer", "bcc", "biolatency", "narrow-2015.txt"));
    expect(narrow.flavour).toBe("bcc-2015");
    expect(narrow.measurements[0]?.total).toBe(1 + 12 + 15 + 43 + 52 + 47 + 52 + 36 + 15 + 2 + 2);
    const perDisk = parseBiolatency(readFixture("peer", "bcc", "biolatency", "per-disk.txt"));
    expect(perDisk.measurements.map((m) => m.labels.disk)).toEqual(["xvdb", "xvdc", "xvda1"]);
  });

  it("reads bars ending in `+` and -T timestamps", () => {
    const parsed = parseBiolatency(readFixture("peer", "bcc", "biolatency", "timestamps-plus-bar.txt"));
    const plus = parsed.measurements.find((m) => m.timestamp === "06:20:19");
    expect(plus?.unit).toBe("msecs");
    expect(plus?.buckets.map((b) => b.count)).toEqual([522, 225, 38, 8, 1]);
  });
});

describe("parseLog2Hist errors", () => {
  const expectParseError = (run: () => unknown, line: number, fragment: string): void => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      const parseError = error as ParseError;
      expect(parseError.details.line).toBe(line);
      expect(parseError.message).toContain(fragment);
      return;
    }
    throw new Error("expected a ParseError");
  };

  it("rejects empty input", () => expectParseError(() => parseRunqlat(""), 1, "received empty input"));

  it("rejects garbage at its first line", () => expectParseError(() => parseRunqlat("\u0000\u0001garbage\nmore"), 1, "expected a runqlat banner"));

  it("rejects a truncated row with its line number", () => {
    const lines = readFixture("runqlat", "cpu-bursts.txt").split("\n").slice(0, 9);
    expectParseError(() => parseRunqlat(`${lines.join("\n")}\n       512 -> 10`), 10, "a complete bucket row");
  });

  it("rejects another tool's output (runqslower given to runqlat)", () =>
    expectParseError(() => parseRunqlat(readFixture("runqslower", "prev-task.txt")), 1, "Tracing run queue latency higher than"));

  it("rejects rows that skip a bucket", () =>
    expectParseError(() => parseRunqlat("     usecs : count    distribution\n  0 -> 1 : 3 |*|\n  4 -> 7 : 2 |*|\n"), 3, "to start at 2"));
});
