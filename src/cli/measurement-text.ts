// The readable form of one measurement for `analyze` without --json.

import type { Measurement, SeriesMeasurement, Stack, StacksMeasurement } from "../model/measurement.js";
import { drawHistogram } from "../report/draw-histogram.js";
import { describeShape, eventsTable, labelTitle } from "../report/view.js";

const TOP_STACKS = 10;
const FRAMES_SHOWN = 12;
// The tracer's own frames at the top of libbpf-tools kernel stacks (the BPF program on sched_switch and its callers).
const TRACER_FRAME = /^(?:bpf_prog_[0-9a-f]+_|bpf_trace_run\d|__traceiter_)/;
const SERIES_ROWS = 30;

// The `count` stacks with the largest values, largest first, ties in input order (what a stable sort by value,
// descending, then a slice gives) in one pass: a 100,000-stack capture is not sorted to print ten.
export const topStacks = (stacks: readonly Stack[], count: number): Stack[] => {
  const top: Stack[] = [];
  for (const stack of stacks) {
    if (top.length === count && stack.value <= (top[count - 1]?.value ?? 0)) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]?.value ?? 0) < stack.value) at -= 1;
    top.splice(at, 0, stack);
    if (top.length > count) top.pop();
  }
  return top;
};

// Lists the stacks with the largest values, each with its innermost frames first.
const stacksText = (measurement: StacksMeasurement): string => {
  const { stacks } = measurement;
  const total = stacks.reduce((sum, stack) => sum + stack.value, 0);
  const top = topStacks(stacks, TOP_STACKS);
  const valueWidth = Math.max(...top.map((stack) => String(stack.value).length), 1);
  const lines = [`${stacks.length} stacks, total ${total}; top ${top.length} by value (innermost frame first):`];
  for (const stack of top) {
    const share = total > 0 ? ` ${((stack.value / total) * 100).toFixed(1)}%` : "";
    lines.push(`${String(stack.value).padStart(valueWidth)}${share}  ${stack.comm}${stack.pid === null ? "" : ` (${stack.pid})`}`);
    const hidden = stack.frames.findIndex((frame) => !TRACER_FRAME.test(frame));
    const skip = hidden === -1 ? 0 : hidden;
    const frames = stack.frames.slice(skip);
    if (skip > 0) lines.push(`    (${skip} tracer frame${skip === 1 ? "" : "s"} hidden)`);
    for (const frame of frames.slice(0, FRAMES_SHOWN)) lines.push(`    ${frame}`);
    if (frames.length > FRAMES_SHOWN) lines.push(`    ... ${frames.length - FRAMES_SHOWN} more frames`);
    if (stack.frames.length === 0) lines.push("    (no frames)");
  }
  return lines.join("\n");
};

// Min, mean and max of each numeric column, so a long interval series reads in one line per column.
const seriesSummary = (measurement: SeriesMeasurement): string[] =>
  measurement.columns.flatMap((column) => {
    const values = measurement.rows.map((row) => row[column]).filter((value): value is number => typeof value === "number");
    if (values.length === 0) return [];
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const min = values.reduce((a, b) => Math.min(a, b));
    const max = values.reduce((a, b) => Math.max(a, b));
    const round = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));
    return [`${column}: min ${round(min)}, mean ${round(mean)}, max ${round(max)}`];
  });

// Prints the series as a table (first rows) followed by per-column summaries.
const seriesText = (measurement: SeriesMeasurement): string => {
  const { columns, rows } = measurement;
  const shown = rows.slice(0, SERIES_ROWS);
  const cells = shown.map((row) => columns.map((column) => String(row[column] ?? "")));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((cell) => (cell[index] ?? "").length)));
  const line = (values: string[]): string => values.map((value, index) => value.padStart(widths[index] ?? 0)).join("  ");
  const more = rows.length > SERIES_ROWS ? [`... ${rows.length - SERIES_ROWS} more rows`] : [];
  return [`${rows.length} rows:`, line(columns), ...cells.map(line), ...more, ...seriesSummary(measurement)].join("\n");
};

// Renders a measurement: histograms redrawn with quantiles and humps, events slowest first, top stacks, series.
export const buildMeasurementText = (measurement: Measurement): string => {
  switch (measurement.kind) {
    case "histogram": {
      const stamp = measurement.timestamp === undefined ? "" : ` at ${measurement.timestamp}`;
      return `${labelTitle(measurement)}${stamp}:\n${drawHistogram(measurement)}\n${describeShape(measurement)}`;
    }
    case "events": {
      const order = measurement.columns.some((column) => column.startsWith("LAT")) ? "slowest first" : "in printed order";
      return `${measurement.rows.length} events, ${order}:\n${eventsTable(measurement.columns, measurement.rows, 20)}`;
    }
    case "stacks":
      return stacksText(measurement);
    case "series":
      return seriesText(measurement);
  }
};
