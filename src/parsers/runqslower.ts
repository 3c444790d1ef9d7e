// Parses runqslower events (bcc Python and libbpf-tools share the layout, FORMATS.md 2.6), with and without -P.

import { ParseError } from "../model/errors.js";
import type { EventsMeasurement } from "../model/measurement.js";
import { classifyNoise, createTracebackTracker, type Note, splitLines, stripInterrupt } from "./noise.js";

export interface RunqslowerResult {
  // bcc Python and libbpf-tools print identical layouts, so the text cannot tell them apart.
  flavour: "unknown";
  measurements: EventsMeasurement[];
  notes: Note[];
}

const HEADER = /^TIME\s+COMM\s+TID\s+LAT\(us\)(\s+PREV COMM\s+PREV TID)?\s*$/;
const BANNER = /^Tracing run queue latency higher than (\d+) us\.?\s*$/;
const TIME = /^\d{2}:\d{2}:\d{2} /;
const REST = /^\s*(\d+)\s+(\d+)(?: (.*\S)\s+(\d+))?\s*$/;
// TIME is 8 wide and COMM 16 wide, so the COMM field sits at columns 9-24 whatever it contains.
const COMM_START = 9;
const COMM_END = 25;

// Parses one event row; COMM is read by position because command names may contain spaces.
const parseRow = (line: string, withPrevious: boolean): Record<string, string | number> | null => {
  if (!TIME.test(line) || line.length < COMM_END + 2) return null;
  const rest = REST.exec(line.slice(COMM_END + 1));
  if (!rest?.[1] || !rest[2]) return null;
  const row: Record<string, string | number> = {
    TIME: line.slice(0, 8),
    COMM: line.slice(COMM_START, COMM_END).trimEnd(),
    TID: Number(rest[1]),
    "LAT(us)": Number(rest[2]),
  };
  if (withPrevious !== (rest[3] !== undefined)) return null;
  if (withPrevious && rest[3] && rest[4]) {
    row["PREV COMM"] = rest[3];
    row["PREV TID"] = Number(rest[4]);
  }
  return row;
};

// Parses a runqslower capture into one events measurement per header; throws ParseError on malformed rows.
export const parseRunqslower = (text: string, source?: string): RunqslowerResult => {
  const fail = (line: number, expected: string, received: string): never => {
    throw new ParseError({ tool: "runqslower", line, expected, received, ...(source === undefined ? {} : { source }) });
  };
  if (text.trim() === "") throw new ParseError({ tool: "runqslower", line: 1, expected: "runqslower output", received: "", receivedDescription: "empty input", ...(source === undefined ? {} : { source }) });
  const measurements: EventsMeasurement[] = [];
  const notes: Note[] = [];
  let current: EventsMeasurement | undefined;
  let withPrevious = false;
  let banner = false;
  let firstUnrecognised: { line: number; text: string } | undefined;

  const inTraceback = createTracebackTracker();
  splitLines(text).forEach((rawLine, index) => {
    const lineNo = index + 1;
    if (inTraceback(rawLine)) {
      notes.push({ line: lineNo, kind: "traceback", text: rawLine });
      return;
    }
    const line = stripInterrupt(rawLine);
    const header = HEADER.exec(line);
    if (header) {
      withPrevious = header[1] !== undefined;
      const columns = ["TIME", "COMM", "TID", "LAT(us)", ...(withPrevious ? ["PREV COMM", "PREV TID"] : [])];
      current = { kind: "events", columns, rows: [] };
      measurements.push(current);
      return;
    }
    if (BANNER.test(line)) {
      banner = true;
      notes.push({ line: lineNo, kind: "banner", text: line });
      return;
    }
    if (current !== undefined && TIME.test(line)) {
      const row = parseRow(line, withPrevious);
      if (row === null) fail(lineNo, `an event row \`TIME COMM TID LAT(us)${withPrevious ? " PREV COMM PREV TID" : ""}\``, rawLine);
      else current.rows.push(row);
      return;
    }
    if (TIME.test(line)) fail(lineNo, "the header `TIME COMM TID LAT(us)` before event rows", rawLine);
    const noise = classifyNoise(line);
    if (noise !== null) {
      if (noise !== "blank") notes.push({ line: lineNo, kind: noise, text: line });
      return;
    }
    firstUnrecognised ??= { line: lineNo, text: rawLine };
    notes.push({ line: lineNo, kind: "unrecognised", text: line });
  });

  if (measurements.length === 0 && !banner) {
    const where = firstUnrecognised ?? { line: 1, text: "" };
    fail(where.line, "a runqslower banner `Tracing run queue latency higher than N us` or its header", where.text);
  }
  return { flavour: "unknown", measurements, notes };
};
