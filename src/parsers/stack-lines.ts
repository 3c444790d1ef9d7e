// Reads the single lines of stack output (FORMATS.md 2.5, 2.7): `- comm (pid)` lines, counts, frame address
// prefixes and folded `comm;frame;...;frame value` lines. The state machine is in stacks.ts.

import type { Stack } from "../model/measurement.js";

export const TRACEBACK = "Traceback (most recent call last):";

const COMM_LINE = /^ {4}- +(.*) \((-?\d+)\)\s*$/;
// The dash padded to 16 columns that starts every `- comm (pid)` line; a frame never starts like this.
const COMM_START = /^ {4}- {8,}\S/;
const ADDRESS_2016 = /^[0-9a-f]{16} /;
const ADDRESS_VERBOSE = /^(?:#\d+\s+)?0x[0-9a-f]+ /;

// Space or TAB.
export const isBlank = (code: number): boolean => code === 32 || code === 9;

// The number written in text[from, stop) as digits and trailing blanks, or null when it is anything else.
export const digitsAt = (text: string, from: number, stop: number): number | null => {
  let end = stop;
  while (end > from && isBlank(text.charCodeAt(end - 1))) end -= 1;
  if (end === from) return null;
  for (let index = from; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return null;
  }
  return Number(text.slice(from, end));
};

// Reads a line indented 4 that starts with `-`: a comm line, a `-`/`--` delimiter, a broken comm line, or
// null for a frame that merely starts with a dash.
export const readCommLine = (line: string): { comm: string; pid: number } | "delimiter" | "malformed" | null => {
  const rest = line.trimEnd();
  if (rest === "    -" || rest === "    --") return "delimiter";
  const match = COMM_LINE.exec(line);
  if (match?.[1] !== undefined && match[2] !== undefined) return { comm: match[1], pid: Number(match[2]) };
  return COMM_START.test(line) ? "malformed" : null;
};

// Drops the address column of the 2016 profile layout, libbpf-tools -v (`#3  0xffff... sym`) and bcc -A.
export const stripFrameAddress = (frame: string): { frame: string; addressed: boolean } => {
  // Cheap character checks first: most frames have no address prefix.
  if (frame.charCodeAt(16) === 32 && ADDRESS_2016.test(frame)) return { frame: frame.slice(17), addressed: true };
  if ((frame.charCodeAt(0) === 35 || frame.charCodeAt(1) === 120) && ADDRESS_VERBOSE.test(frame)) {
    return { frame: frame.replace(ADDRESS_VERBOSE, ""), addressed: false };
  }
  return { frame, addressed: false };
};

// Splits a folded line into a stack (frames reversed to innermost first, delimiters dropped), or null when it is
// not `comm[;frames] value`. The value follows the last blank: frame names may contain blanks.
export const parseFoldedLine = (line: string): Stack | null => {
  const trimmed = line.trimEnd();
  const space = trimmed.lastIndexOf(" ");
  if (space <= 0) return null;
  const value = digitsAt(trimmed, space + 1, trimmed.length);
  if (value === null) return null;
  const parts = trimmed.slice(0, space).split(";");
  const comm = parts[0] ?? "";
  if (comm === "" || comm.startsWith(" ")) return null;
  const frames: string[] = [];
  for (let index = parts.length - 1; index >= 1; index--) {
    const frame = parts[index] ?? "";
    if (frame !== "-" && frame !== "--") frames.push(frame);
  }
  return { comm, pid: null, frames, value };
};
