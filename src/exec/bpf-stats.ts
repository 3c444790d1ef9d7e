// BPF program run time of our tools: kernel.bpf_stats_enabled on for the run, per-program counters from fdinfo.

import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";

const SYSCTL = "/proc/sys/kernel/bpf_stats_enabled";

export interface BpfProgramStats {
  progId: number;
  runTimeNs: number;
  runCount: number;
}

export type BpfStatsSwitch = { enabled: true; restore(): void } | { enabled: false; reason: string };

// Turns run-time accounting on and returns how to put the previous value back.
export const enableBpfStats = (path = SYSCTL): BpfStatsSwitch => {
  try {
    const previous = readFileSync(path, "utf8").trim();
    if (previous !== "1") writeFileSync(path, "1");
    let restored = false;
    const restore = (): void => {
      if (restored || previous === "1") return;
      restored = true;
      process.off("exit", restore);
      writeFileSync(path, previous);
    };
    // An abrupt exit (a second Ctrl-C) must not leave the kernel accounting every BPF program's run time.
    process.on("exit", restore);
    return { enabled: true, restore };
  } catch (error) {
    return { enabled: false, reason: `cannot switch ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
};

// Reads one fdinfo file of a bpf-prog descriptor.
export const parseProgFdinfo = (text: string): BpfProgramStats | undefined => {
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s*(\\d+)$`, "m").exec(text);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const progId = field("prog_id");
  if (progId === undefined) return undefined;
  return { progId, runTimeNs: field("run_time_ns") ?? 0, runCount: field("run_cnt") ?? 0 };
};

// The BPF programs a process holds open, with their counters so far.
export const sampleProcessPrograms = (pid: number, procRoot = "/proc"): BpfProgramStats[] => {
  const programs: BpfProgramStats[] = [];
  let fds: string[];
  try {
    fds = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return programs;
  }
  for (const fd of fds) {
    try {
      if (!readlinkSync(`${procRoot}/${pid}/fd/${fd}`).includes("bpf-prog")) continue;
      const stats = parseProgFdinfo(readFileSync(`${procRoot}/${pid}/fdinfo/${fd}`, "utf8"));
      if (stats) programs.push(stats);
    } catch {
      continue;
    }
  }
  return programs;
};

// Keeps the latest counters per program across samples (counters only grow while a program lives).
export class BpfRunTimeTracker {
  private readonly latest = new Map<number, BpfProgramStats>();

  // Records one sample of a tool's programs.
  sample(pid: number): void {
    for (const program of sampleProcessPrograms(pid)) this.latest.set(program.progId, program);
  }

  // Total run time and count over every program seen.
  totals(): { programs: number; runTimeNs: number; runCount: number } {
    let runTimeNs = 0;
    let runCount = 0;
    for (const program of this.latest.values()) {
      runTimeNs += program.runTimeNs;
      runCount += program.runCount;
    }
    return { programs: this.latest.size, runTimeNs, runCount };
  }
}
