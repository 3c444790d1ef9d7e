// Error classes for real errors (expected outcomes are values, not exceptions).

export type BpftriageErrorCode = "PARSE_ERROR" | "USAGE_ERROR" | "RUNBOOK_ERROR" | "IO_ERROR";

// Keeps messages readable: what was received is cut to a few dozen characters.
export const cutShort = (text: string, max = 60): string => {
  const printable = text.replace(/[^\x20-\x7e\t]/g, "\uFFFD").replace(/\t/g, "\\t");
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
};

// Base class so the CLI can print any of our errors as one line and exit 3.
export class BpftriageError extends Error {
  readonly code: BpftriageErrorCode;

  constructor(code: BpftriageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface ParseErrorDetails {
  tool: string;
  line: number;
  expected: string;
  received: string;
  // Overrides the quoted received text, e.g. "empty input".
  receivedDescription?: string;
  source?: string;
}

// A tool's output could not be read: names the tool, the line, what was expected and received.
export class ParseError extends BpftriageError {
  readonly details: ParseErrorDetails;

  constructor(details: ParseErrorDetails) {
    const where = `${details.source ?? "input"}:${details.line}`;
    const received = details.receivedDescription ?? (details.received === "" ? "an empty line" : `"${cutShort(details.received)}"`);
    super("PARSE_ERROR", `${details.tool}: ${where}: expected ${details.expected}, received ${received}`);
    this.details = details;
  }
}

// The command line asked for something that cannot be done.
export class UsageError extends BpftriageError {
  constructor(message: string) {
    super("USAGE_ERROR", message);
  }
}

// A runbook file is missing, malformed or unsafe.
export class RunbookError extends BpftriageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("RUNBOOK_ERROR", message, options);
  }
}
