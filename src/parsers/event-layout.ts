// Reads the header line of an event table (execsnoop, biosnoop, fsslower) into a layout: the column names in
// printed order, their types, the printed width of the command-name column and the header positions.

export type ColumnType = "int" | "num" | "clock" | "text" | "comm" | "rest";

export interface Column {
  name: string;
  type: ColumnType;
  // Printed width of a "comm" column.
  width?: number;
  // Position of the name in the header line (layouts differ in widths between flavours).
  at?: number;
}

export interface TableLayout {
  columns: Column[];
  // Comma-separated values (fsslower -j/-c, f2fsslower -s): fields split at commas, the last one takes the rest.
  csv?: boolean;
}

// The column names a tool prints, with their types, and the ones every header of the tool has.
export interface ColumnVocabulary {
  columnTypes: Readonly<Record<string, ColumnType>>;
  // Columns every header of this tool has, e.g. ["PID", "ARGS"]; "FILENAME|FILE" accepts either name.
  required: readonly string[];
}

// Two-word header names and the columns they stand for (bpftrace biosnoop prints `DISK ID` over `MAJOR MINOR`).
const COMPOUND: ReadonlyArray<readonly [string, string, readonly Column[]]> = [
  ["DISK", "ID", [{ name: "MAJOR", type: "int" }, { name: "MINOR", type: "int" }]],
];

// Checks that a layout has the tool's required columns and that only the last column takes the rest of the line.
const isComplete = (columns: readonly Column[], spec: ColumnVocabulary): boolean => {
  const has = (names: string): boolean => names.split("|").some((name) => columns.some((column) => column.name === name));
  const restIndex = columns.findIndex((column) => column.type === "rest");
  return spec.required.every(has) && (restIndex === -1 || restIndex === columns.length - 1);
};

// Reads a CSV header such as `ENDTIME_us,TASK,PID,TYPE,BYTES,OFFSET_b,LATENCY_us,FILE`.
const csvLayout = (line: string, spec: ColumnVocabulary): TableLayout | null => {
  const columns: Column[] = [];
  for (const name of line.trim().split(",")) {
    const type = spec.columnTypes[name];
    if (type === undefined) return null;
    columns.push({ name, type: type === "comm" ? "text" : type });
  }
  return isComplete(columns, spec) ? { columns, csv: true } : null;
};

// Reads a header line into a layout, or null when the line is not this tool's header.
export const layoutFromHeader = (line: string, spec: ColumnVocabulary): TableLayout | null => {
  if (/^[^\s,]+(?:,[^\s,]+)+\s*$/.test(line)) return csvLayout(line, spec);
  const tokens = [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], at: match.index ?? 0 }));
  if (tokens.length === 0) return null;
  const columns: Column[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) return null;
    const compound = COMPOUND.find(([first, second]) => token.text === first && tokens[index + 1]?.text === second);
    if (compound) {
      columns.push(...compound[2].map((column) => ({ ...column, at: token.at })));
      index += 1;
      continue;
    }
    const type = spec.columnTypes[token.text];
    if (type === undefined) return null;
    const next = tokens[index + 1];
    if (type === "comm") {
      if (next === undefined) return null;
      columns.push({ name: token.text, type, width: next.at - token.at - 1, at: token.at });
    } else {
      columns.push({ name: token.text, type, at: token.at });
    }
  }
  return isComplete(columns, spec) ? { columns } : null;
};

// Distance between two columns' names in the header, or undefined when either is missing.
export const headerGap = (layout: TableLayout, from: string, to: string): number | undefined => {
  const start = layout.columns.find((column) => column.name === from)?.at;
  const end = layout.columns.find((column) => column.name === to)?.at;
  return start === undefined || end === undefined ? undefined : end - start;
};
