// Parses cachestat interval output (bcc Python and libbpf-tools share the layout, FORMATS.md 2.3) into one series
// measurement per header: `[TIME] HITS MISSES DIRTIES HITRATIO BUFFERS_MB CACHED_MB`. Columns keep their printed
// names; HITRATIO `55.51%` becomes the number 55.51 (percent). Old bcc printed negative MISSES (kept as printed),
// and a terminal's `^C` glued to the last row is stripped. `Detaching...` (bcc only) is a note.
// Older header spellings (TOTAL, READ_HIT%, WRITE_HIT%) are accepted by name.

import type { SeriesMeasurement } from "../model/measurement.js";
import { createLineScanner, forEachLine } from "./line-scanner.js";
import type { Note } from "./noise.js";
import { stripInterrupt } from "./noise.js";

export type CachestatFlavour = "bcc" | "unknown";

export interface CachestatResult {
  flavour: CachestatFlavour;
  measurements: SeriesMeasurement[];
  notes: Note[];
}

type Kind = "clock" | "int" | "percent" | "num";

const COLUMNS: Readonly<Record<string, Kind>> = {
  TIME: "clock",
  HITS: "int",
  MISSES: "int",
  DIRTIES: "int",
  TOTAL: "int",
  HITRATIO: "percent",
  "READ_HIT%": "percent",
  "WRITE_HIT%": "percent",
  BUFFERS_MB: "num",
  CACHED_MB: "num",
};
const PATTERNS: Readonly<Record<Kind, RegExp>> = {
  clock: /^\d{2}:\d{2}:\d{2}$/,
  int: /^-?\d+$/,
  percent: /^-?\d+(?:\.\d+)?%$/,
  num: /^-?\d+(?:\.\d+)?$/,
};

// Reads a header into its column names, or null when the line is not a cachestat header.
const headerOf = (line: string): string[] | null => {
  const names = line.trim().split(/\s+/);
  if (!names.includes("HITS") || !names.includes("MISSES")) return null;
  return names.every((name) => COLUMNS[name] !== undefined) ? names : null;
};

// Reads one row for the given columns, or null when it does not fit them.
const rowOf = (line: string, columns: readonly string[]): Record<string, string | number> | null => {
  const fields = line.trim().split(/\s+/);
  if (fields.length !== columns.length) return null;
  const row: Record<string, string | number> = {};
  for (const [index, name] of columns.entries()) {
    const field = fields[index] ?? "";
    const kind = COLUMNS[name] ?? "num";
    if (!PATTERNS[kind].test(field)) return null;
    row[name] = kind === "clock" ? field : Number(kind === "percent" ? field.slice(0, -1) : field);
  }
  return row;
};

// Parses every cachestat table in a capture; throws ParseError on malformed rows or unrecognisable input.
export const parseCachestat = (text: string, source?: string): CachestatResult => {
  const scanner = createLineScanner("cachestat", text, source);
  const measurements: SeriesMeasurement[] = [];
  let current: SeriesMeasurement | undefined;
  let strict = false;
  let detaching = false;

  forEachLine(text, (rawLine, lineNo) => {
    const line = stripInterrupt(rawLine);
    const header = headerOf(line);
    if (header !== null) {
      current = { kind: "series", columns: header, rows: [] };
      measurements.push(current);
      strict = true;
      return;
    }
    if (line.trim() === "") {
      strict = false;
      return;
    }
    if (scanner.skipNoise(line, lineNo)) {
      if (line.startsWith("Detaching")) detaching = true;
      return;
    }
    if (current !== undefined) {
      const row = rowOf(line, current.columns);
      if (row !== null) {
        current.rows.push(row);
        strict = true;
        return;
      }
      if (strict) scanner.fail(lineNo, `a row of ${current.columns.join(" ")} such as \`1132 0 4 100.00% 277 4367\``, rawLine);
      current = undefined;
    }
    scanner.unrecognised(line, lineNo);
  });

  scanner.requireEvidence(measurements.length > 0, "the cachestat header `HITS MISSES DIRTIES HITRATIO BUFFERS_MB CACHED_MB`");
  return { flavour: detaching ? "bcc" : "unknown", measurements, notes: scanner.notes };
};
