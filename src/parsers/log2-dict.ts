// Reads bcc Python's "JSON" histogram lines (biolatency -j, FORMATS.md 1.4): one Python dict per line,
// {'ts': ..., 'val_type': 'usecs', 'data': [{'interval-start': 0, 'interval-end': 1, 'count': 0}, ...]},
// plus the section key ('flags': 'Sync-Write', or the old 'Bucket ptr': b'sda' for a disk).

import type { Bucket, HistogramMeasurement } from "../model/measurement.js";
import { parsePythonLiteral, PythonLiteralError, type PythonValue } from "./python-literal.js";

export type Log2DictResult = { ok: true; measurement: HistogramMeasurement } | { ok: false; expected: string };

// Section keys as printed by bcc, mapped to the label names the text layout uses.
const LABEL_NAMES: Readonly<Record<string, string>> = { "Bucket ptr": "disk", disk: "disk", flags: "flags" };
const KNOWN_KEYS = new Set(["ts", "val_type", "data"]);

// True when a line looks like a dict line, so a malformed one fails instead of being taken for prose.
export const isLog2DictLine = (line: string): boolean => line.startsWith("{'") || line.startsWith('{"');

// A dict (not a list or a scalar) among the parsed values.
const isRecord = (value: PythonValue | undefined): value is { [key: string]: PythonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Converts one `{'interval-start': a, 'interval-end': b, 'count': n}` entry into the half-open bucket [a, b + 1).
const bucketOf = (entry: PythonValue | undefined): Bucket | null => {
  if (!isRecord(entry)) return null;
  const low = entry["interval-start"];
  const last = entry["interval-end"];
  const count = entry.count;
  if (typeof low !== "number" || typeof last !== "number" || typeof count !== "number") return null;
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(last) || !Number.isSafeInteger(count) || count < 0 || last < low) return null;
  return { low, high: last + 1, count };
};

// Parses one dict line; the result says what was expected when the line is not a histogram dict.
export const readLog2Dict = (line: string, units: readonly string[]): Log2DictResult => {
  let value: PythonValue;
  try {
    value = parsePythonLiteral(line.trim());
  } catch (error) {
    if (error instanceof PythonLiteralError) return { ok: false, expected: `a Python dict literal (${error.message})` };
    throw error;
  }
  if (!isRecord(value)) return { ok: false, expected: "a Python dict with 'val_type' and 'data'" };
  const unit = value.val_type;
  if (typeof unit !== "string" || !units.includes(unit)) return { ok: false, expected: `'val_type' ${units.map((u) => `'${u}'`).join(" or ")}` };
  const data = value.data;
  if (!Array.isArray(data) || data.length === 0) return { ok: false, expected: "a non-empty 'data' list" };
  const buckets: Bucket[] = [];
  for (const entry of data) {
    const bucket = bucketOf(entry);
    if (bucket === null) return { ok: false, expected: "'data' entries {'interval-start': N, 'interval-end': N, 'count': N}" };
    const previous = buckets[buckets.length - 1];
    if (previous !== undefined && previous.high !== bucket.low) return { ok: false, expected: `the interval after ${previous.low}-${(previous.high ?? 1) - 1} to start at ${previous.high}` };
    buckets.push(bucket);
  }
  const labels: Record<string, string> = {};
  for (const [key, labelValue] of Object.entries(value)) {
    if (KNOWN_KEYS.has(key)) continue;
    if (typeof labelValue !== "string" && typeof labelValue !== "number") return { ok: false, expected: `a text value for '${key}'` };
    labels[LABEL_NAMES[key] ?? key] = String(labelValue);
  }
  const measurement: HistogramMeasurement = {
    kind: "histogram",
    labels,
    unit,
    scale: "log2",
    buckets,
    total: buckets.reduce((sum, bucket) => sum + bucket.count, 0),
    topCensored: false,
  };
  if (typeof value.ts === "string") measurement.timestamp = value.ts;
  return { ok: true, measurement };
};
