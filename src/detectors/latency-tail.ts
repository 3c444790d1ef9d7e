// Decides whether a described latency histogram has a tail or hump above a threshold, and says why.

import type { HistogramMeasurement, Mode } from "../model/measurement.js";
import { highestQuantile, maxObserved, toMicros } from "./describe-histogram.js";

const percent = (mass: number): string => `${(mass * 100).toFixed(mass < 0.01 ? 2 : 1)}%`;

// Share of all events that must lie at or above the threshold for a hump that peaks below it, or a tail, to count:
// what a p99 at the threshold would mean.
const SLOW_SHARE = 0.01;

// Share of all events at or above the threshold (whole buckets), within a hump's range when one is given.
const shareAbove = (histogram: HistogramMeasurement, minUs: number, mode?: Mode): number => {
  const inRange = (low: number): boolean => mode === undefined || (low >= mode.low && low < mode.high);
  const above = histogram.buckets
    .filter((bucket) => inRange(bucket.low) && toMicros(bucket.low, histogram.unit) >= minUs)
    .reduce((sum, bucket) => sum + bucket.count, 0);
  return histogram.total > 0 ? above / histogram.total : 0;
};

// Why a later hump is slow: it peaks at or above the threshold, or holds at least 1% of all events there; undefined
// when it is not. Its upper edge alone is not enough: on an idle box runqlat showed humps at 2-7 and 16-31 us, and
// the second one's range ran to 4096 us because of two stray waits (of 417), which made a healthy box look like
// cpu-contention.
const slowHump = (histogram: HistogramMeasurement, mode: Mode, pValue: number | null, minUs: number): string | undefined => {
  const { unit } = histogram;
  const base = `a second hump at ${mode.low}-${mode.high} ${unit} holds ${percent(mode.mass)} of events (p = ${pValue?.toFixed(3)})`;
  if (toMicros(mode.peak, unit) >= minUs) return base;
  const share = shareAbove(histogram, minUs, mode);
  return share >= SLOW_SHARE ? `${base}, ${percent(share)} at or above the ${minUs} us threshold` : undefined;
};

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
    for (const mode of shape.modes.slice(1)) {
      const reason = slowHump(histogram, mode, shape.pValue, minUs);
      if (reason !== undefined) reasons.push(reason);
    }
  }
  // A tail past the threshold, for samples too small for a p99, when it holds 1% of the events (as a p99 there would).
  const tailShare = shareAbove(histogram, minUs);
  if (shape && shape.tail !== "none" && reasons.length === 0 && toMicros(maxObserved(histogram), unit) > minUs && tailShare >= SLOW_SHARE) {
    reasons.push(`a ${shape.tail} tail reaches ${maxObserved(histogram)} ${unit} (${percent(tailShare)} of events at or above the ${minUs} us threshold)`);
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
