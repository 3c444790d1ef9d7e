import { describe, expect, it } from "vitest";
import type { Stack, StacksMeasurement } from "../../src/model/measurement.js";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture } from "../helpers/fixtures.js";

const analyze = (tool: string, ...path: string[]) => {
  const parsed = ANALYZERS[tool]?.(readFixture(...path), path.join("/"));
  if (parsed === undefined) throw new Error(`no analyzer for ${tool}`);
  return parsed;
};
const stacks = (tool: string, ...path: string[]): Stack[] =>
  analyze(tool, ...path).measurements.flatMap((m) => (m.kind === "stacks" ? m.stacks : []));
const fromText = (tool: string, text: string): StacksMeasurement[] =>
  (ANALYZERS[tool]?.(text).measurements ?? []).filter((m): m is StacksMeasurement => m.kind === "stacks");

describe("offcputime", () => {
  it("reads the old multi-line layout, where the comm is the last indented line", () => {
    const parsed = analyze("offcputime", "peer", "bcc", "offcputime", "kernel-old-layout.txt");
    expect(parsed.flavour).toBe("bcc-old");
    const all = stacks("offcputime", "peer", "bcc", "offcputime", "kernel-old-layout.txt");
    expect(all).toHaveLength(61);
    // bcc tools/offcputime_example.txt lines 18-32: chmod's page fault, 13 us, innermost frame first.
    expect(all[0]).toEqual({
      comm: "chmod",
      pid: null,
      frames: ["schedule", "schedule_timeout", "io_schedule_timeout", "bit_wait_io", "__wait_on_bit", "wait_on_page_bit_killable", "__lock_page_or_retry", "filemap_fault", "__do_fault", "handle_mm_fault", "__do_page_fault", "do_page_fault", "page_fault"],
      value: 13,
    });
    // Lines 34-40.
    expect(all[1]).toEqual({ comm: "rcuos/0", pid: null, frames: ["schedule", "rcu_nocb_kthread", "kthread", "ret_from_fork", "ddebug_tables"], value: 22 });
    // Lines 580-588: the largest, last (bcc sorts ascending).
    expect(all[60]).toMatchObject({ comm: "supervise", value: 81670888 });
  });

  it("reads a duration run (`for 5 secs.` banner, no ^C)", () => {
    // Lines 628-643.
    expect(stacks("offcputime", "peer", "bcc", "offcputime", "one-pid-5s.txt")).toEqual([
      expect.objectContaining({ comm: "dd", pid: null, value: 4413909 }),
    ]);
  });

  it("reads folded stacks, reversed to innermost first", () => {
    const parsed = analyze("offcputime", "peer", "bcc", "offcputime", "folded.txt");
    expect(parsed.flavour).toBe("folded");
    const all = stacks("offcputime", "peer", "bcc", "offcputime", "folded.txt");
    expect(all).toHaveLength(47);
    // Line 663.
    expect(all[0]).toEqual({
      comm: "bash",
      pid: null,
      frames: ["schedule", "rwsem_down_read_failed", "call_rwsem_down_read_failed", "n_tty_read", "tty_read", "__vfs_read", "vfs_read", "sys_read", "entry_SYSCALL_64_fastpath"],
      value: 8,
    });
    // Line 709.
    expect(all[46]).toMatchObject({ comm: "supervise", value: 40835611, frames: expect.arrayContaining(["do_sys_poll"]) });
  });

  it("reads this machine's libbpf-tools 0.26 output (no banner, `- comm (pid)` lines)", () => {
    const all = stacks("offcputime", "offcputime", "offcpu-mix-pid.txt");
    // fixtures/offcputime/offcpu-mix-pid.txt: the eight totals, in map order.
    expect(all.map((stack) => stack.value)).toEqual([78, 422352, 22441, 14, 1452, 679761, 117027, 1647925]);
    expect(new Set(all.map((stack) => `${stack.comm} ${stack.pid}`))).toEqual(new Set(["offcpu-mix 20690"]));
    // Lines 119-135: the nanosleep stack, kernel frames then user frames.
    expect(all[7]?.frames.slice(0, 5)).toEqual(["bpf_prog_6896d07dd3e1383c_sched_switch", "bpf_trace_run4", "__traceiter_sched_switch", "__schedule", "schedule"]);
    expect(all[7]?.frames.slice(-4)).toEqual(["clock_nanosleep", "[unknown]", "[unknown]", "[unknown]"]);
    const system = stacks("offcputime", "offcputime", "system-over-10ms.txt");
    expect(system).toHaveLength(114);
    expect(Math.max(...system.map((stack) => stack.value))).toBe(3000183);
  });
});

