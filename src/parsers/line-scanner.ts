// Shared plumbing of the line-oriented parsers: ParseError with tool/line/expected/received, notes, noise, tracebacks.
//
// Prose rule shared by every parser built on this: a run is recognised by its banner or its header; lines that
// no rule recognises (an author's prose, a shell prompt, another program's output) become "unrecognised" notes.
// Input in which nothing at all is recognised is the wrong input and fails at its first unrecognised line.

import { ParseError } from "../model/errors.js";
import { classifyNoise, createTracebackTracker, type Note } from "./noise.js";

export interface LineScanner {
  readonly tool: string;
  readonly notes: Note[];
  fail(line: number, expected: string, received: string): never;
  // Records noise, traceback and `ERROR:` lines as notes (blank lines silently); true when the line was one.
  skipNoise(line: string, lineNo: number): boolean;
  // Only the traceback part of skipNoise: cheap enough for every line of a large capture.
  skipTraceback(line: string, lineNo: number): boolean;
  // Records a line that no rule recognised, remembering the first one for requireEvidence.
  unrecognised(line: string, lineNo: number): void;
  // Fails at the first unrecognised line unless something of this tool's output was found.
  requireEvidence(found: boolean, expected: string): void;
}

// Creates the scanner for one text; empty input is rejected here, before any parsing.
export const createLineScanner = (tool: string, text: string, source?: string): LineScanner => {
  const where = source === undefined ? {} : { source };
  if (text.trim() === "") {
    throw new ParseError({ tool, line: 1, expected: `${tool} output`, received: "", receivedDescription: "empty input", ...where });
  }
  const notes: Note[] = [];
  const inTraceback = createTracebackTracker();
  let first: { line: number; text: string } | undefined;
  // Throws the ParseError every parser reports with.
  const fail = (line: number, expected: string, received: string): never => {
    throw new ParseError({ tool, line, expected, received, ...where });
  };
  // Notes a traceback line; the tracker knows where the traceback ends.
  const skipTraceback = (line: string, lineNo: number): boolean => {
    if (!inTraceback(line)) return false;
    notes.push({ line: lineNo, kind: "traceback", text: line });
    return true;
  };
  return {
    tool,
    notes,
    fail,
    skipTraceback,
    skipNoise(line, lineNo) {
      if (skipTraceback(line, lineNo)) return true;
      const noise = classifyNoise(line);
      if (noise === null || noise === "banner") return false;
      if (noise !== "blank") notes.push({ line: lineNo, kind: noise, text: line });
      return true;
    },
    unrecognised(line, lineNo) {
      first ??= { line: lineNo, text: line };
      notes.push({ line: lineNo, kind: "unrecognised", text: line });
    },
    requireEvidence(found, expected) {
      if (found) return;
      const at = first ?? { line: 1, text: text.split("\n", 1)[0] ?? "" };
      fail(at.line, expected, at.text);
    },
  };
};

// Calls visit(line, lineNo, offset) for every line without building an array; strips the CR of CRLF files.
export const forEachLine = (text: string, visit: (line: string, lineNo: number, offset: number) => void): void => {
  let start = 0;
  let lineNo = 1;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    visit(text.slice(start, stop), lineNo, start);
    start = end + 1;
    lineNo += 1;
  }
};
