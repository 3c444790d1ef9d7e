// Parses bcc Python and libbpf-tools linear histograms (FORMATS.md 1.2, 1.5; runqlen), with `cpu = N` sections,
// `HH:MM:SS` interval lines, and runqlen -O occupancy lines (`runqocc: 41.09%`, `runqocc, CPU 0    32.32%`),
// which become one series measurement per run with columns TIME (with -T), CPU (with -C) and runqocc (percent).
//
// A printed value v is the bucket [v, v + step). bcc prints every row from 0; libbpf-tools skips zero rows,
// which are filled back in so the buckets stay contiguous.

import type { Bucket, HistogramMeasurement, SeriesMeasurement } from "../model/measurement.js";
import { createLineScanner, forEachLine } from "./line-scanner.js";
import type { Note } from "./noise.js";
import { stripInterrupt } from "./noise.js";
import { parseSectionHeader } from "./section-header.js";

export type LinearFlavour = "bcc" | "libbpf-tools" | "unknown";

export interface LinearHistOptions {
  tool: string;
  // Labels this tool prints in the header (`runqlen`); another label is the wrong tool's output.
  units: readonly string[];
  banners: readonly RegExp[];
  step?: number;
  // libbpf-tools clamp into their last slot (runqlen: 32 slots), so a bucket at MAX-1 means "at least".
  libbpfMaxSlots?: number;
  source?: string;
}

export interface LinearHistResult {
  flavour: LinearFlavour;
  measurements: Array<HistogramMeasurement | SeriesMeasurement>;
  notes: Note[];
}

const HEADER = /^\s*(\S+)\s+:\s+count\s+distribution\s*$/;
const ROW = /^\s+(\d+)\s+:\s+(\d+)\s*(?:\|[*+ ]*\|?\s*)?$/;
const ROW_START = /^\s+\d+\s+:/;
const TIMESTAMP = /^(\d{2}:\d{2}:\d{2}):?\s*$/;
// Zero rows that libbpf-tools left out are filled back in; a larger jump is a corrupted row, not a histogram.
const MAX_GAP = 1024;
const OCCUPANCY = /^runqocc(?::|, CPU (\d+))\s+(\d+(?:\.\d+)?)%\s*$/;

interface OpenHistogram {
  unit: string;
  labels: Record<string, string>;
  timestamp: string | undefined;
  rows: Array<{ value: number; count: number }>;
  headerLine: number;
}

// Parses every linear histogram and occupancy line of a capture; throws ParseError on malformed rows.
export const parseLinearHist = (text: string, options: LinearHistOptions): LinearHistResult => {
  const scanner = createLineScanner(options.tool, text, options.source);
  const { fail } = scanner;
  const step = options.step ?? 1;
  const measurements: Array<HistogramMeasurement | SeriesMeasurement> = [];
  let open: OpenHistogram | undefined;
  let labels: Record<string, string> = {};
  let timestamp: string | undefined;
  let series: SeriesMeasurement | undefined;
  let banner = false;
  let sawZeroRow = false;
  let sawGap = false;

  // Ends the open histogram: fills the rows libbpf-tools skipped and turns it into a measurement.
  const close = (): void => {
    if (open === undefined) return;
    const { rows, unit, headerLine } = open;
    if (rows.length === 0) fail(headerLine + 1, "a bucket row like `0 : 1776 |****|`", "end of histogram");
    const buckets: Bucket[] = [];
    let expected: number | undefined;
    for (const row of rows) {
      if (expected === undefined) {
        if (row.value !== 0) sawGap = true;
      } else {
        if (row.value !== expected) sawGap = true;
        for (let value = expected; value < row.value; value += step) buckets.push({ low: value, high: value + step, count: 0 });
      }
      buckets.push({ low: row.value, high: row.value + step, count: row.count });
      expected = row.value + step;
    }
    const last = buckets[buckets.length - 1];
    const clamp = options.libbpfMaxSlots === undefined ? undefined : (options.libbpfMaxSlots - 1) * step;
    const measurement: HistogramMeasurement = {
      kind: "histogram",
      labels: open.labels,
      unit,
      scale: "linear",
      buckets,
      total: buckets.reduce((sum, bucket) => sum + bucket.count, 0),
      topCensored: clamp !== undefined && last !== undefined && last.low === clamp && rows.every((row) => row.count > 0),
    };
    if (open.timestamp !== undefined) measurement.timestamp = open.timestamp;
    measurements.push(measurement);
    open = undefined;
    labels = {};
  };

  forEachLine(text, (rawLine, lineNo) => {
    const line = stripInterrupt(rawLine);
    if (open !== undefined) {
      const row = ROW.exec(line);
      if (row) {
        const value = Number(row[1]);
        const previous = open.rows[open.rows.length - 1];
        if (previous !== undefined && (value <= previous.value || value - previous.value > MAX_GAP)) {
          fail(lineNo, `a bucket value above ${previous.value} and at most ${previous.value + MAX_GAP}`, rawLine);
        }
        const count = Number(row[2]);
        if (!Number.isSafeInteger(count)) fail(lineNo, "a count below 2^53", rawLine);
        if (count === 0) sawZeroRow = true;
        open.rows.push({ value, count });
        return;
      }
      if (ROW_START.test(line) || /^\s+\d+\s*$/.test(line)) fail(lineNo, "a complete bucket row like `0 : 1776 |****|`", rawLine);
      close();
    }
    const header = HEADER.exec(line);
    if (header?.[1] !== undefined) {
      if (!options.units.includes(header[1])) fail(lineNo, `a histogram of ${options.units.join(" or ")}`, rawLine);
      open = { unit: header[1], labels, timestamp, rows: [], headerLine: lineNo };
      series = undefined;
      return;
    }
    if (ROW_START.test(line)) fail(lineNo, "a histogram header such as `runqlen : count distribution` before bucket rows", rawLine);
    const occupancy = OCCUPANCY.exec(line);
    if (occupancy?.[2] !== undefined) {
      if (series === undefined) {
        series = { kind: "series", columns: [], rows: [] };
        measurements.push(series);
      }
      const row: Record<string, string | number> = {};
      if (timestamp !== undefined) row.TIME = timestamp;
      if (occupancy[1] !== undefined) row.CPU = Number(occupancy[1]);
      row.runqocc = Number(occupancy[2]);
      for (const column of Object.keys(row)) if (!series.columns.includes(column)) series.columns.push(column);
      series.rows.push(row);
      return;
    }
    const stamp = TIMESTAMP.exec(line);
    if (stamp?.[1] !== undefined) {
      timestamp = stamp[1];
      return;
    }
    const section = parseSectionHeader(line);
    if (section) {
      labels = section;
      return;
    }
    if (options.banners.some((pattern) => pattern.test(line))) {
      banner = true;
      series = undefined;
      timestamp = undefined;
      scanner.notes.push({ line: lineNo, kind: "banner", text: line });
      return;
    }
    if (scanner.skipNoise(line, lineNo)) return;
    series = undefined;
    scanner.unrecognised(line, lineNo);
  });
  close();

  scanner.requireEvidence(measurements.length > 0 || banner, `a ${options.tool} banner or histogram header such as \`runqlen : count distribution\``);
  const flavour: LinearFlavour = sawZeroRow ? "bcc" : sawGap ? "libbpf-tools" : "unknown";
  return { flavour, measurements, notes: scanner.notes };
};
