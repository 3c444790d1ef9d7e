// Reads offcputime stacks: how long each process's threads were blocked, and on what (locks, I/O, sleeps).

import type { BlockedProcess, BlockingKind, Finding } from "../model/finding.js";
import type { Measurement, Stack } from "../model/measurement.js";

// Frame patterns, checked innermost first per stack; the first kind that matches any frame wins.
const KINDS: ReadonlyArray<readonly [BlockingKind, RegExp]> = [
  ["preempted", /^(irqentry_exit_to_user_mode|preempt_schedule|exit_to_user_mode_loop|schedule_preempt)/],
  ["lock", /^(futex_wait|futex_do_wait|__futex_wait|__mutex_lock|mutex_lock|rwsem_down|__rwsem|down_read|down_write|rt_mutex)/],
  ["io", /^(io_schedule|blk_|submit_bio_wait|wait_on_page|folio_wait|__folio_lock|jbd2_|wait_for_completion_io|bit_wait_io)/],
  ["idle", /^(ep_poll|do_epoll_wait|poll_schedule|do_select|do_sys_poll|pipe_read|pipe_write|unix_stream|sk_wait|inet_csk_accept|do_wait|kernel_wait4|worker_thread|kthread|smpboot_thread_fn|rcu_gp_kthread|wait_woken|do_sigtimedwait)/],
  ["sleep", /^(hrtimer_nanosleep|do_nanosleep|__x64_sys_nanosleep|__x64_sys_clock_nanosleep|common_nsleep)/],
];

// Tracer frames (our own BPF program and tracepoint plumbing) say nothing about why a thread blocked.
const TRACER_FRAME = /^(bpf_prog_|bpf_trace_run|__traceiter_|__bpf_trace_|__schedule$|schedule$|schedule_timeout$|schedule_hrtimeout)/;

// Classifies one stack by the first frame that names a blocking reason.
export const classifyStack = (frames: readonly string[]): BlockingKind => {
  for (const frame of frames) {
    const name = frame.replace(/\+0x[0-9a-f]+.*$/, "").trim();
    for (const [kind, pattern] of KINDS) if (pattern.test(name)) return kind;
  }
  return "other";
};

const emptyKinds = (): Record<BlockingKind, number> => ({ lock: 0, io: 0, sleep: 0, idle: 0, preempted: 0, other: 0 });

// Groups stacks per command name (libbpf-tools print thread ids, so threads of one program share a comm),
// summing off-CPU time (us) by kind; ranks by lock+io time.
export const detectOffCpu = (stepId: string, measurements: Measurement[], windowSec: number, minShare: number): Finding[] => {
  const stacks: Stack[] = measurements.flatMap((m) => (m.kind === "stacks" ? m.stacks : []));
  if (stacks.length === 0) return [{ kind: "no-events", stepId, probe: "offcputime" }];
  const byProcess = new Map<string, { comm: string; ids: Set<number>; byKind: Record<BlockingKind, number>; top?: { frames: string[]; ms: number; kind: BlockingKind } }>();
  for (const stack of stacks) {
    const entry = byProcess.get(stack.comm) ?? { comm: stack.comm, ids: new Set<number>(), byKind: emptyKinds() };
    if (stack.pid !== null) entry.ids.add(stack.pid);
    const kind = classifyStack(stack.frames);
    const ms = stack.value / 1000;
    entry.byKind[kind] += ms;
    if ((kind === "lock" || kind === "io") && (entry.top === undefined || ms > entry.top.ms)) {
      entry.top = { frames: stack.frames.filter((frame) => !TRACER_FRAME.test(frame)).slice(0, 12), ms, kind };
    }
    byProcess.set(stack.comm, entry);
  }
  const blocked = (p: { byKind: Record<BlockingKind, number> }): number => p.byKind.lock + p.byKind.io;
  const processes: BlockedProcess[] = [...byProcess.values()]
    .filter((p) => p.top !== undefined && blocked(p) >= minShare * windowSec * 1000)
    .sort((a, b) => blocked(b) - blocked(a))
    .slice(0, 5)
    .map((p) => ({
      comm: p.comm,
      pid: p.ids.size === 1 ? ([...p.ids][0] ?? null) : null,
      threads: p.ids.size,
      byKind: Object.fromEntries(Object.entries(p.byKind).map(([kind, ms]) => [kind, Math.round(ms)])) as Record<BlockingKind, number>,
      topStack: p.top ?? { frames: [], ms: 0, kind: "other" },
    }));
  return processes.length === 0 ? [] : [{ kind: "off-cpu-blocked", stepId, windowSec, processes }];
};
