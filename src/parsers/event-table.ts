// Shared reader for fixed-layout event tables (execsnoop, biosnoop, fsslower): a header names the columns, then
// one row per event. Rows are read token by token, except the command-name column, which is read by its printed
// width because command names may contain spaces, and a final free-text column (ARGS, FILENAME) that takes the
// rest of the line. Values are typed by column: integers and decimals become numbers, the rest stays text.
//
// Run rule: a header (or a banner that implies the default layout) opens a table. While no blank line has been
// seen since the header or the last row, every line must be a row: a line that is not one fails with ParseError
// (this is how truncated or corrupted output is caught). After a blank line a non-row closes the table and is
// kept as a note (the author's prose in example files).

import type { EventsMeasurement } from "../model/measurement.js";
import { type ColumnVocabulary, layoutFromHeader, type TableLayout } from "./event-layout.js";
import { parseTableRow } from "./event-row.js";
import { createLineScanner, forEachLine, type LineScanner } from "./line-scanner.js";
import type { Note } from "./noise.js";
import { stripInterrupt } from "./noise.js";

// One tool's table format; a header must consist of the vocabulary's column names only.
export interface TableSpec extends ColumnVocabulary {
  tool: string;
  // Banners of this tool; a banner may open a table with a default layout (nfsslower 0 prints no header).
  banner(line: string): { layout?: TableLayout } | null;
  // Lines that only ever belong to a header, e.g. bpftrace biosnoop's second line `MAJOR MINOR`.
  headerContinuation?: RegExp;
  expected: string;
  source?: string;
}

export interface EventTablesResult {
  measurements: EventsMeasurement[];
  notes: Note[];
  // Layouts of the tables found, in order, for flavour detection.
  layouts: TableLayout[];
  sawBanner: boolean;
}

// Parses every table in a capture; the caller turns layouts into a flavour and checks the evidence.
export const parseEventTables = (text: string, spec: TableSpec): EventTablesResult & { scanner: LineScanner } => {
  const scanner = createLineScanner(spec.tool, text, spec.source);
  const measurements: EventsMeasurement[] = [];
  const layouts: TableLayout[] = [];
  let layout: TableLayout | undefined;
  let current: EventsMeasurement | undefined;
  let strict = false;
  let sawBanner = false;

  // Starts a new table (measurement) with a layout.
  const open = (next: TableLayout): void => {
    layout = next;
    layouts.push(next);
    current = { kind: "events", columns: next.columns.map((column) => column.name), rows: [] };
    measurements.push(current);
  };

  forEachLine(text, (rawLine, lineNo) => {
    const line = stripInterrupt(rawLine);
    const header = layoutFromHeader(line, spec);
    if (header !== null) {
      open(header);
      strict = true;
      return;
    }
    const banner = spec.banner(line);
    if (banner !== null) {
      sawBanner = true;
      scanner.notes.push({ line: lineNo, kind: "banner", text: line });
      layout = banner.layout;
      current = undefined;
      strict = false;
      return;
    }
    if (spec.headerContinuation?.test(line) && strict && current?.rows.length === 0) return;
    if (line.trim() === "") {
      strict = false;
      return;
    }
    if (scanner.skipNoise(line, lineNo)) return;
    if (layout !== undefined) {
      const row = parseTableRow(line, layout);
      if (row !== null) {
        if (current === undefined) open(layout);
        current?.rows.push(row);
        strict = true;
        return;
      }
      if (strict) scanner.fail(lineNo, `an event row with the columns ${layout.columns.map((column) => column.name).join(" ")}`, rawLine);
      layout = undefined;
      current = undefined;
    }
    scanner.unrecognised(line, lineNo);
  });

  return { measurements, notes: scanner.notes, layouts, sawBanner, scanner };
};
