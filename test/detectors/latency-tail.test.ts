import { describe, expect, it } from "vitest";
import { describeHistogram } from "../../src/detectors/describe-histogram.js";
import { latencyTailReasons } from "../../src/detectors/latency-tail.js";
import type { HistogramMeasurement } from "../../src/model/measurement.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

// Parses runqlat text and describes its histogram, as a step does.
const described = (text: string): HistogramMeasurement => {
  const histogram = ANALYZERS.runqlat?.(text).measurements.find((m): m is HistogramMeasurement => m.kind === "histogram");
  if (histogram === undefined) throw new Error("no runqlat histogram in the text");
  return describeHistogram(histogram);
};

// The counts runqlat printed in 10 s on the healthy scenario (bench:diagnose, fixed checklist, as its report shows
// them): wake-ups at 2-7 us and at 16-31 us, and two stray waits at 2-4 ms. Typed in from that report, not a capture.
const idleBox = (strayWaits: readonly [number, number, number]): string => `Tracing run queue latency... Hit Ctrl-C to end.

     usecs               : count    distribution
         0 -> 1          : 4        |*                                       |
         2 -> 3          : 131      |***********************************     |
         4 -> 7          : 66       |******************                      |
         8 -> 15         : 51       |*************                           |
        16 -> 31         : 146      |****************************************|
        32 -> 63         : 10       |**                                      |
        64 -> 127        : 3        |                                        |
       128 -> 255        : 0        |                                        |
       256 -> 511        : 4        |*                                       |
       512 -> 1023       : 0        |                                        |
      1024 -> 2047       : ${strayWaits[0]}        |                                        |
      2048 -> 4095       : ${strayWaits[1]}        |                                        |
      4096 -> 8191       : ${strayWaits[2]}        |                                        |
`;

describe("a later hump is slow only when it peaks past the threshold or holds 1% of events there", () => {
  it("two fast humps whose second one ends in two stray 2-4 ms waits are not a run-queue tail", () => {
    const histogram = described(idleBox([0, 2, 0]));
    expect(histogram.shape?.verdict).toBe("multimodal");
    const second = histogram.shape?.modes[1];
    expect(second?.high).toBe(4096);
    expect(second?.peak).toBeLessThan(32);
    expect(latencyTailReasons(histogram, 1000)).toEqual([]);
  });

  it("the same humps with 1.4% of all wake-ups waiting 1-8 ms are, and the reason says how many waited that long", () => {
    const histogram = described(idleBox([2, 2, 2]));
    expect(histogram.total).toBe(421);
    expect(histogram.shape?.modes[1]?.peak).toBeLessThan(32);
    expect(latencyTailReasons(histogram, 1000)).toEqual([
      "a second hump at 8-8192 usecs holds 52.3% of events (p = 0.001), 1.4% at or above the 1000 us threshold",
    ]);
  });

  it("a hump peaking past the threshold still counts (CPU bursts next to a sleeper, a real capture)", () => {
    const histogram = described(readFixture("runqlat", "cpu-bursts.txt"));
    expect(latencyTailReasons(histogram, 1000)).toContainEqual(expect.stringMatching(/^a second hump at \d+-\d+ usecs holds/));
  });

  it("a tail past the threshold needs 1% of the events there too: two waits of 992 at 2-4 ms are not a tail", () => {
    // Another 10 s of runqlat on the healthy scenario (bench:diagnose, fixed checklist), typed in from its report.
    const rows = [11, 336, 151, 81, 328, 70, 10, 1, 1, 1, 0, 2];
    const text = `Tracing run queue latency... Hit Ctrl-C to end.\n\n     usecs               : count    distribution\n${rows
      .map((count, slot) => `${slot === 0 ? 0 : 2 ** slot} -> ${2 ** (slot + 1) - 1} : ${count} |*|`)
      .join("\n")}\n`;
    const healthy = described(text);
    expect(healthy.total).toBe(992);
    expect(healthy.shape?.tail).not.toBe("none");
    expect(latencyTailReasons(healthy, 1000)).toEqual([]);
    // Ten times as many slow waits (20 of 1010, 2%): now the tail counts.
    const slow = described(text.replace("2048 -> 4095 : 2 |", "2048 -> 4095 : 20 |"));
    expect(latencyTailReasons(slow, 1000).join("; ")).toMatch(/at or above the 1000 us threshold/);
  });
});
