// Redraws a histogram as fixed-width text with its quantiles, marking each detected hump beside its buckets.

import type { HistogramMeasurement } from "../model/measurement.js";

const BAR_WIDTH = 40;

// Formats a bucket's range the way bcc prints it, with ">=" for a clamped top bucket.
const rangeLabel = (low: number, high: number | null, censored: boolean): string =>
  censored || high === null ? `>= ${low}` : `${low} -> ${high - 1}`;

// Returns the hump number (1-based) whose range covers the bucket, if any.
const humpOf = (histogram: HistogramMeasurement, low: number): number | undefined => {
  const modes = histogram.shape?.verdict === "multimodal" ? histogram.shape.modes : [];
  const index = modes.findIndex((mode) => low >= mode.low && low < mode.high);
  return index === -1 ? undefined : index + 1;
};

// Formats a quantile value, or a dash when the sample cannot support it.
const quantileText = (value: number | null | undefined): string => (value === null || value === undefined ? "-" : value >= 100 ? value.toFixed(0) : value.toFixed(1));

// Draws the histogram between its first and last non-empty bucket.
export const drawHistogram = (histogram: HistogramMeasurement): string => {
  const { buckets, unit } = histogram;
  const first = buckets.findIndex((bucket) => bucket.count > 0);
  const last = buckets.length - 1 - [...buckets].reverse().findIndex((bucket) => bucket.count > 0);
  if (first === -1) return `${unit}: no events`;
  const shown = buckets.slice(first, last + 1);
  const max = Math.max(...shown.map((bucket) => bucket.count));
  const labels = shown.map((bucket, index) => rangeLabel(bucket.low, bucket.high, histogram.topCensored && first + index === buckets.length - 1));
  const labelWidth = Math.max(unit.length, ...labels.map((label) => label.length));
  const countWidth = Math.max(5, ...shown.map((bucket) => String(bucket.count).length));
  const lines = [`${unit.padStart(labelWidth)} : ${"count".padEnd(countWidth)} distribution`];
  shown.forEach((bucket, index) => {
    const stars = "*".repeat(Math.floor((bucket.count * BAR_WIDTH) / max)).padEnd(BAR_WIDTH);
    const hump = humpOf(histogram, bucket.low);
    const marker = hump === undefined ? "" : ` <- hump ${hump}`;
    lines.push(`${(labels[index] ?? "").padStart(labelWidth)} : ${String(bucket.count).padEnd(countWidth)} |${stars}|${marker}`);
  });
  const q = histogram.quantiles;
  lines.push("");
  lines.push(
    `total ${histogram.total}; p50 ${quantileText(q?.p50)}, p90 ${quantileText(q?.p90)}, p99 ${quantileText(q?.p99)}, p99.9 ${quantileText(q?.p999)} ${unit}`,
  );
  return lines.join("\n");
};
