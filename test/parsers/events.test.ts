import { describe, expect, it } from "vitest";
import type { EventsMeasurement } from "../../src/model/measurement.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

const analyze = (tool: string, ...path: string[]) => {
  const parsed = ANALYZERS[tool]?.(readFixture(...path), path.join("/"));
  if (parsed === undefined) throw new Error(`no analyzer for ${tool}`);
  return parsed;
};
const tables = (tool: string, ...path: string[]): EventsMeasurement[] =>
  analyze(tool, ...path).measurements.filter((m): m is EventsMeasurement => m.kind === "events");

describe("execsnoop", () => {
  it("reads the bcc layout COMM PID RET ARGS", () => {
    const [table] = tables("execsnoop", "peer", "bcc", "execsnoop", "default.txt");
    expect(table?.columns).toEqual(["COMM", "PID", "RET", "ARGS"]);
    // bcc tools/execsnoop_example.txt lines 9-17.
    expect(table?.rows).toHaveLength(9);
    expect(table?.rows[0]).toEqual({ COMM: "bash", PID: 15887, RET: 0, ARGS: "/usr/bin/man ls" });
    expect(table?.rows[8]).toEqual({ COMM: "groff", PID: 15903, RET: 0, ARGS: "/usr/bin/grotty" });
  });

  it("reads failed execs (-x), -Ttn time columns, 7-digit PIDs and the UID column", () => {
    // Lines 40, 43, 45: three execs returned -2.
    expect(tables("execsnoop", "peer", "bcc", "execsnoop", "failed.txt")[0]?.rows.filter((row) => row.RET === -2)).toHaveLength(3);
    // Line 61.
    expect(tables("execsnoop", "peer", "bcc", "execsnoop", "time-columns.txt")[0]?.rows).toEqual([
      { TIME: "14:08:23", "TIME(s)": 2.849, COMM: "mount", PID: 18049, PPID: 1045, RET: 0, ARGS: "/bin/mount -p" },
    ]);
    // Line 70: the PID overflows its column.
    expect(tables("execsnoop", "peer", "bcc", "execsnoop", "arg-filter.txt")[0]?.rows[0]).toEqual({
      COMM: "service", PID: 3344535, PPID: 4146419, RET: 0, ARGS: "/usr/sbin/service testpkg status",
    });
    // Lines 92-94.
    expect(tables("execsnoop", "peer", "bcc", "execsnoop", "uid.txt")[0]?.rows.map((row) => [row.UID, row.COMM, row.PID])).toEqual([
      [1000, "ls", 171318], [1000, "w", 171322],
    ]);
  });

  it("reads the bpftrace example's TIME PID PPID ARGS", () => {
    const parsed = analyze("execsnoop", "peer", "bpftrace", "execsnoop", "man-ls.txt");
    expect(parsed.flavour).toBe("bpftrace");
    const [table] = tables("execsnoop", "peer", "bpftrace", "execsnoop", "man-ls.txt");
    // bpftrace tools/execsnoop_example.txt lines 9-25.
    expect(table?.rows).toHaveLength(17);
    expect(table?.rows[0]).toEqual({ TIME: "08:57:52.430193", PID: 3187374, PPID: 1971701, ARGS: "ls --color --color=auto -lh execsnoop.bt execsnoop.bt.0 execsnoop.bt.1" });
  });

  it("reads this machine's libbpf-tools and bpftrace 0.17 captures", () => {
    const loop = analyze("execsnoop", "execsnoop", "exec-loop.txt");
    expect(loop.flavour).toBe("libbpf-tools");
    const [table] = tables("execsnoop", "execsnoop", "exec-loop.txt");
    expect(table?.columns).toEqual(["PCOMM", "PID", "PPID", "RET", "ARGS"]);
    expect(table?.rows).toHaveLength(55);
    // Line 2; the blank libbpf-tools prints after the last argument is not part of ARGS.
    expect(table?.rows[0]).toEqual({ PCOMM: "echo", PID: 20942, PPID: 20918, RET: 0, ARGS: "/bin/echo bpftriage-exec-loop with spaces" });
    const [all] = tables("execsnoop", "execsnoop", "exec-loop-all-columns.txt");
    expect(all?.columns).toEqual(["TIME", "TIME(s)", "UID", "PCOMM", "PID", "PPID", "RET", "ARGS"]);
    expect(all?.rows).toHaveLength(65);
    expect(all?.rows.filter((row) => row.RET === -2 && row.PCOMM === "bash")).toHaveLength(13);
    expect(all?.rows.every((row) => row.UID === 65534)).toBe(true);
    const [bt] = tables("execsnoop", "bpftrace", "execsnoop-bt.txt");
    expect(bt?.columns).toEqual(["TIME(ms)", "PID", "ARGS"]);
    expect(bt?.rows).toHaveLength(40);
    expect(bt?.rows.filter((row) => String(row.ARGS).startsWith("/nonexistent/"))).toHaveLength(8);
  });
});

