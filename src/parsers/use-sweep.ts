// Parses the USE sweep's text (`cpu utilization 95.1 %`) into a series of resource, metric, value, unit rows.

import { ParseError } from "../model/errors.js";
import type { SeriesMeasurement } from "../model/measurement.js";
import type { Note } from "./noise.js";
import { splitLines } from "./noise.js";

const HEADER = /^USE sweep over ([\d.]+) s on (\d+) CPUs$/;
const ROW = /^([a-z]+(?::[\w.-]+)?) ([a-z-]+) (-?[\d.]+) (\S+)$/;

// Reads one sweep; every line must be a header or a row, since bpftriage itself printed it.
export const parseUseSweep = (text: string, source?: string): { flavour: string; measurements: SeriesMeasurement[]; notes: Note[] } => {
  const where = source === undefined ? {} : { source };
  const lines = splitLines(text);
  if (lines.length === 0 || !HEADER.test(lines[0] ?? "")) {
    throw new ParseError({ tool: "use-sweep", line: 1, expected: "`USE sweep over N s on N CPUs`", received: lines[0] ?? "", ...where });
  }
  const rows = lines.slice(1).map((line, index) => {
    const match = ROW.exec(line);
    if (!match?.[1] || !match[2] || !match[3] || !match[4]) {
      throw new ParseError({ tool: "use-sweep", line: index + 2, expected: "a row `RESOURCE METRIC VALUE UNIT`", received: line, ...where });
    }
    return { RESOURCE: match[1], METRIC: match[2], VALUE: Number(match[3]), UNIT: match[4] };
  });
  return { flavour: "procfs", measurements: [{ kind: "series", columns: ["RESOURCE", "METRIC", "VALUE", "UNIT"], rows }], notes: [] };
};
