// Decides whether a described latency histogram has a tail or hump above a threshold, and says why.

import type { HistogramMeasurement } from "../model/measurement.js";
import { maxObserved, toMicros } from "./describe-histogram.js";

const percent = (mass: number): string => `${(mass * 100).toFixed(mass < 0.01 ? 2 : 1)}%`;

// Lists the reasons a histogram counts as slow; an empty list means it does not.
export const latencyTailReasons = (histogram: HistogramMeasurement, minUs: number): string[] => {
  const { unit, quantiles, shape } = histogram;
  const reasons: string[] = [];
  const p99 = quantiles?.p99 ?? null;
  if (p99 !== null && toMicros(p99, unit) >= minUs) {
    reasons.push(`p99 ${p99.toFixed(0)} ${unit} is at or above the ${minUs} us threshold`);
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
