// Parses the file-system "slower" tools: bcc Python ext4slower and its btrfs/xfs/zfs/nfs/f2fs siblings
// (`TIME COMM PID T BYTES OFF_KB LAT(ms) FILENAME`, COMM 14 wide, types R/W/O/S, nfsslower G) and libbpf-tools
// fsslower and its aliases (COMM 16 wide, PID 7 wide, fsync as F, `LL_MAX` bytes), plus their CSV modes
// (bcc -j / f2fsslower -s with ENDTIME_us, libbpf -c with ENDTIME_ns). A banner without a header
// (`Tracing NFS operations` then rows, as in nfsslower 0) opens a table in that flavour's default layout.

import type { EventsMeasurement } from "../model/measurement.js";
import { layoutFromHeader, type TableLayout } from "./event-layout.js";
import { parseEventTables, type TableSpec } from "./event-table.js";
import type { Note } from "./noise.js";

export type FsslowerFlavour = "bcc" | "libbpf-tools" | "unknown";

export interface FsslowerResult {
  flavour: FsslowerFlavour;
  measurements: EventsMeasurement[];
  notes: Note[];
}

const COLUMN_TYPES: TableSpec["columnTypes"] = {
  TIME: "clock",
  COMM: "comm",
  PID: "int",
  T: "text",
  BYTES: "int",
  OFF_KB: "int",
  "LAT(ms)": "num",
  FILENAME: "rest",
  ENDTIME_us: "int",
  ENDTIME_ns: "int",
  TASK: "text",
  TYPE: "text",
  OFFSET_b: "int",
  LATENCY_us: "int",
  FILE: "rest",
};

// `Tracing ext4 operations slower than 10 ms`, `Tracing NFS operations that are slower than 1 ms`, or without a
// threshold; libbpf-tools add `... Hit Ctrl-C to end.` or ` for N secs.`.
const BANNER = /^Tracing (\S+) operations(?: that are)?(?: slower than \d+ ms)?(\.\.\. Hit Ctrl-C to end\.| for \d+ secs\.)?\s*$/;

const BASE: Omit<TableSpec, "source" | "banner"> = {
  tool: "fsslower",
  columnTypes: COLUMN_TYPES,
  required: ["PID", "FILENAME|FILE"],
  expected: "a file-system slower banner (`Tracing ext4 operations slower than 10 ms`) or its header",
};
const BCC_LAYOUT = layoutFromHeader("TIME     COMM           PID    T BYTES   OFF_KB   LAT(ms) FILENAME", BASE);
const LIBBPF_LAYOUT = layoutFromHeader("TIME     COMM             PID     T BYTES   OFF_KB   LAT(ms) FILENAME", BASE);

// bcc prints COMM 14 wide and CSV end times in us; libbpf-tools 16 wide and ns.
const flavourOf = (layout: TableLayout | undefined): FsslowerFlavour => {
  if (layout === undefined) return "unknown";
  const names = layout.columns.map((column) => column.name);
  if (names.includes("ENDTIME_ns")) return "libbpf-tools";
  if (names.includes("ENDTIME_us")) return "bcc";
  const width = layout.columns.find((column) => column.name === "COMM")?.width;
  return width === 16 ? "libbpf-tools" : "bcc";
};

// Parses a *slower capture; `tool` names it in errors (ext4slower, nfsslower, ...). Throws ParseError.
export const parseFsslower = (text: string, tool = "fsslower", source?: string): FsslowerResult => {
  const spec: TableSpec = {
    ...BASE,
    tool,
    banner: (line) => {
      const match = BANNER.exec(line);
      if (!match) return null;
      const layout = match[2] === undefined ? BCC_LAYOUT : LIBBPF_LAYOUT;
      return layout === null ? {} : { layout };
    },
    ...(source === undefined ? {} : { source }),
  };
  const parsed = parseEventTables(text, spec);
  parsed.scanner.requireEvidence(parsed.measurements.length > 0 || parsed.sawBanner, BASE.expected);
  return { flavour: flavourOf(parsed.layouts[0]), measurements: parsed.measurements, notes: parsed.notes };
};