describe("profile", () => {
  it("reads the `- comm (pid)` layout", () => {
    const all = stacks("profile", "peer", "bcc", "profile", "default.txt");
    // bcc tools/profile_example.txt lines 12-42.
    expect(all.map((stack) => [stack.comm, stack.pid, stack.value])).toEqual([
      ["cp", 9036, 1], ["sign-file", 8877, 1], ["dd", 25036, 4], ["func_ab", 13549, 5],
    ]);
    expect(all[0]?.frames).toEqual(["filemap_map_pages", "handle_mm_fault", "__do_page_fault", "do_page_fault", "page_fault", "[unknown]"]);
  });

  it("drops the `--` delimiter of -d", () => {
    const all = stacks("profile", "peer", "bcc", "profile", "delimited.txt");
    // Lines 201-213: kernel frames, `--`, the user frame; then a stack that starts with `--`.
    expect(all[0]).toEqual({ comm: "dd", pid: 25036, frames: ["__vfs_write", "sys_write", "entry_SYSCALL_64_fastpath", "__write"], value: 1 });
    expect(all[1]).toEqual({ comm: "dd", pid: 25036, frames: ["[unknown]", "[unknown]"], value: 1 });
    expect(all).toHaveLength(4);
  });

  it("keeps a stack without its count line, with value 0 and a note", () => {
    const parsed = analyze("profile", "peer", "bcc", "profile", "one-cpu-no-count.txt");
    const all = stacks("profile", "peer", "bcc", "profile", "one-cpu-no-count.txt");
    // Lines 621-623: the last python stack has no count.
    expect(all).toHaveLength(6);
    expect(all[5]).toEqual({ comm: "python", pid: 2827439, frames: ["[unknown]", "[unknown]"], value: 0 });
    expect(parsed.notes.filter((note) => note.kind === "incomplete")).toHaveLength(1);
  });

  it("keeps a stack with no frames", () => {
    const all = stacks("profile", "peer", "bcc", "profile", "user-stacks.txt");
    expect(all).toHaveLength(18);
    // Lines 701-702.
    expect(all.find((stack) => stack.frames.length === 0)).toEqual({ comm: "swapper/6", pid: 0, frames: [], value: 10 });
  });

  it("reads folded stacks with the `-` delimiter and `_[k]` kept as printed", () => {
    const all = stacks("profile", "peer", "bcc", "profile", "folded-annotated.txt");
    expect(all).toHaveLength(214);
    // Line 351.
    expect(all[3]).toEqual({
      comm: "dd",
      pid: null,
      frames: ["__fsnotify_parent_[k]", "security_file_permission_[k]", "rw_verify_area_[k]", "vfs_read_[k]", "SyS_read_[k]", "entry_SYSCALL_64_fastpath_[k]", "read", "[unknown]"],
      value: 1,
    });
    // Line 561, the last.
    expect(all[213]).toEqual({ comm: "dd", pid: null, frames: ["entry_SYSCALL_64_fastpath_[k]", "read", "[unknown]"], value: 31 });
  });

  it("drops the 16-hex-digit address column of the 2016 layout", () => {
    const parsed = analyze("profile", "peer", "bcc", "profile-2016", "default.txt");
    expect(parsed.flavour).toBe("bcc-2016");
    const all = stacks("profile", "peer", "bcc", "profile-2016", "default.txt");
    // bcc tools/old/profile_example.txt lines 12-19.
    expect(all[0]).toEqual({ comm: "cp", pid: 9036, frames: ["filemap_map_pages", "handle_mm_fault", "__do_page_fault", "do_page_fault", "page_fault", "[unknown]"], value: 1 });
    // Lines 58-65, after the author's [...]: the idle stack of swapper/1.
    expect(all[5]).toMatchObject({ comm: "swapper/1", pid: 0, value: 75, frames: expect.arrayContaining(["native_safe_halt", "start_secondary"]) });
    expect(all).toHaveLength(6);
  });

  it("reads C++ frames and command names with spaces", () => {
    const text = [
      "Sampling at 49 Hertz of all threads by user + kernel stack for 5 secs.",
      "",
      "    std::vector<int, std::allocator<int> >::push_back(int const&)",
      "    Worker::run() [clone .cold]",
      "    -                rs:main Q:Reg (812)",
      "        7",
      "",
      "my app;main;Worker::run() [clone .cold];std::vector<int, std::allocator<int> >::push_back(int const&) 3",
      "",
    ].join("\n");
    const [multi, folded] = fromText("profile", text);
    expect(multi?.stacks).toEqual([{ comm: "rs:main Q:Reg", pid: 812, frames: ["std::vector<int, std::allocator<int> >::push_back(int const&)", "Worker::run() [clone .cold]"], value: 7 }]);
    expect(folded?.stacks).toEqual([{ comm: "my app", pid: null, frames: ["std::vector<int, std::allocator<int> >::push_back(int const&)", "Worker::run() [clone .cold]", "main"], value: 3 }]);
  });

  it("keeps [Missed User Stack] frames and skips tracebacks and warnings", () => {
    const text = [
      "Traceback (most recent call last):",
      '  File "/usr/sbin/profile-bpfcc", line 300, in <module>',
      "    b.attach_perf_event(ev_type=PerfType.SOFTWARE)",
      "Exception: Failed to attach BPF program on_perf_event to perf event",
      "    [Missed User Stack]",
      "    do_idle",
      "    -                swapper/1 (0)",
      "        4",
      "",
      "WARNING: 3 stack traces could not be displayed.",
    ].join("\n");
    const parsed = ANALYZERS.profile?.(text);
    expect(parsed?.notes.filter((note) => note.kind === "traceback")).toHaveLength(4);
    expect(parsed?.notes.filter((note) => note.kind === "warning")).toHaveLength(1);
    expect(fromText("profile", text)[0]?.stacks).toEqual([{ comm: "swapper/1", pid: 0, frames: ["[Missed User Stack]", "do_idle"], value: 4 }]);
  });
});
