import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/model/errors.js";
import { ANALYZABLE_TOOLS, ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

// Runs an analyzer and returns the ParseError it must throw.
const parseErrorOf = (tool: string, text: string): ParseError => {
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new Error(`no analyzer for ${tool}`);
  try {
    analyzer(text, "input.txt");
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${tool} accepted the input`);
};

// Cuts a fixture after N lines and appends a partial line.
const truncated = (text: string, lines: number, partial: string): string => `${text.split("\n").slice(0, lines).join("\n")}\n${partial}`;

const GARBAGE = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0xff, 0xfe, 0x0a, 0x13, 0x37, 0x00, 0x0a]).toString("latin1");

describe("bad input gives a ParseError naming tool, line, expected and received", () => {
  it.each(ANALYZABLE_TOOLS)("%s: empty input", (tool) => {
    const error = parseErrorOf(tool, "");
    expect(error.details).toMatchObject({ tool: expect.stringMatching(/\w/), line: 1, source: "input.txt" });
    expect(error.message).toMatch(/:1: expected .+, received empty input$/);
  });

  it.each(ANALYZABLE_TOOLS)("%s: binary garbage", (tool) => {
    const error = parseErrorOf(tool, GARBAGE);
    expect(error.details.line).toBe(1);
    expect(error.details.received).toBe("\u007fELF\u0002\u0001\u0000ÿþ");
    // Non-printable characters are shown as U+FFFD in the message.
    expect(error.message).toMatch(/input\.txt:1: expected .+, received "\uFFFDELF\uFFFD{5}"$/);
  });

  it.each([
    ["runqlen", "runqlat", "runqlat", "cpu-bursts.txt", 3, "expected a histogram of runqlen"],
    ["runqlat", "runqlen", "peer/bpftrace/runqlen", "pinned-threads.txt", 5, "expected a histogram map @usecs"],
    ["execsnoop", "cachestat", "peer/bcc/cachestat", "miss-burst.txt", 1, "expected an execsnoop header"],
    ["biosnoop", "execsnoop", "execsnoop", "exec-loop.txt", 1, "expected a biosnoop header"],
    ["ext4slower", "biosnoop", "peer/bcc/biosnoop", "default.txt", 1, "expected a file-system slower banner"],
    ["cachestat", "runqlat", "runqlat", "quiet.txt", 1, "expected the cachestat header"],
    ["offcputime", "profile", "peer/bcc/profile", "default.txt", 1, "expected offcputime output"],
    ["profile", "offcputime", "peer/bcc/offcputime", "one-pid.txt", 1, "expected profile output"],
    ["profile", "cpudist", "cpudist", "quiet.txt", 1, "expected a profile banner or stacks"],
    ["cpudist", "execsnoop", "bpftrace", "execsnoop-bt.txt", 2, "expected a cpudist banner or histogram header"],
    ["xfsdist", "cachestat", "peer/bcc/cachestat", "write-dirties.txt", 1, "expected a xfsdist banner"],
  ])("%s given %s output (%s/%s) fails at line %i", (tool, _other, folder, file, line, expected) => {
    const error = parseErrorOf(tool, readFixture(...folder.split("/"), file));
    expect(error.details.line).toBe(line);
    expect(error.message).toContain(expected);
  });

  it.each([
    ["execsnoop", "execsnoop/exec-loop.txt", 5, "bash             2094", 6, "expected an event row with the columns PCOMM PID PPID RET ARGS"],
    ["biosnoop", "peer/bcc/biosnoop/default.txt", 6, "1.022568    supervise      1950   xvda1   W 1318", 7, "expected an event row"],
    ["ext4slower", "peer/bcc/ext4slower/default.txt", 8, "06:35:01 cron           16465  R 4", 9, "expected an event row"],
    ["ext4slower", "peer/bcc/ext4slower/csv.txt", 4, "127200738482,cksum,17225,R,6553", 5, "expected an event row with the columns ENDTIME_us"],
    ["cachestat", "peer/bcc/cachestat/miss-burst.txt", 4, "   17154    137", 5, "expected a row of HITS MISSES"],
    ["offcputime", "peer/bcc/offcputime/folded.txt", 3, "run;page_fault;do_page_fault;__do_pa", 4, "expected a folded stack line"],
    ["profile", "peer/bcc/profile/default.txt", 8, "    -                cp (90", 9, "a `-                comm (pid)` line"],
    ["runqlat", "peer/bpftrace/runqlat/idle-outlier.txt", 12, "[16, 32)             19", 13, "expected a complete bucket row"],
    ["runqlen", "peer/bcc/runqlen/loaded.txt", 6, "        4   ", 7, "expected a complete bucket row"],
    ["biolatency", "peer/bcc/biolatency/json-usecs.txt", 1, "{'ts': '2020-12-30 14:33:03', 'val_type': 'usecs', 'data': [{'interval-start': 0, 'inter", 2, "expected a Python dict literal"],
  ])("%s: truncated output (%s cut after line %i) fails at line %i", (tool, path, lines, partial, line, expected) => {
    const error = parseErrorOf(tool, truncated(readFixture(...path.split("/")), lines, partial));
    expect(error.details.line).toBe(line);
    expect(error.message).toContain(expected);
    expect(error.details.received).toBe(partial);
  });

  it("cuts the received text short in the message", () => {
    const error = parseErrorOf("execsnoop", `PCOMM            PID    PPID   RET ARGS\n${"x".repeat(200)}\n`);
    expect(error.message).toMatch(/input\.txt:2: expected an event row with the columns PCOMM PID PPID RET ARGS, received "x{60}…"$/);
  });
});
