// Parses the output of bpftriage's own src/probes/bpftrace/fsslower-tp.bt (layout documented at the top of the
// script) into one events table with the libbpf-tools fsslower columns
// `TIME COMM PID T BYTES OFF_KB LAT(ms) FILENAME`, so detectors read it like the original's. T is R, W, O or F
// (fsync and fdatasync, as libbpf-tools prints them); BYTES is a number (0 for opens and fsyncs, never LL_MAX).
// COMM is read by position (16 wide) because command names may contain spaces; FILENAME is the rest of the line.
// Every non-noise line must belong to the layout: anything else is a ParseError naming the line.

import type { EventsMeasurement } from "../model/measurement.js";
import { createLineScanner, forEachLine } from "./line-scanner.js";
import type { Note } from "./noise.js";

export const FSSLOWER_COLUMNS = ["TIME", "COMM", "PID", "T", "BYTES", "OFF_KB", "LAT(ms)", "FILENAME"] as const;

export interface FsslowerTpResult {
  flavour: "bpftriage-script";
  measurements: EventsMeasurement[];
  notes: Note[];
}

const BANNER = /^Tracing (\S+) file syscalls(?: slower than \d+ ms)?(?: for \d+ secs\.|\.\.\. Hit Ctrl-C to end\.)$/;
const HEADER = /^TIME\s+COMM\s+PID\s+T\s+BYTES\s+OFF_KB\s+LAT\(ms\)\s+FILENAME\s*$/;
const TIME = /^\d{2}:\d{2}:\d{2} /;
// After TIME (8), a space, COMM (16) and a space: PID T BYTES OFF_KB LAT(ms), then FILENAME after one space.
const REST = /^(\d+)\s+([RWOF]) (-?\d+)\s+(\d+)\s+(\d+\.\d{2}) (.*)$/;
const COMM_START = 9;
const COMM_END = 25;
const EXAMPLE_ROW = "`05:01:59 fsync-writer     29818   F 0       0           2.89 /var/tmp/data`";

// Reads one event row, or null when the line does not have the script's row layout.
const parseRow = (line: string): Record<string, string | number> | null => {
  if (!TIME.test(line) || line.length < COMM_END + 1 || line[COMM_END] !== " ") return null;
  const rest = REST.exec(line.slice(COMM_END + 1));
  if (rest === null) return null;
  return {
    TIME: line.slice(0, 8),
    COMM: line.slice(COMM_START, COMM_END).trimEnd(),
    PID: Number(rest[1]),
    T: rest[2] ?? "",
    BYTES: Number(rest[3]),
    OFF_KB: Number(rest[4]),
    "LAT(ms)": Number(rest[5]),
    FILENAME: rest[6] ?? "",
  };
};

// Parses one capture of fsslower-tp.bt; throws ParseError on a line outside its layout or when the header is missing.
export const parseFsslowerTp = (text: string, source?: string): FsslowerTpResult => {
  const scanner = createLineScanner("fsslower-tp", text, source);
  let events: EventsMeasurement | undefined;

  forEachLine(text, (line, lineNo) => {
    if (BANNER.test(line)) {
      scanner.notes.push({ line: lineNo, kind: "banner", text: line });
      return;
    }
    if (HEADER.test(line)) {
      if (events !== undefined) scanner.fail(lineNo, "one header per capture", line);
      events = { kind: "events", columns: [...FSSLOWER_COLUMNS], rows: [] };
      return;
    }
    if (scanner.skipNoise(line, lineNo)) return;
    const row = parseRow(line);
    if (row !== null && events !== undefined) {
      events.rows.push(row);
      return;
    }
    if (row !== null) scanner.fail(lineNo, "the header `TIME COMM PID T BYTES OFF_KB LAT(ms) FILENAME` before rows", line);
    scanner.fail(lineNo, events === undefined ? "the fsslower-tp.bt banner or header" : `an event row such as ${EXAMPLE_ROW}`, line);
  });

  scanner.requireEvidence(events !== undefined, "the fsslower-tp.bt header `TIME COMM PID T BYTES OFF_KB LAT(ms) FILENAME`");
  return { flavour: "bpftriage-script", measurements: events === undefined ? [] : [events], notes: scanner.notes };
};
