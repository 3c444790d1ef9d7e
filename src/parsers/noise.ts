// Recognises the lines every tool prints around its data (banners, ^C, warnings) so parsers can skip them.

export type NoiseKind =
  | "banner"
  | "interrupt"
  | "detaching"
  | "attaching"
  | "lost"
  | "warning"
  | "error"
  | "traceback"
  | "elision"
  | "blank";

export interface Note {
  line: number;
  // "incomplete": data the tool printed only in part, kept with a stated default (e.g. a stack without its count).
  kind: NoiseKind | "extension" | "unrecognised" | "incomplete";
  text: string;
}

const PATTERNS: ReadonlyArray<readonly [NoiseKind, RegExp]> = [
  ["blank", /^\s*$/],
  ["interrupt", /^\^C\s*$/],
  ["detaching", /^Detaching\.\.\.\s*$/],
  ["attaching", /^Attach(?:ing|ed) \d+ probes?(?:\.\.\.)?\s*$/],
  ["lost", /^(?:Possibly lost \d+ samples|[Ll]ost \d+ events(?: on CPU #\d+!?)?)\s*$/],
  ["warning", /^(?:WARNING|WARN):/],
  // bcc Python exits with `ERROR: ...`; libbpf and libbpf-tools diagnostics appear when stderr is pasted too.
  ["error", /^(?:ERROR:|libbpf: |Could not open \/|failed to )/],
  ["banner", /^Tracing .*(?:Hit Ctrl-C to end\.?|for \d+ secs\.?|us\.?|ms)\s*$/],
  ["elision", /^\s*\[\.\.\.\]\s*$/],
];

// Classifies a line as known noise, or null when it may carry data.
export const classifyNoise = (line: string): NoiseKind | null => {
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(line)) return kind;
  }
  return null;
};

// Terminals echo ^C glued to the next row; strip it so the row still parses.
export const stripInterrupt = (line: string): string => (line.startsWith("^C") ? line.slice(2) : line);

// Splits text into lines without the trailing CR of CRLF files.
export const splitLines = (text: string): string[] => {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
};

// Python tracebacks (bcc tools failing to attach): the header, its indented lines, then the exception line.
export const createTracebackTracker = (): ((line: string) => boolean) => {
  let inside = false;
  return (line: string): boolean => {
    if (line.startsWith("Traceback (most recent call last):")) {
      inside = true;
      return true;
    }
    if (!inside) return false;
    if (line.trim() === "") {
      inside = false;
      return false;
    }
    if (!/^\s/.test(line)) inside = false;
    return true;
  };
};
