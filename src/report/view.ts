// Prepares the report object for the markdown template: every string the template prints is made here.

import type { HistogramMeasurement, Measurement } from "../model/measurement.js";
import type { Report, RootCause } from "../model/report.js";
import { drawHistogram } from "./draw-histogram.js";

export interface HistogramView {
  title: string;
  drawing: string;
  shapeLine: string;
}

export interface EventsView {
  title: string;
  table: string;
}

// Describes the shape statistics of a histogram in one line.
export const describeShape = (histogram: HistogramMeasurement): string => {
  const shape = histogram.shape;
  if (shape === undefined) return "shape: not analysed";
  const p = shape.pValue === null ? "" : ` (unimodality test p = ${shape.pValue.toFixed(3)})`;
  const modes = shape.modes.map((mode) => `${mode.low}-${mode.high} ${histogram.unit} peaking near ${mode.peak.toFixed(0)} (${(mode.mass * 100).toFixed(1)}%)`);
  const humps = modes.length > 0 ? `; humps: ${modes.join("; ")}` : "";
  return `shape: ${shape.verdict}${p}${humps}; tail: ${shape.tail}`;
};

// Names a histogram after its labels, e.g. "disk = vda".
export const labelTitle = (measurement: HistogramMeasurement): string => {
  const labels = Object.entries(measurement.labels).map(([key, value]) => `${key} = ${value}`);
  return labels.length > 0 ? labels.join(", ") : "all";
};

// Renders the slowest events of an events measurement as a small fixed-width table.
export const eventsTable = (columns: string[], rows: Array<Record<string, string | number>>, limit: number): string => {
  const latency = columns.find((column) => column.startsWith("LAT"));
  const sorted = latency ? [...rows].sort((a, b) => Number(b[latency]) - Number(a[latency])) : rows;
  const shown = sorted.slice(0, limit);
  const widths = columns.map((column) => Math.max(column.length, ...shown.map((row) => String(row[column] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const body = shown.map((row) => line(columns.map((column) => String(row[column] ?? ""))));
  const more = rows.length > limit ? [`... ${rows.length - limit} more events`] : [];
  return [line(columns), ...body, ...more].join("\n");
};

// Builds the template's view of one step's measurements.
const measurementViews = (measurements: Measurement[]) => ({
  histograms: measurements
    .filter((m): m is HistogramMeasurement => m.kind === "histogram")
    .map((m) => ({ title: labelTitle(m), drawing: drawHistogram(m), shapeLine: describeShape(m) })),
  events: measurements.flatMap((m) =>
    m.kind === "events" ? [{ title: `${m.rows.length} events, slowest first`, table: eventsTable(m.columns, m.rows, 15) }] : [],
  ),
});

const confidenceText = (cause: RootCause): string => `${Math.round(cause.confidence * 100)}%`;

// The whole view model of the markdown report.
export const buildReportView = (report: Report) => ({
  ...report,
  title: `bpftriage report: ${report.host.hostname}`,
  verdictUpper: report.verdict.toUpperCase(),
  durationText: `${(report.durationMs / 1000).toFixed(1)} s`,
  rootCauses: report.rootCauses.map((cause, index) => ({
    ...cause,
    rank: index + 1,
    confidenceText: confidenceText(cause),
    culpritLines: cause.culprits.map((c) => `${c.kind} \`${c.name}\`${c.pid === undefined ? "" : ` (pid ${c.pid})`}${c.share === undefined ? "" : `: ${Math.round(c.share * 100)}%`}`),
  })),
  pathText: report.path.join(" -> ") || "(no step ran)",
  steps: report.steps.map((step) => ({
    ...step,
    seconds: (step.durationMs / 1000).toFixed(1),
    flavourText: step.flavour ?? "-",
    observerText:
      step.overhead === undefined
        ? "-"
        : `${step.overhead.toolCpuMs} ms CPU${step.overhead.bpfRunTimeNs === null ? "" : `, BPF ${(step.overhead.bpfRunTimeNs / 1e6).toFixed(1)} ms`}`,
    command: step.argv?.join(" "),
    ...measurementViews(step.measurements),
  })),
  overheadText: [
    `tracing tools: ${report.overhead.toolsCpuMs} ms CPU`,
    `bpftriage: ${report.overhead.selfCpuMs} ms CPU`,
    `together ${(report.overhead.machineShare * 100).toFixed(2)}% of the machine's CPU over the run`,
    report.overhead.bpfRunTimeMs === null
      ? `BPF program run time: not measured (${report.overhead.bpfNote ?? "unknown reason"})`
      : `BPF programs: ${report.overhead.bpfRunTimeMs} ms run time`,
  ].join("; "),
});
