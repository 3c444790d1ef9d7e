import { describe, expect, it } from "vitest";
import type { EventsMeasurement, SeriesMeasurement } from "../../src/model/measurement.js";
import { ParseError } from "../../src/model/errors.js";
import { CACHESTAT_TP_ESTIMATE_NOTE, parseCachestatTp } from "../../src/parsers/cachestat-tp.js";
import { parseCachestat } from "../../src/parsers/cachestat.js";
import { readFixture } from "../helpers/fixtures.js";

const HEADER = "TIME         HITS   MISSES  DIRTIES HITRATIO READ_PAGES READ_MISSES  INSERTS\n";

// Splits a result into its series and its per-process table.
const parts = (text: string): { series: SeriesMeasurement | undefined; processes: EventsMeasurement | undefined } => {
  const [series, processes] = parseCachestatTp(text).measurements;
  return {
    series: series?.kind === "series" ? series : undefined,
    processes: processes?.kind === "events" ? processes : undefined,
  };
};

describe("parseCachestatTp", () => {
  it("reads a cold read then a warm read of the same 400 MiB file (fixtures/cachestat/cold-then-warm.txt)", () => {
    const { series, processes } = parts(readFixture("cachestat", "cold-then-warm.txt"));
    expect(series?.columns).toEqual(["TIME", "HITS", "MISSES", "DIRTIES", "HITRATIO", "READ_PAGES", "READ_MISSES", "INSERTS"]);
    expect(series?.rows).toHaveLength(6);
    // Line 5: the cold pass, 102400 pages of the file inserted inside read().
    expect(series?.rows[1]).toEqual({
      TIME: "07:17:24",
      HITS: 8,
      MISSES: 103549,
      DIRTIES: 2,
      HITRATIO: 0,
      READ_PAGES: 102413,
      READ_MISSES: 102405,
      INSERTS: 103549,
    });
    // Line 6: the warm pass one second later (other processes' misses are in MISSES, not in READ_MISSES).
    expect(series?.rows[2]).toMatchObject({ TIME: "07:17:25", HITS: 102410, MISSES: 14, HITRATIO: 100, READ_PAGES: 102410, READ_MISSES: 0 });
    // Line 7: nothing read, so no ratio.
    expect(series?.rows[3]).toMatchObject({ TIME: "07:17:26", READ_PAGES: 0, HITRATIO: "-" });
    // Lines 10-20: the table, printed smallest first by bpftrace, comes out largest first.
    expect(processes?.columns).toEqual(["PID", "COMM", "MISSES"]);
    expect(processes?.rows).toHaveLength(10);
    expect(processes?.rows[0]).toEqual({ PID: 30967, COMM: "pagecache-read", MISSES: 102501 });
    // Line 19: the same pid before perl renamed itself.
    expect(processes?.rows.find((row) => row.COMM === "perl")).toEqual({ PID: 30967, COMM: "perl", MISSES: 1010 });
    expect(processes?.rows.find((row) => row.COMM === "mv")).toEqual({ PID: 30971, COMM: "mv", MISSES: 48 });
    expect(processes?.rows.at(-1)).toEqual({ PID: 30967, COMM: "bash", MISSES: 4 });
  });

  it("reads three warm passes at about 100% (fixtures/cachestat/warm-read.txt)", () => {
    const { series, processes } = parts(readFixture("cachestat", "warm-read.txt"));
    // Lines 5-7: one pass per second.
    const passes = series?.rows.slice(1, 4);
    expect(passes?.map((row) => row.READ_PAGES)).toEqual([102413, 102436, 102410]);
    expect(passes?.map((row) => row.HITRATIO)).toEqual([100, 100, 100]);
    expect(passes?.map((row) => row.READ_MISSES)).toEqual([0, 0, 0]);
    // Lines 11-16: the warm reader missed nothing, so it is not in the table; a concurrent node process leads it.
    expect(processes?.rows.some((row) => row.COMM === "pagecache-read")).toBe(false);
    expect(processes?.rows[0]).toEqual({ PID: 31088, COMM: "node", MISSES: 6891 });
  });

  it("reads a quiet box, labels the estimate and keeps bpftrace's noise as notes (fixtures/cachestat/quiet.txt)", () => {
    const parsed = parseCachestatTp(readFixture("cachestat", "quiet.txt"));
    expect(parsed.flavour).toBe("bpftriage-script");
    const [series, processes] = parsed.measurements;
    expect(series?.kind === "series" && series.rows.map((row) => row.HITRATIO)).toEqual(["-", 100, "-", "-", "-"]);
    // Line 9: the table title with no process under it.
    expect(processes).toEqual({ kind: "events", columns: ["PID", "COMM", "MISSES"], rows: [] });
    expect(parsed.notes).toContainEqual({ line: 1, kind: "attaching", text: "Attaching 8 probes..." });
    expect(parsed.notes).toContainEqual({ line: 2, kind: "extension", text: CACHESTAT_TP_ESTIMATE_NOTE });
  });

  it("reads the native tool's cold then warm read, with no bpftrace lines around it (fixtures/cachestat/native-cold-then-warm.txt)", () => {
    const parsed = parseCachestatTp(readFixture("cachestat", "native-cold-then-warm.txt"));
    const [series, processes] = parsed.measurements;
    if (series?.kind !== "series" || processes?.kind !== "events") throw new Error("expected a series and a table");
    expect(series.rows).toHaveLength(6);
    // Line 4: the cold pass.
    expect(series.rows[1]).toEqual({
      TIME: "08:53:46",
      HITS: 12,
      MISSES: 103592,
      DIRTIES: 2,
      HITRATIO: 0.01,
      READ_PAGES: 102417,
      READ_MISSES: 102405,
      INSERTS: 103592,
    });
    // Line 5: the warm pass.
    expect(series.rows[2]).toEqual({ TIME: "08:53:47", HITS: 102410, MISSES: 15, DIRTIES: 8, HITRATIO: 100, READ_PAGES: 102410, READ_MISSES: 0, INSERTS: 15 });
    expect(series.rows.slice(3).map((row) => row.HITRATIO)).toEqual(["-", "-", "-"]);
    // Lines 10-17, printed smallest first, come out largest first; the tool's own page faults are in it.
    expect(processes.rows).toHaveLength(8);
    expect(processes.rows[0]).toEqual({ PID: 8581, COMM: "pagecache-read", MISSES: 102501 });
    expect(processes.rows[1]).toEqual({ PID: 8581, COMM: "perl", MISSES: 1053 });
    expect(processes.rows.find((row) => row.COMM === "cachestat-tp")).toEqual({ PID: 8567, COMM: "cachestat-tp", MISSES: 34 });
    expect(processes.rows.at(-1)).toEqual({ PID: 8509, COMM: "bash", MISSES: 2 });
    // Line 1 is the banner (a note), no "Attaching" line, no trailing empty lines.
    expect(parsed.notes).toEqual([
      { line: 1, kind: "banner", text: "Tracing page cache with tracepoints for 6 secs; HITS and HITRATIO are estimates." },
      { line: 1, kind: "extension", text: CACHESTAT_TP_ESTIMATE_NOTE },
    ]);
  });

  it("reads the native tool's warm passes and its empty table (fixtures/cachestat/native-warm-read.txt, native-quiet.txt)", () => {
    const warm = parts(readFixture("cachestat", "native-warm-read.txt"));
    // Lines 4-6: one pass per second.
    expect(warm.series?.rows.slice(1, 4).map((row) => [row.READ_PAGES, row.HITRATIO, row.READ_MISSES])).toEqual([
      [102417, 100, 0],
      [102410, 100, 0],
      [102410, 100, 0],
    ]);
    expect(warm.processes).toEqual({ kind: "events", columns: ["PID", "COMM", "MISSES"], rows: [] });
    const quiet = parts(readFixture("cachestat", "native-quiet.txt"));
    expect(quiet.series?.rows.map((row) => row.HITRATIO)).toEqual(["-", 100, "-", "-", "-"]);
    // Line 4: two pages read, both hits.
    expect(quiet.series?.rows[1]).toMatchObject({ TIME: "08:53:31", HITS: 2, READ_PAGES: 2 });
    expect(quiet.processes?.rows).toEqual([]);
  });

  it("keeps the series when the run was cut before the per-process table (Ctrl-C banner)", () => {
    const banner = "Tracing page cache with tracepoints... Hit Ctrl-C to end; HITS and HITRATIO are estimates.\n";
    const parsed = parseCachestatTp(`${banner}${HEADER}05:01:38      243   104242      131    0.23%     103179      102936   104386\n`);
    expect(parsed.measurements).toHaveLength(1);
    expect(parsed.measurements[0]?.kind).toBe("series");
    expect(parsed.notes.map((note) => note.kind)).toEqual(["banner", "extension"]);
  });

  it("reads a command name containing `, ` and `]` up to the last `]: `", () => {
    const text = `${HEADER}MISSES BY PROCESS (top 2):\n@proc_misses[7, a, b]: 1]: 9\n@proc_misses[8, x]: 10\n`;
    expect(parts(text).processes?.rows).toEqual([
      { PID: 8, COMM: "x", MISSES: 10 },
      { PID: 7, COMM: "a, b]: 1", MISSES: 9 },
    ]);
  });

  it("names the line of a malformed row", () => {
    const text = `${HEADER}05:01:38      243   104242      131    0.23%     103179      102936   104386\n05:01:39      2x3\n`;
    expect(() => parseCachestatTp(text, "capture.txt")).toThrow(ParseError);
    expect(() => parseCachestatTp(text, "capture.txt")).toThrow(/^cachestat-tp: capture.txt:3: expected a row such as/);
  });

  it("refuses rows before the header, a malformed process line, and the original's output", () => {
    expect(() => parseCachestatTp("05:01:38      243   104242      131    0.23%     103179      102936   104386\n")).toThrow(/:1: expected the header/);
    expect(() => parseCachestatTp(`${HEADER}MISSES BY PROCESS (top 2):\n@proc_misses[x, y]: 1\n`)).toThrow(/:3: expected a process line/);
    const original = "TIME         HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB\n05:01:38     1132        0        4  100.00%          277       4367\n";
    expect(() => parseCachestatTp(original)).toThrow(/:1: expected the cachestat-tp.bt banner or header/);
    expect(() => parseCachestatTp("")).toThrow(/empty input/);
  });

  it("shares HITS, MISSES, DIRTIES and HITRATIO (a percent number) with the original's parser", () => {
    const original = parseCachestat("TIME         HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB\n05:01:38      243   104242      131    0.23%          277       4367\n");
    const ours = parts(`${HEADER}05:01:38      243   104242      131    0.23%     103179      102936   104386\n`).series;
    const shared = ["TIME", "HITS", "MISSES", "DIRTIES", "HITRATIO"];
    const pick = (row: Record<string, string | number> | undefined) => Object.fromEntries(shared.map((name) => [name, row?.[name]]));
    expect(pick(original.measurements[0]?.rows[0])).toEqual(pick(ours?.rows[0]));
  });
});
