import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixturePath } from "../helpers/fixtures.js";

// Runs `bpftriage analyze TOOL FILE [--json]` on a fixture.
const analyze = (tool: string, path: string[], json = false) => runCli(["analyze", tool, fixturePath(...path), ...(json ? ["--json"] : [])]);

describe("bpftriage analyze on every kind of output", () => {
  it("prints the top stacks by value, innermost frame first, without the tracer's own frames", () => {
    const result = analyze("offcputime", ["offcputime", "offcpu-mix-pid.txt"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("offcputime (unknown)");
    expect(result.stdout).toContain("8 stacks, total 2891050; top 8 by value (innermost frame first):");
    // The largest stack, the 1647925 us spent in clock_nanosleep, comes first.
    expect(result.stdout).toMatch(/1647925 57\.0% {2}offcpu-mix \(20690\)\n {4}\(3 tracer frames hidden\)\n {4}__schedule\n {4}schedule\n {4}do_nanosleep/);
  });

  it("prints folded stacks of profile with their share", () => {
    const result = analyze("profile", ["peer", "bcc", "profile", "folded.txt"]);
    expect(result.status).toBe(0);
    // bcc tools/profile_example.txt lines 315-322: 8 stacks, 199 samples, the largest 64 (func_a).
    expect(result.stdout).toContain("8 stacks, total 199;");
    expect(result.stdout).toMatch(/64 32\.2% {2}func_ab\n {4}func_a\n {4}main\n {4}__libc_start_main\n {4}\[unknown\]/);
  });

  it("prints a series as a table with per-column summaries", () => {
    const result = analyze("cachestat", ["peer", "bcc", "cachestat", "miss-burst.txt"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("8 rows:");
    expect(result.stdout).toContain("MISSES: min -19, mean 1716.38, max 13750");
  });

  it("prints events slowest first", () => {
    const result = analyze("zfsslower", ["peer", "bcc", "zfsslower", "all.txt"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("19 events, slowest first:");
    expect(result.stdout.split("\n")[4]).toMatch(/^06:36:07 +dd +32242 +W +131072 +14208 +398\.92 +data1$/);
  });

  it("redraws a bpftrace histogram with its quantiles", () => {
    const result = analyze("runqlat", ["peer", "bpftrace", "runqlat", "idle-outlier.txt"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("runqlat (bpftrace)");
    expect(result.stdout).toContain("map = @usecs:");
    expect(result.stdout).toMatch(/total 662; p50 [\d.]+/);
  });

  it("prints the contract JSON for bpftrace, linear and stack measurements", () => {
    const bt = JSON.parse(analyze("xfsdist", ["peer", "bpftrace", "xfsdist", "per-function.txt"], true).stdout) as {
      tool: string;
      flavour: string;
      measurements: Array<Record<string, unknown>>;
    };
    expect(bt.tool).toBe("xfsdist");
    expect(bt.flavour).toBe("bpftrace");
    expect(bt.measurements[1]).toMatchObject({ kind: "histogram", labels: { map: "@us", key: "xfs_file_read_iter" }, unit: "usecs", scale: "log2", total: 1986 });
    expect(bt.measurements[1]?.quantiles).toBeDefined();
    expect(bt.measurements[1]?.shape).toBeDefined();
    const linear = JSON.parse(analyze("runqlen", ["peer", "bcc", "runqlen", "queue-of-7.txt"], true).stdout) as { measurements: Array<Record<string, unknown>> };
    expect(linear.measurements[0]).toMatchObject({ kind: "histogram", unit: "runqlen", scale: "linear", total: 1895 });
    const folded = JSON.parse(analyze("offcputime", ["peer", "bcc", "offcputime", "folded.txt"], true).stdout) as {
      flavour: string;
      measurements: Array<{ kind: string; stacks: Array<{ comm: string; pid: number | null; frames: string[]; value: number }> }>;
    };
    expect(folded.flavour).toBe("folded");
    expect(folded.measurements[0]?.stacks[0]).toMatchObject({ comm: "bash", pid: null, value: 8 });
  });

  it("reads a pasted file with several runs and prose (the whole runs of one example)", () => {
    const result = runCli(["analyze", "runqlen", "-"], {
      input: `Some prose.\n\n# ./runqlen.py\nSampling run queue length... Hit Ctrl-C to end.\n^C\n     runqlen       : count     distribution\n        0          : 1776     |****************************************|\n\nMore prose.\n\n# ./runqlen.py -OT 1\nSampling run queue length... Hit Ctrl-C to end.\n\n19:54:53\nrunqocc: 41.09%\n`,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("runqlen (unknown), stdin: 2 measurements");
    expect(result.stdout).toContain("1 rows:");
  });

  it.each([
    ["offcputime given profile output", "offcputime", readFileSync(fixturePath("peer", "bcc", "profile", "default.txt"), "utf8"), /^bpftriage: offcputime: stdin:1: expected offcputime output, received "Sampling at 49 Hertz/],
    ["truncated stacks", "profile", "    filemap_map_pages\n    [unknown]\n    -                cp (90", /^bpftriage: profile: stdin:3: expected a `- {16}comm \(pid\)` line, received " {4}- {16}cp \(90"\n$/],
    ["a truncated event row", "execsnoop", "PCOMM            PID    PPID   RET ARGS\ntrue             126", /^bpftriage: execsnoop: stdin:2: expected an event row with the columns PCOMM PID PPID RET ARGS, received "true {13}126"\n$/],
    ["binary garbage", "cachestat", Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x41]), /^bpftriage: cachestat: stdin:1: expected the cachestat header/],
  ])("gives one line on stderr and exit 3 for %s", (_name, tool, input, message) => {
    const result = runCli(["analyze", tool, "-"], { input });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });

  it("names every tool it can analyse when given an unknown one", () => {
    const result = runCli(["analyze", "nosuchtool", "-"], { input: "x" });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^bpftriage: unknown tool "nosuchtool": expected one of runqlat, biolatency, runqslower, runqlen, cpudist, .*, offcputime, profile\n$/);
  });
});
