// Parses bcc Python and libbpf-tools power-of-two histograms (FORMATS.md 1.1, 1.3, 1.5), interval logs included,
// and bcc Python's one-dict-per-line "JSON" form (biolatency -j, FORMATS.md 1.4, via log2-dict.ts).
// `avg = N usecs, total: N usecs, count: N` lines (-e) are kept as "extension" notes; the note's line number
// ties it to the histogram printed just before it.

import { ParseError } from "../model/errors.js";
import type { Bucket, HistogramMeasurement } from "../model/measurement.js";
import { isLog2DictLine, readLog2Dict } from "./log2-dict.js";
import { forEachLine } from "./line-scanner.js";
import { classifyNoise, createTracebackTracker, type Note, stripInterrupt } from "./noise.js";
import { parseSectionHeader } from "./section-header.js";

export type Log2Flavour = "libbpf-tools" | "bcc" | "bcc-2015";

export interface Log2HistOptions {
  tool: string;
  // Units this tool prints; another unit is the wrong tool's output.
  units: readonly string[];
  // The tool's own banners: only these (or a histogram) show the text came from this tool.
  banners: readonly RegExp[];
  // libbpf-tools clamp values into their last slot (runqlat 26, biolatency 27): that bucket means "at least".
  libbpfMaxSlots?: number;
  source?: string;
}

export interface Log2HistResult {
  flavour: Log2Flavour | "unknown";
  measurements: HistogramMeasurement[];
  notes: Note[];
}

const HEADER = /^\s*(\S+)\s+:\s+count(\s+)distribution\s*$/;
const ROW = /^\s*(\d+)\s+->\s+(\d+)\s+:\s+(\d+)\s*(?:\|[*+ ]*\|?\s*)?$/;
const ROW_START = /^\s*\d+\s*->/;
const TIMESTAMP = /^(\d{2}:\d{2}:\d{2}):?\s*$/;
const EXTENSION = /^avg = \d+ \w+, total: \d+ \w+, count: \d+\s*$/;

// Tells libbpf-tools (4 spaces before "distribution"), current bcc and the 2015 bcc layout apart.
const flavourOf = (line: string, gap: string): Log2Flavour => {
  if (gap.length === 4) return "libbpf-tools";
  const labelWidth = line.indexOf(":");
  return labelWidth <= 21 ? "bcc-2015" : "bcc";
};

interface OpenHistogram {
  unit: string;
  labels: Record<string, string>;
  timestamp: string | undefined;
  flavour: Log2Flavour;
  buckets: Bucket[];
  headerLine: number;
}

// Turns one printed row into a half-open bucket: `0 -> 1` is [0, 2), `256 -> 511` is [256, 512).
const bucketOf = (low: number, high: number): Bucket => ({ low, high: high + 1, count: 0 });

// Closes an open histogram into a measurement.
const finish = (open: OpenHistogram, options: Log2HistOptions): HistogramMeasurement => {
  const total = open.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const last = open.buckets[open.buckets.length - 1];
  const clampLow = options.libbpfMaxSlots === undefined ? undefined : 2 ** (options.libbpfMaxSlots - 1);
  const topCensored = open.flavour === "libbpf-tools" && last !== undefined && last.low === clampLow;
  const measurement: HistogramMeasurement = {
    kind: "histogram",
    labels: open.labels,
    unit: open.unit,
    scale: "log2",
    buckets: open.buckets,
    total,
    topCensored,
  };
  if (open.timestamp !== undefined) measurement.timestamp = open.timestamp;
  return measurement;
};

