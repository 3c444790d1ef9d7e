// Decides whether a described latency histogram has a tail or hump above a threshold, and says why.

import type { HistogramMeasurement } from "../model/measurement.js";
import { highestQuantile, maxObserved, toMicros } from "./describe-histogram.js";

const percent = (mass: number): string => `${(mass * 100).toFixed(mass < 0.01 ? 2 : 1)}%`;

// Lists the reasons a histogram counts as slow; an empty list means it does not.
export const latencyTailReasons = (histogram: HistogramMeasurement, minUs: number): string[] => {
  const { unit, quantiles, shape } = histogram;
  const reasons: string[] = [];
  // The highest quantile the sample supports: a small sample of uniformly slow events still counts.
  const highest = highestQuantile(quantiles, ["p99", "p90", "p50"]);
  if (highest !== undefined && toMicros(highest.value, unit) >= minUs) {
    reasons.push(`${highest.key} ${highest.value.toFixed(0)} ${unit} is at or above the ${minUs} us threshold`);
  }
  if (shape?.verdict === "multimodal") {
    const upper = shape.modes.slice(1).filter((mode) => toMicros(mode.high, unit) > minUs);
    for (const mode of upper) {
      reasons.push(`a second hump at ${mode.low}-${mode.high} ${unit} holds ${percent(mode.mass)} of events (p = ${shape.pValue?.toFixed(3)})`);
    }
  }
  if (shape && shape.tail !== "none" && toMicros(maxObserved(histogram), unit) > minUs && reasons.length === 0) {
    reasons.push(`a ${shape.tail} tail reaches ${maxObserved(histogram)} ${unit}`);
  }
  return reasons;
};

// Enough samples for a p99 that does not hinge on a handful of events (n (1 - 0.99) >= 10).
const MIN_DECISIVE_SAMPLES = 1000;

// True when more data would not change the call: a significant hump, a p99 far past the threshold,
// or a large sample whose p99 sits well below it. Interval probes stop early once this holds.
export const isDecisive = (histogram: HistogramMeasurement, minUs: number, slow: boolean): boolean => {
  const p99 = histogram.quantiles?.p99 ?? null;
  const p99Us = p99 === null ? null : toMicros(p99, histogram.unit);
  const enough = histogram.total >= MIN_DECISIVE_SAMPLES;
  if (slow) return histogram.shape?.verdict === "multimodal" || (enough && p99Us !== null && p99Us >= 2 * minUs);
  return enough && p99Us !== null && p99Us <= minUs / 2 && histogram.shape?.verdict !== "multimodal";
};