describe("biosnoop", () => {
  it("reads the bcc layout, COMM by its 14-character column", () => {
    const [table] = tables("biosnoop", "peer", "bcc", "biosnoop", "default.txt");
    expect(table?.columns).toEqual(["TIME(s)", "COMM", "PID", "DISK", "T", "SECTOR", "BYTES", "LAT(ms)"]);
    expect(table?.rows).toHaveLength(15);
    // bcc tools/biosnoop_example.txt line 17.
    expect(table?.rows[8]).toEqual({ "TIME(s)": 2.00392, COMM: "xfsaild/md0", PID: 456, DISK: "xvdc", T: "W", SECTOR: 62901512, BYTES: 8192, "LAT(ms)": 0.23 });
    const [queued] = tables("biosnoop", "peer", "bcc", "biosnoop", "queued.txt");
    // Line 58: a COMM cut to exactly 14 characters.
    expect(queued?.rows[2]).toMatchObject({ COMM: "xfsaild/nvme1n", PID: 1061, "QUE(ms)": 0.01, "LAT(ms)": 0.61 });
  });

  it("reads the libbpf-tools layout: TIMESTAMP, rwbs types, 3 decimals, QUE(ms) -1.000", () => {
    // FORMATS.md 2.9 (libbpf-tools biosnoop.c 330-340, 192-212): %-12s %-14s %-7s %-7s %-4s %-10s %-7s %7s %7s.
    const row = (...cells: string[]): string =>
      [cells[0]?.padEnd(12), cells[1]?.padEnd(14), cells[2]?.padEnd(7), cells[3]?.padEnd(7), cells[4]?.padEnd(4), cells[5]?.padEnd(10), cells[6]?.padEnd(7), cells[7]?.padStart(7), cells[8]?.padStart(7)].join(" ");
    const text = [
      row("TIMESTAMP", "COMM", "PID", "DISK", "T", "SECTOR", "BYTES", "QUE(ms)", "LAT(ms)"),
      row("05:01:17.123", "jbd2/vda1-8", "201", "vda", "WS", "1234568", "8192", "0.012", "0.815"),
      row("05:01:17.130", "kworker/u8:2", "99", "Unknown", "FWS", "0", "0", "-1.000", "1.204"),
      "",
    ].join("\n");
    const parsed = ANALYZERS.biosnoop?.(text);
    expect(parsed?.flavour).toBe("libbpf-tools");
    expect((parsed?.measurements[0] as EventsMeasurement).rows).toEqual([
      { TIMESTAMP: "05:01:17.123", COMM: "jbd2/vda1-8", PID: 201, DISK: "vda", T: "WS", SECTOR: 1234568, BYTES: 8192, "QUE(ms)": 0.012, "LAT(ms)": 0.815 },
      { TIMESTAMP: "05:01:17.130", COMM: "kworker/u8:2", PID: 99, DISK: "Unknown", T: "FWS", SECTOR: 0, BYTES: 0, "QUE(ms)": -1, "LAT(ms)": 1.204 },
    ]);
  });

  it("reads the bpftrace two-line header DISK ID / MAJOR MINOR", () => {
    const parsed = analyze("biosnoop", "peer", "bpftrace", "biosnoop", "cksum.txt");
    expect(parsed.flavour).toBe("bpftrace");
    const [table] = tables("biosnoop", "peer", "bpftrace", "biosnoop", "cksum.txt");
    expect(table?.columns).toEqual(["TIME(ms)", "MAJOR", "MINOR", "COMM", "PID", "LAT(ms)"]);
    // bpftrace tools/biosnoop_example.txt lines 11-28: 18 I/Os, the first by bash, the last 32 ms.
    expect(table?.rows).toHaveLength(18);
    expect(table?.rows[0]).toEqual({ "TIME(ms)": 611, MAJOR: 259, MINOR: 0, COMM: "bash", PID: 4179, "LAT(ms)": 10 });
    expect(table?.rows[17]?.["LAT(ms)"]).toBe(32);
  });

  it("keeps a header-only bpftrace 0.17 run (kprobes did not attach) as an empty table", () => {
    const [table] = tables("biosnoop", "bpftrace", "biosnoop-bt-no-kprobes.txt");
    expect(table).toEqual({ kind: "events", columns: ["TIME(ms)", "DISK", "COMM", "PID", "LAT(ms)"], rows: [] });
  });
});

