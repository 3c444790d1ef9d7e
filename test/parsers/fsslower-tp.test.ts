import { describe, expect, it } from "vitest";
import type { EventsMeasurement } from "../../src/model/measurement.js";
import { ParseError } from "../../src/model/errors.js";
import { FSSLOWER_COLUMNS, parseFsslowerTp } from "../../src/parsers/fsslower-tp.js";
import { parseFsslower } from "../../src/parsers/fsslower.js";
import { readFixture } from "../helpers/fixtures.js";

const HEADER = "TIME     COMM             PID     T BYTES   OFF_KB   LAT(ms) FILENAME\n";

const eventsOf = (text: string): EventsMeasurement | undefined => parseFsslowerTp(text).measurements[0];

// How many rows have each value of a column.
const countBy = (events: EventsMeasurement | undefined, column: string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const row of events?.rows ?? []) counts[String(row[column])] = (counts[String(row[column])] ?? 0) + 1;
  return counts;
};

describe("parseFsslowerTp", () => {
  it("reads slow fsyncs and reads at 1 ms, all processes (fixtures/fsslower/fsync-writer-1ms.txt)", () => {
    const events = eventsOf(readFixture("fsslower", "fsync-writer-1ms.txt"));
    expect(events?.columns).toEqual(["TIME", "COMM", "PID", "T", "BYTES", "OFF_KB", "LAT(ms)", "FILENAME"]);
    expect(events?.rows).toHaveLength(60);
    expect(countBy(events, "T")).toEqual({ F: 47, R: 13 });
    expect(countBy(events, "COMM")).toEqual({ "fsync-writer": 60 });
    expect(events?.rows.every((row) => Number(row["LAT(ms)"]) >= 1)).toBe(true);
    // Line 45: the slowest operation, an fsync of the writer's file.
    const slowest = events?.rows.reduce((a, b) => (Number(b["LAT(ms)"]) > Number(a["LAT(ms)"]) ? b : a));
    expect(slowest).toEqual({
      TIME: "07:17:45",
      COMM: "fsync-writer",
      PID: 31188,
      T: "F",
      BYTES: 0,
      OFF_KB: 0,
      "LAT(ms)": 19.63,
      FILENAME: "/var/tmp/bpftriage-fsync.cc6rc2",
    });
    // Line 15: the writer's slow 1 MiB read-back from the start of the file, with the path it opened.
    expect(events?.rows[11]).toEqual({
      TIME: "07:17:42",
      COMM: "fsync-writer",
      PID: 31188,
      T: "R",
      BYTES: 1048576,
      OFF_KB: 0,
      "LAT(ms)": 4.32,
      FILENAME: "/var/tmp/bpftriage-fsync.cc6rc2",
    });
  });

  it("reads every operation of one process at 0 ms (fixtures/fsslower/fsync-writer-0ms-pid.txt)", () => {
    const events = eventsOf(readFixture("fsslower", "fsync-writer-0ms-pid.txt"));
    expect(events?.rows).toHaveLength(600);
    expect(countBy(events, "T")).toEqual({ O: 11, W: 292, F: 292, R: 5 });
    expect(countBy(events, "PID")).toEqual({ 31390: 600 });
    expect(countBy(events, "FILENAME")).toEqual({ "/var/tmp/bpftriage-fsync.vxnNFF": 600 });
    // Lines 4-6: open, first 64 KiB append at offset 0, its fsync.
    expect(events?.rows.slice(0, 3).map((row) => [row.T, row.BYTES, row.OFF_KB, row["LAT(ms)"]])).toEqual([
      ["O", 0, 0, 0.02],
      ["W", 65536, 0, 0.09],
      ["F", 0, 0, 1.94],
    ]);
    // Lines 51, 53, 55: O_APPEND writes, offsets 64 KiB apart.
    const writes = events?.rows.filter((row) => row.T === "W").map((row) => row.OFF_KB);
    expect(writes?.slice(23, 26)).toEqual([1472, 1536, 1600]);
    // Line 88: the slowest fsync of this run.
    expect(Math.max(...(events?.rows.map((row) => Number(row["LAT(ms)"])) ?? []))).toBe(6.24);
  });

  it("keeps a quiet run as an empty table, with the banner as a note (fixtures/fsslower/quiet-10ms.txt)", () => {
    const parsed = parseFsslowerTp(readFixture("fsslower", "quiet-10ms.txt"));
    expect(parsed.flavour).toBe("bpftriage-script");
    expect(parsed.measurements).toEqual([{ kind: "events", columns: [...FSSLOWER_COLUMNS], rows: [] }]);
    expect(parsed.notes.slice(0, 2)).toEqual([
      { line: 1, kind: "attaching", text: "Attaching 8 probes..." },
      { line: 2, kind: "banner", text: "Tracing ext4 file syscalls slower than 10 ms for 5 secs." },
    ]);
  });

  it("reads the native tool's slow operations at 1 ms (fixtures/fsslower/native-fsync-writer-1ms.txt)", () => {
    const parsed = parseFsslowerTp(readFixture("fsslower", "native-fsync-writer-1ms.txt"));
    const events = parsed.measurements[0];
    expect(events?.rows).toHaveLength(19);
    expect(countBy(events, "T")).toEqual({ F: 6, R: 13 });
    expect(countBy(events, "PID")).toEqual({ 8661: 19 });
    // Line 4: the first slow 1 MiB read-back, named by the path the writer opened.
    expect(events?.rows[1]).toEqual({
      TIME: "08:54:01",
      COMM: "fsync-writer",
      PID: 8661,
      T: "R",
      BYTES: 1048576,
      OFF_KB: 0,
      "LAT(ms)": 3.88,
      FILENAME: "/var/tmp/bpftriage-fsync.szAAAM",
    });
    // Line 15: the slowest fsync.
    const fsyncs = events?.rows.filter((row) => row.T === "F") ?? [];
    expect(Math.max(...fsyncs.map((row) => Number(row["LAT(ms)"])))).toBe(3.63);
    expect(events?.rows[12]).toMatchObject({ TIME: "08:54:04", T: "F", "LAT(ms)": 3.63 });
    // Only the banner is noise: no "Attaching" line, no trailing empty lines.
    expect(parsed.notes).toEqual([{ line: 1, kind: "banner", text: "Tracing ext4 file syscalls slower than 1 ms for 5 secs." }]);
  });

  it("reads every operation of one process from the native tool (fixtures/fsslower/native-fsync-writer-0ms-pid.txt)", () => {
    const events = eventsOf(readFixture("fsslower", "native-fsync-writer-0ms-pid.txt"));
    expect(events?.rows).toHaveLength(651);
    expect(countBy(events, "T")).toEqual({ O: 13, W: 316, F: 316, R: 6 });
    expect(countBy(events, "FILENAME")).toEqual({ "/var/tmp/bpftriage-fsync.9omCpo": 651 });
    // Lines 3-5: open, first 64 KiB append at offset 0, its fsync.
    expect(events?.rows.slice(0, 3).map((row) => [row.T, row.BYTES, row.OFF_KB, row["LAT(ms)"]])).toEqual([
      ["O", 0, 0, 0.02],
      ["W", 65536, 0, 0.12],
      ["F", 0, 0, 0.78],
    ]);
    // Lines 50, 52, 54: O_APPEND writes, offsets 64 KiB apart.
    expect(events?.rows.filter((row) => row.T === "W").map((row) => row.OFF_KB).slice(23, 26)).toEqual([1472, 1536, 1600]);
    // Line 105: the slowest operation, a 1 MiB read; line 174: the slowest fsync.
    expect(events?.rows[102]).toMatchObject({ T: "R", BYTES: 1048576, "LAT(ms)": 4.42 });
    expect(events?.rows[171]).toMatchObject({ T: "F", "LAT(ms)": 3.79 });
  });

  it("keeps the native tool's quiet run as an empty table (fixtures/fsslower/native-quiet-10ms.txt)", () => {
    const parsed = parseFsslowerTp(readFixture("fsslower", "native-quiet-10ms.txt"));
    expect(parsed.measurements).toEqual([{ kind: "events", columns: [...FSSLOWER_COLUMNS], rows: [] }]);
    expect(parsed.notes).toEqual([{ line: 1, kind: "banner", text: "Tracing ext4 file syscalls slower than 10 ms for 5 secs." }]);
  });

  it("reads a command name with spaces by position, a negative errno, and an empty file name", () => {
    const text = `${HEADER}05:06:07 my worker 2      2124    W -28     12          1.25 /data/a file.log\n05:06:07 fsync-writer     2056    F 0       0       12345.60 \n`;
    expect(eventsOf(text)?.rows).toEqual([
      { TIME: "05:06:07", COMM: "my worker 2", PID: 2124, T: "W", BYTES: -28, OFF_KB: 12, "LAT(ms)": 1.25, FILENAME: "/data/a file.log" },
      { TIME: "05:06:07", COMM: "fsync-writer", PID: 2056, T: "F", BYTES: 0, OFF_KB: 0, "LAT(ms)": 12345.6, FILENAME: "" },
    ]);
  });

  it("names the line of a malformed or truncated row", () => {
    const text = `${HEADER}05:06:06 fsync-writer     2056    W 65536   0           0.10 /var/tmp/x\n05:06:06 fsync-writer     2056    W 655`;
    expect(() => parseFsslowerTp(text, "capture.txt")).toThrow(ParseError);
    expect(() => parseFsslowerTp(text, "capture.txt")).toThrow(/^fsslower-tp: capture.txt:3: expected an event row such as/);
  });

  it("refuses rows before the header, a second header, and empty input", () => {
    expect(() => parseFsslowerTp("05:06:06 fsync-writer     2056    W 65536   0           0.10 /var/tmp/x\n")).toThrow(/:1: expected the header/);
    expect(() => parseFsslowerTp(`${HEADER}${HEADER}`)).toThrow(/:2: expected one header per capture/);
    expect(() => parseFsslowerTp("")).toThrow(/empty input/);
  });

  it("gives the same rows as the original's parser reads from the same text (libbpf-tools layout)", () => {
    const text = readFixture("fsslower", "fsync-writer-1ms.txt");
    const original = parseFsslower(text, "fsslower");
    expect(original.measurements[0]?.columns).toEqual(eventsOf(text)?.columns);
    expect(original.measurements[0]?.rows).toEqual(eventsOf(text)?.rows);
  });
});
