// Parses bpftrace `hist()` and `lhist()` text output (FORMATS.md 1.6), from 0.17 (`Attaching N probes...`,
// `@name: ` with a trailing blank) through current releases (`Attached N probes`).
//
// Conventions:
// * One histogram measurement per map block. labels = { map: "@usecs" }; a keyed map `@us[xfs_file_read_iter]:`
//   adds { key: "xfs_file_read_iter" }; a tuple key is kept as printed without brackets, `@x[sda, 8]:` gives
//   { key: "sda, 8" }.
// * unit: "usecs" for maps named @usecs/@us, "msecs" for @msecs/@ms, "nsecs" for @nsecs/@ns, "secs" for @secs,
//   "bytes" for @bytes; otherwise the map name without "@" (e.g. "runqlen"), or "value" for the bare `@`.
// * Labels are half-open [low, high): `[0]` is [0, 1), `[1]` is [1, 2), `[n]` is [n, n + 1), `[2, 4)` is [2, 4);
//   K/M/G/T/P/E are powers of 1024 (`[1K, 2K)` is [1024, 2048)). The negative bucket `(..., 0)` and the lhist
//   underflow `(..., min)` get low = -Infinity (JSON prints it as null); the lhist overflow `[max, ...)` gets
//   high = null and marks the histogram topCensored.
// * scale: "linear" for lhist (an overflow bucket, a non-zero underflow bound, or equal-width ranges), else
//   "log2". hist(x, k) sub-buckets (`[4, 5)`, `[5, 6)`, ...) are kept as printed; they lie inside powers of two.
// * Non-histogram map lines (`@x: 5`, `@x[a]: 5`) and anything unrecognised become notes.

import type { Bucket, HistogramMeasurement } from "../model/measurement.js";
import { createLineScanner, forEachLine } from "./line-scanner.js";
import type { Note } from "./noise.js";
import { stripInterrupt } from "./noise.js";

export interface BpftraceHistOptions {
  tool: string;
  // The script's own banners (`Tracing CPU scheduler... Hit Ctrl-C to end.`): evidence when no map was printed.
  banners: readonly RegExp[];
  // Histogram maps this script prints; another histogram map is the wrong script's output.
  maps?: readonly string[];
  source?: string;
}

export interface BpftraceHistResult {
  flavour: "bpftrace";
  measurements: HistogramMeasurement[];
  notes: Note[];
}