describe("ext4slower and the fsslower family", () => {
  it("reads the bcc layout", () => {
    const [table] = tables("ext4slower", "peer", "bcc", "ext4slower", "default.txt");
    expect(table?.columns).toEqual(["TIME", "COMM", "PID", "T", "BYTES", "OFF_KB", "LAT(ms)", "FILENAME"]);
    // bcc tools/ext4slower_example.txt lines 10-27.
    expect(table?.rows).toHaveLength(18);
    expect(table?.rows[0]).toEqual({ TIME: "06:35:01", COMM: "cron", PID: 16464, T: "R", BYTES: 1249, OFF_KB: 0, "LAT(ms)": 16.05, FILENAME: "common-auth" });
    // Line 26: the slowest, postdrop reading Universal.
    expect(Math.max(...(table?.rows.map((row) => Number(row["LAT(ms)"])) ?? []))).toBe(32.94);
    // Line 51: a file named `[`.
    expect(tables("ext4slower", "peer", "bcc", "ext4slower", "over-1ms.txt")[0]?.rows[1]).toMatchObject({ BYTES: 39552, "LAT(ms)": 1.34, FILENAME: "[" });
  });

  it("reads the CSV mode (-j, and f2fsslower -s)", () => {
    const [csv] = tables("ext4slower", "peer", "bcc", "ext4slower", "csv.txt");
    expect(csv?.columns).toEqual(["ENDTIME_us", "TASK", "PID", "TYPE", "BYTES", "OFFSET_b", "LATENCY_us", "FILE"]);
    // Line 156.
    expect(csv?.rows[0]).toEqual({ ENDTIME_us: 127200712278, TASK: "bash", PID: 17225, TYPE: "R", BYTES: 128, OFFSET_b: 0, LATENCY_us: 14329, FILE: "cksum" });
    expect(csv?.rows).toHaveLength(26);
    const [f2fs] = tables("f2fsslower", "peer", "bcc", "f2fsslower", "csv.txt");
    // bcc tools/f2fsslower_example.txt line 181.
    expect(f2fs?.rows[0]).toMatchObject({ TASK: "mobile_log_d.wr", PID: 1048, TYPE: "W", BYTES: 262131, OFFSET_b: 38840382, LATENCY_us: 2661 });
    expect(f2fs?.rows).toHaveLength(44);
  });

  it("reads command names with spaces by their column", () => {
    const [table] = tables("f2fsslower", "peer", "bcc", "f2fsslower", "default.txt");
    // bcc tools/f2fsslower_example.txt lines 9 and 26.
    expect(table?.rows[1]).toMatchObject({ COMM: "binder:912_3", PID: 912, T: "R" });
    expect(table?.rows.filter((row) => row.COMM === "GLThread 42").length).toBeGreaterThan(0);
    expect(table?.rows.find((row) => row.COMM === "GLThread 42")).toMatchObject({ PID: 17273, T: "S", "LAT(ms)": 32.27, FILENAME: "Cocos2dxPrefsFile.xml" });
  });

  it("opens a table at a banner that is not followed by a header (nfsslower 0)", () => {
    const parsed = analyze("nfsslower", "peer", "bcc", "nfsslower", "all-no-header.txt");
    expect(parsed.flavour).toBe("bcc");
    const [table] = tables("nfsslower", "peer", "bcc", "nfsslower", "all-no-header.txt");
    // bcc tools/nfsslower_example.txt lines 67-112: 46 rows, 17 of them getattr (G).
    expect(table?.rows).toHaveLength(46);
    expect(table?.rows.filter((row) => row.T === "G")).toHaveLength(17);
    expect(table?.rows[0]).toEqual({ TIME: "11:56:50", COMM: "dd", PID: 21852, T: "W", BYTES: 1048576, OFF_KB: 0, "LAT(ms)": 0.42, FILENAME: "1.test" });
  });

  it("keeps the author's [...] inside a run as a note and reads on", () => {
    const parsed = analyze("zfsslower", "peer", "bcc", "zfsslower", "all.txt");
    expect(parsed.notes.filter((note) => note.kind === "elision")).toEqual([{ line: 15, kind: "elision", text: "[...]" }]);
    const [table] = tables("zfsslower", "peer", "bcc", "zfsslower", "all.txt");
    // bcc tools/zfsslower_example.txt line 64: the 398.92 ms outlier among 0.03-0.28 ms writes.
    expect(table?.rows).toHaveLength(19);
    expect(table?.rows.filter((row) => Number(row["LAT(ms)"]) > 1)).toEqual([
      { TIME: "06:36:07", COMM: "dd", PID: 32242, T: "W", BYTES: 131072, OFF_KB: 14208, "LAT(ms)": 398.92, FILENAME: "data1" },
    ]);
  });

  it("reads btrfsslower and xfsslower runs and CSV", () => {
    const [btrfs] = tables("btrfsslower", "peer", "bcc", "btrfsslower", "over-1ms.txt");
    // bcc tools/btrfsslower_example.txt line 38: the first of 30 reads.
    expect(btrfs?.rows).toHaveLength(30);
    expect(btrfs?.rows[0]).toEqual({ TIME: "03:26:54", COMM: "randread.pl", PID: 30578, T: "R", BYTES: 8192, OFF_KB: 214864, "LAT(ms)": 1.87, FILENAME: "data1" });
    // Line 100.
    expect(tables("btrfsslower", "peer", "bcc", "btrfsslower", "csv.txt")[0]?.rows[0]).toEqual({
      ENDTIME_us: 8930665366, TASK: "randread.pl", PID: 2717, TYPE: "R", BYTES: 8192, OFFSET_b: 230391808, LATENCY_us: 4312, FILE: "data1",
    });
    // bcc tools/xfsslower_example.txt line 10: an 8-digit OFF_KB fills its column.
    expect(tables("xfsslower", "peer", "bcc", "xfsslower", "default.txt")[0]?.rows[0]).toMatchObject({ PID: 32497, OFF_KB: 24938024, "LAT(ms)": 17.93 });
    // Line 113: an 11-digit OFFSET_b.
    expect(tables("xfsslower", "peer", "bcc", "xfsslower", "csv.txt")[0]?.rows[0]).toMatchObject({ ENDTIME_us: 125563830632, OFFSET_b: 27824193536, LATENCY_us: 1057 });
  });

  it("reads the libbpf-tools layout (COMM 16 wide, F for fsync, LL_MAX) and its CSV", () => {
    const text = [
      "Tracing ext4 operations slower than 10 ms... Hit Ctrl-C to end.",
      "TIME     COMM             PID     T BYTES   OFF_KB   LAT(ms) FILENAME",
      "10:02:03 my worker 1      4242    F LL_MAX  0          12.50 journal file.db",
      "",
    ].join("\n");
    const parsed = ANALYZERS.ext4slower?.(text);
    expect(parsed?.flavour).toBe("libbpf-tools");
    expect((parsed?.measurements[0] as EventsMeasurement).rows).toEqual([
      { TIME: "10:02:03", COMM: "my worker 1", PID: 4242, T: "F", BYTES: "LL_MAX", OFF_KB: 0, "LAT(ms)": 12.5, FILENAME: "journal file.db" },
    ]);
    const csv = ANALYZERS.fsslower?.("ENDTIME_ns,TASK,PID,TYPE,BYTES,OFFSET_b,LATENCY_us,FILE\n123456789,dd,77,W,4096,0,15000,a,b.txt\n");
    expect(csv?.flavour).toBe("libbpf-tools");
    expect((csv?.measurements[0] as EventsMeasurement).rows[0]).toMatchObject({ ENDTIME_ns: 123456789, FILE: "a,b.txt" });
  });
});
