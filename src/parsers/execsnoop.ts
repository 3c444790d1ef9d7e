// Parses execsnoop event tables: bcc Python (`COMM PID [PPID] RET ARGS`, with -T/-t/-U columns), libbpf-tools
// (`PCOMM PID PPID RET ARGS`, trailing blank after ARGS) and bpftrace (`TIME PID PPID ARGS` in the examples,
// `TIME(ms) PID ARGS` in 0.17). One events measurement per header; ARGS is the rest of the line.

import type { EventsMeasurement } from "../model/measurement.js";
import { headerGap, type TableLayout } from "./event-layout.js";
import { parseEventTables, type TableSpec } from "./event-table.js";
import type { Note } from "./noise.js";

export type ExecsnoopFlavour = "bcc" | "libbpf-tools" | "bpftrace" | "unknown";

export interface ExecsnoopResult {
  flavour: ExecsnoopFlavour;
  measurements: EventsMeasurement[];
  notes: Note[];
}

const SPEC: Omit<TableSpec, "source"> = {
  tool: "execsnoop",
  columnTypes: {
    TIME: "clock",
    "TIME(s)": "num",
    "TIME(ms)": "int",
    UID: "int",
    COMM: "comm",
    PCOMM: "comm",
    PID: "int",
    PPID: "int",
    RET: "int",
    ARGS: "rest",
  },
  required: ["PID", "ARGS"],
  banner: () => null,
  expected: "an execsnoop header such as `PCOMM PID PPID RET ARGS`",
};

// bpftrace has no command-name column; libbpf-tools prints PID 6 wide (PPID 7 columns after PID), bcc 7 wide.
const flavourOf = (layout: TableLayout | undefined): ExecsnoopFlavour => {
  if (layout === undefined) return "unknown";
  const names = layout.columns.map((column) => column.name);
  if (!names.includes("COMM") && !names.includes("PCOMM")) return "bpftrace";
  if (names.includes("PCOMM") && headerGap(layout, "PID", "PPID") === 7) return "libbpf-tools";
  return "bcc";
};

// Parses an execsnoop capture of any flavour; throws ParseError on malformed rows or unrecognisable input.
export const parseExecsnoop = (text: string, source?: string): ExecsnoopResult => {
  const parsed = parseEventTables(text, { ...SPEC, ...(source === undefined ? {} : { source }) });
  parsed.scanner.requireEvidence(parsed.measurements.length > 0, SPEC.expected);
  return { flavour: flavourOf(parsed.layouts[0]), measurements: parsed.measurements, notes: parsed.notes };
};
