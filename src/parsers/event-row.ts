// Reads one row of an event table with its layout: tokens typed by column, the command name by its printed width,
// the last free-text column as the rest of the line; CSV rows split at commas.

import type { ColumnType, TableLayout } from "./event-layout.js";

const INT = /^-?\d+$/;
const NUM = /^-?\d+(?:\.\d+)?$/;
const CLOCK = /^\d{2}:\d{2}:\d{2}(?:\.\d+)?$/;

// Checks and converts one token for its column; null when the token does not fit.
const valueOf = (token: string, type: ColumnType): string | number | null => {
  switch (type) {
    case "int":
      return INT.test(token) ? Number(token) : token === "LL_MAX" ? token : null;
    case "num":
      return NUM.test(token) ? Number(token) : null;
    case "clock":
      return CLOCK.test(token) ? token : null;
    case "text":
    case "comm":
    case "rest":
      return token;
  }
};

// Space or TAB: the separators between columns.
const isSpace = (code: number): boolean => code === 32 || code === 9;

// Reads one comma-separated row; the last field keeps any further commas (file names may contain them).
const parseCsvRow = (line: string, layout: TableLayout): Record<string, string | number> | null => {
  const fields = line.trimEnd().split(",");
  const count = layout.columns.length;
  if (fields.length < count) return null;
  const row: Record<string, string | number> = {};
  for (const [index, column] of layout.columns.entries()) {
    const field = index === count - 1 ? fields.slice(index).join(",") : (fields[index] ?? "");
    if (column.type === "rest") {
      row[column.name] = field;
      continue;
    }
    if (field === "" || field.trim() !== field) return null;
    const value = valueOf(field, column.type);
    if (value === null) return null;
    row[column.name] = value;
  }
  return row;
};

// Reads one row with a layout; null when the line is not a complete row of that layout.
export const parseTableRow = (line: string, layout: TableLayout): Record<string, string | number> | null => {
  if (layout.csv) return parseCsvRow(line, layout);
  const row: Record<string, string | number> = {};
  let pos = 0;
  const length = line.length;
  for (const [index, column] of layout.columns.entries()) {
    if (index > 0) {
      if (pos < length && !isSpace(line.charCodeAt(pos))) return null;
      while (pos < length && isSpace(line.charCodeAt(pos))) pos += 1;
    }
    if (column.type === "rest") {
      row[column.name] = line.slice(pos).trimEnd();
      return row;
    }
    if (pos >= length) return null;
    if (column.type === "comm") {
      const width = column.width ?? 16;
      const end = Math.min(length, pos + width);
      const comm = line.slice(pos, end).trimEnd();
      if (comm === "" || (end < length && !isSpace(line.charCodeAt(end)))) return null;
      row[column.name] = comm;
      pos = end;
      continue;
    }
    let end = pos;
    while (end < length && !isSpace(line.charCodeAt(end))) end += 1;
    const value = valueOf(line.slice(pos, end), column.type);
    if (value === null) return null;
    row[column.name] = value;
    pos = end;
  }
  return line.slice(pos).trim() === "" ? row : null;
};

