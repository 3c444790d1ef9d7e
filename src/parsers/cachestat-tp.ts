// Parses the output of bpftriage's own src/probes/bpftrace/cachestat-tp.bt (layout documented at the top of the
// script): a series with cachestat's columns HITS MISSES DIRTIES HITRATIO (so detectors read either flavour) plus
// READ_PAGES READ_MISSES INSERTS, and an events table of misses per process. HITRATIO is a percent number like the
// original's parser gives (97.53), or "-" when no pages were read that second. HITS and HITRATIO are estimates;
// the parser says so in an "extension" note so the report carries it. Every non-noise line must belong to the
// layout: anything else is a ParseError naming the line.

import type { EventsMeasurement, SeriesMeasurement } from "../model/measurement.js";
import { createLineScanner, forEachLine } from "./line-scanner.js";
import type { Note } from "./noise.js";

export const CACHESTAT_TP_COLUMNS = ["TIME", "HITS", "MISSES", "DIRTIES", "HITRATIO", "READ_PAGES", "READ_MISSES", "INSERTS"] as const;
export const CACHESTAT_TP_PROCESS_COLUMNS = ["PID", "COMM", "MISSES"] as const;

export const CACHESTAT_TP_ESTIMATE_NOTE =
  "HITS and HITRATIO are estimates (bpftriage tracepoint script): HITS = READ_PAGES - READ_MISSES, pages returned by read syscalls minus page-cache insertions made inside them; mmap'd reads are not seen";

export interface CachestatTpResult {
  flavour: "bpftriage-script";
  // The per-second series, then (when the script reached its end) misses per process, largest first.
  measurements: Array<SeriesMeasurement | EventsMeasurement>;
  notes: Note[];
}

const BANNER = /^Tracing page cache with tracepoints(?: for \d+ secs|\.\.\. Hit Ctrl-C to end); HITS and HITRATIO are estimates\.$/;
const HEADER = /^TIME\s+HITS\s+MISSES\s+DIRTIES\s+HITRATIO\s+READ_PAGES\s+READ_MISSES\s+INSERTS\s*$/;
const ROW = /^(\d{2}:\d{2}:\d{2})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d{1,3}\.\d{2}%|-)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;
const TABLE_TITLE = /^MISSES BY PROCESS \(top \d+\):$/;
// bpftrace prints a map keyed [pid, comm] as `@proc_misses[1234, some comm]: 42`; the comm is everything up to the last `]: `.
const PROCESS_ROW = /^@proc_misses\[(\d+), (.*)\]: (\d+)$/;
const EXAMPLE_ROW = "`05:01:38      243   104242      131    0.23%     103179      102936   104386`";

// Turns one matched row into the series record; HITRATIO keeps "-" when nothing was read.
const seriesRow = (match: RegExpExecArray): Record<string, string | number> => {
  const ratio = match[5] ?? "-";
  return {
    TIME: match[1] ?? "",
    HITS: Number(match[2]),
    MISSES: Number(match[3]),
    DIRTIES: Number(match[4]),
    HITRATIO: ratio === "-" ? "-" : Number(ratio.slice(0, -1)),
    READ_PAGES: Number(match[6]),
    READ_MISSES: Number(match[7]),
    INSERTS: Number(match[8]),
  };
};

// Parses one capture of cachestat-tp.bt; throws ParseError on a line outside its layout or when the header is missing.
export const parseCachestatTp = (text: string, source?: string): CachestatTpResult => {
  const scanner = createLineScanner("cachestat-tp", text, source);
  const series: SeriesMeasurement = { kind: "series", columns: [...CACHESTAT_TP_COLUMNS], rows: [] };
  let processes: EventsMeasurement | undefined;
  let sawHeader = false;

  forEachLine(text, (line, lineNo) => {
    if (BANNER.test(line)) {
      scanner.notes.push({ line: lineNo, kind: "banner", text: line }, { line: lineNo, kind: "extension", text: CACHESTAT_TP_ESTIMATE_NOTE });
      return;
    }
    if (HEADER.test(line)) {
      if (sawHeader) scanner.fail(lineNo, "one header per capture", line);
      sawHeader = true;
      return;
    }
    if (scanner.skipNoise(line, lineNo)) return;
    if (processes !== undefined) {
      const match = PROCESS_ROW.exec(line);
      if (!match) scanner.fail(lineNo, "a process line `@proc_misses[PID, COMM]: PAGES`", line);
      processes.rows.push({ PID: Number(match?.[1]), COMM: match?.[2] ?? "", MISSES: Number(match?.[3]) });
      return;
    }
    if (TABLE_TITLE.test(line)) {
      processes = { kind: "events", columns: [...CACHESTAT_TP_PROCESS_COLUMNS], rows: [] };
      return;
    }
    const row = ROW.exec(line);
    if (row && sawHeader) {
      series.rows.push(seriesRow(row));
      return;
    }
    if (row) scanner.fail(lineNo, "the header `TIME HITS MISSES DIRTIES HITRATIO READ_PAGES READ_MISSES INSERTS` before rows", line);
    scanner.fail(lineNo, sawHeader ? `a row such as ${EXAMPLE_ROW} or \`MISSES BY PROCESS (top N):\`` : "the cachestat-tp.bt banner or header", line);
  });

  scanner.requireEvidence(sawHeader, "the cachestat-tp.bt header `TIME HITS MISSES DIRTIES HITRATIO READ_PAGES READ_MISSES INSERTS`");
  if (processes !== undefined) processes.rows.sort((a, b) => Number(b.MISSES) - Number(a.MISSES));
  return { flavour: "bpftriage-script", measurements: processes === undefined ? [series] : [series, processes], notes: scanner.notes };
};