// Parses every histogram in a capture or log; throws ParseError with line and expectation on malformed input.
export const parseLog2Hist = (text: string, options: Log2HistOptions): Log2HistResult => {
  const { tool, source } = options;
  const fail = (line: number, expected: string, received: string): never => {
    throw new ParseError({ tool, line, expected, received, ...(source === undefined ? {} : { source }) });
  };
  if (text.trim() === "") throw new ParseError({ tool, line: 1, expected: `${tool} output`, received: "", receivedDescription: "empty input", ...(source === undefined ? {} : { source }) });

  const measurements: HistogramMeasurement[] = [];
  const notes: Note[] = [];
  let open: OpenHistogram | undefined;
  let labels: Record<string, string> = {};
  let timestamp: string | undefined;
  let banner = false;
  let flavour: Log2Flavour | "unknown" = "unknown";
  let firstUnrecognised: { line: number; text: string } | undefined;

  const close = (): void => {
    if (open === undefined) return;
    if (open.buckets.length === 0) fail(open.headerLine + 1, "a bucket row like `256 -> 511 : 12 |***|`", "end of histogram");
    measurements.push(finish(open, options));
    open = undefined;
    labels = {};
  };

  let firstLine: string | undefined;
  const inTraceback = createTracebackTracker();
  forEachLine(text, (rawLine, lineNo) => {
    firstLine ??= rawLine;
    if (inTraceback(rawLine)) {
      close();
      notes.push({ line: lineNo, kind: "traceback", text: rawLine });
      return;
    }
    const line = stripInterrupt(rawLine);
    if (open !== undefined) {
      const row = ROW.exec(line);
      if (row) {
        const bucket = bucketOf(Number(row[1]), Number(row[2]));
        const previous = open.buckets[open.buckets.length - 1];
        const expectedLow = previous === undefined ? undefined : previous.high;
        if (expectedLow !== undefined && bucket.low !== expectedLow) {
          fail(lineNo, `the bucket after ${previous?.low} -> ${(expectedLow ?? 1) - 1} to start at ${expectedLow}`, rawLine);
        }
        if (bucket.high !== null && bucket.low !== 0 && bucket.high !== bucket.low * 2) {
          fail(lineNo, "a power-of-two bucket such as `256 -> 511`", rawLine);
        }
        bucket.count = Number(row[3]);
        if (!Number.isSafeInteger(bucket.count)) fail(lineNo, "a count below 2^53", rawLine);
        open.buckets.push(bucket);
        return;
      }
      if (ROW_START.test(line)) fail(lineNo, "a complete bucket row like `256 -> 511 : 12 |***|`", rawLine);
      close();
    }

    if (isLog2DictLine(line)) {
      const read = readLog2Dict(line, options.units);
      if (!read.ok) return fail(lineNo, read.expected, rawLine);
      measurements.push(read.measurement);
      if (flavour === "unknown") flavour = "bcc";
      return;
    }

    const header = HEADER.exec(line);
    if (header?.[1] && header[2]) {
      if (!options.units.includes(header[1])) {
        fail(lineNo, `a histogram in ${options.units.join(" or ")}`, rawLine);
      }
      const headerFlavour = flavourOf(line, header[2]);
      if (flavour === "unknown") flavour = headerFlavour;
      open = { unit: header[1], labels, timestamp, flavour: headerFlavour, buckets: [], headerLine: lineNo };
      return;
    }
    if (ROW_START.test(line)) fail(lineNo, "a histogram header such as `usecs : count distribution` before bucket rows", rawLine);

    const stamp = TIMESTAMP.exec(line);
    if (stamp?.[1]) {
      timestamp = stamp[1];
      return;
    }
    const section = parseSectionHeader(line);
    if (section) {
      labels = section;
      return;
    }
    if (EXTENSION.test(line)) {
      notes.push({ line: lineNo, kind: "extension", text: line });
      return;
    }
    if (options.banners.some((pattern) => pattern.test(line))) {
      banner = true;
      notes.push({ line: lineNo, kind: "banner", text: line });
      return;
    }
    const noise = classifyNoise(line);
    if (noise !== null && noise !== "banner") {
      if (noise !== "blank") notes.push({ line: lineNo, kind: noise, text: line });
      return;
    }
    firstUnrecognised ??= { line: lineNo, text: rawLine };
    notes.push({ line: lineNo, kind: "unrecognised", text: line });
  });
  close();

  if (measurements.length === 0 && !banner) {
    const where = firstUnrecognised ?? { line: 1, text: firstLine ?? "" };
    fail(where.line, `a ${tool} banner or histogram header such as \`usecs : count distribution\``, where.text);
  }
  return { flavour, measurements, notes };
};
