// Parses biosnoop event tables: bcc Python (`TIME(s) COMM PID DISK T SECTOR BYTES [QUE(ms)] LAT(ms)`),
// libbpf-tools (same names, wider PID and T columns, rwbs types like `WS`, 3 decimals, optional TIMESTAMP) and
// bpftrace (`TIME(ms) DISK ID COMM PID LAT(ms)` over a second header line `MAJOR MINOR`, read as columns MAJOR
// and MINOR; 0.17 prints `TIME(ms) DISK COMM PID LAT(ms)`). One events measurement per header.

import type { EventsMeasurement } from "../model/measurement.js";
import { headerGap, type TableLayout } from "./event-layout.js";
import { parseEventTables, type TableSpec } from "./event-table.js";
import type { Note } from "./noise.js";

export type BiosnoopFlavour = "bcc" | "libbpf-tools" | "bpftrace" | "unknown";

export interface BiosnoopResult {
  flavour: BiosnoopFlavour;
  measurements: EventsMeasurement[];
  notes: Note[];
}

const SPEC: Omit<TableSpec, "source"> = {
  tool: "biosnoop",
  columnTypes: {
    "TIME(s)": "num",
    "TIME(ms)": "int",
    TIMESTAMP: "clock",
    COMM: "comm",
    PID: "int",
    DISK: "text",
    T: "text",
    SECTOR: "int",
    BYTES: "int",
    P: "text",
    "QUE(ms)": "num",
    "LAT(ms)": "num",
  },
  required: ["PID", "LAT(ms)"],
  banner: () => null,
  headerContinuation: /^\s+MAJOR\s+MINOR\s*$/,
  expected: "a biosnoop header such as `TIME(s) COMM PID DISK T SECTOR BYTES LAT(ms)`",
};

// bpftrace counts milliseconds; libbpf-tools prints T 4 wide (and TIMESTAMP with -t), bcc Python 1 wide.
const flavourOf = (layout: TableLayout | undefined): BiosnoopFlavour => {
  if (layout === undefined) return "unknown";
  const names = layout.columns.map((column) => column.name);
  if (names.includes("TIME(ms)")) return "bpftrace";
  if (names.includes("TIMESTAMP") || headerGap(layout, "T", "SECTOR") === 5) return "libbpf-tools";
  return "bcc";
};

// Parses a biosnoop capture of any flavour; throws ParseError on malformed rows or unrecognisable input.
export const parseBiosnoop = (text: string, source?: string): BiosnoopResult => {
  const parsed = parseEventTables(text, { ...SPEC, ...(source === undefined ? {} : { source }) });
  parsed.scanner.requireEvidence(parsed.measurements.length > 0, SPEC.expected);
  return { flavour: flavourOf(parsed.layouts[0]), measurements: parsed.measurements, notes: parsed.notes };
};