const MAP_HEADER = /^(@\w*)(?:\[(.*)\])?:\s*$/;
const NUMBER = "-?\\d+[KMGTPE]?";
const ROW = new RegExp(`^(?:\\(\\.\\.\\., (${NUMBER})\\)|\\[(${NUMBER})\\]|\\[(${NUMBER}), (${NUMBER}|\\.\\.\\.)\\))\\s+(\\d+)\\s*\\|[@ ]*\\|\\s*$`);
const ROW_START = /^(?:\[-?\d|\(\.\.\.)/;
const SUFFIXES = "KMGTPE";

const UNITS: Readonly<Record<string, string>> = {
  "@usecs": "usecs",
  "@us": "usecs",
  "@msecs": "msecs",
  "@ms": "msecs",
  "@nsecs": "nsecs",
  "@ns": "nsecs",
  "@secs": "secs",
  "@bytes": "bytes",
};

// Reads `512`, `1K`, `-3M` as numbers, with suffixes as powers of 1024.
const valueOf = (text: string): number => {
  const last = text[text.length - 1];
  const suffix = last === undefined ? -1 : SUFFIXES.indexOf(last);
  if (suffix === -1) return Number(text);
  return Number(text.slice(0, -1)) * 1024 ** (suffix + 1);
};

interface PrintedBucket {
  bucket: Bucket;
  // Printed as a single value `[n]`, which only hist() does.
  single: boolean;
}

// Converts one printed row into a bucket, or null when the row does not match the layout.
const bucketOf = (line: string): PrintedBucket | null => {
  const row = ROW.exec(line);
  if (!row) return null;
  const count = Number(row[5]);
  if (row[1] !== undefined) return { bucket: { low: Number.NEGATIVE_INFINITY, high: valueOf(row[1]), count }, single: false };
  if (row[2] !== undefined) {
    const value = valueOf(row[2]);
    return { bucket: { low: value, high: value + 1, count }, single: true };
  }
  const low = valueOf(row[3] ?? "");
  return { bucket: { low, high: row[4] === "..." ? null : valueOf(row[4] ?? ""), count }, single: false };
};

// A plain hist() bucket [2^j, 2^(j+1)).
const isPowerRange = (bucket: Bucket): boolean => bucket.low >= 2 && bucket.high === bucket.low * 2;

// Tells lhist from hist output by the bucket labels and edges (see the file header).
const scaleOf = (buckets: readonly Bucket[], anySingle: boolean): "log2" | "linear" => {
  if (buckets.some((bucket) => bucket.high === null)) return "linear";
  const first = buckets[0];
  if (first !== undefined && first.low === Number.NEGATIVE_INFINITY && first.high !== 0) return "linear";
  if (anySingle) return "log2";
  const ranges = buckets.filter((bucket) => Number.isFinite(bucket.low));
  if (ranges.length > 0 && ranges.every(isPowerRange)) return "log2";
  const widths = new Set(ranges.map((bucket) => (bucket.high ?? 0) - bucket.low));
  return widths.size <= 1 ? "linear" : "log2";
};

interface OpenMap {
  map: string;
  key: string | undefined;
  buckets: Bucket[];
  anySingle: boolean;
  headerLine: number;
}

// Parses every histogram map block in a bpftrace capture; throws ParseError on malformed blocks.
export const parseBpftraceHist = (text: string, options: BpftraceHistOptions): BpftraceHistResult => {
  const scanner = createLineScanner(options.tool, text, options.source);
  const { fail } = scanner;
  const measurements: HistogramMeasurement[] = [];
  let open: OpenMap | undefined;
  let banner = false;

  // Ends the open map block: checks it and turns it into a measurement.
  const close = (): void => {
    if (open === undefined) return;
    const { map, key, buckets, anySingle, headerLine } = open;
    open = undefined;
    if (buckets.length === 0) fail(headerLine + 1, `a bucket row such as \`[4, 8)   12 |@@@@|\` after ${map}`, "no rows");
    if (options.maps !== undefined && !options.maps.includes(map)) fail(headerLine, `a histogram map ${options.maps.join(" or ")}`, map);
    const last = buckets[buckets.length - 1];
    measurements.push({
      kind: "histogram",
      labels: key === undefined ? { map } : { map, key },
      unit: UNITS[map] ?? (map === "@" ? "value" : map.slice(1)),
      scale: scaleOf(buckets, anySingle),
      buckets,
      total: buckets.reduce((sum, bucket) => sum + bucket.count, 0),
      topCensored: last !== undefined && last.high === null,
    });
  };

  forEachLine(text, (rawLine, lineNo) => {
    const line = stripInterrupt(rawLine);
    if (open !== undefined) {
      const printed = bucketOf(line);
      if (printed !== null) {
        const { bucket } = printed;
        const previous = open.buckets[open.buckets.length - 1];
        if (previous !== undefined && (previous.high === null || previous.high !== bucket.low)) {
          fail(lineNo, `the bucket after ${describe(previous)} to start at ${previous.high ?? "its end"}`, rawLine);
        }
        if (bucket.high !== null && bucket.high <= bucket.low) fail(lineNo, "a bucket whose upper bound is above its lower bound", rawLine);
        if (!Number.isSafeInteger(bucket.count)) fail(lineNo, "a count below 2^53", rawLine);
        open.buckets.push(bucket);
        open.anySingle ||= printed.single;
        return;
      }
      if (ROW_START.test(line)) fail(lineNo, "a complete bucket row such as `[4, 8)   12 |@@@@|`", rawLine);
      close();
    }
    const header = MAP_HEADER.exec(line);
    if (header?.[1] !== undefined) {
      open = { map: header[1], key: header[2], buckets: [], anySingle: false, headerLine: lineNo };
      return;
    }
    if (ROW_START.test(line) && bucketOf(line) !== null) fail(lineNo, "a map header such as `@usecs:` before bucket rows", rawLine);
    if (options.banners.some((pattern) => pattern.test(line))) {
      banner = true;
      scanner.notes.push({ line: lineNo, kind: "banner", text: line });
      return;
    }
    if (scanner.skipNoise(line, lineNo)) return;
    scanner.unrecognised(line, lineNo);
  });
  close();

  scanner.requireEvidence(measurements.length > 0 || banner, `a ${options.tool} banner or a bpftrace histogram map such as \`@usecs:\``);
  return { flavour: "bpftrace", measurements, notes: scanner.notes };
};

// Prints a bucket the way bpftrace labels it, for error messages.
const describe = (bucket: Bucket): string =>
  `[${Number.isFinite(bucket.low) ? bucket.low : "..."}, ${bucket.high === null ? "..." : bucket.high})`;
