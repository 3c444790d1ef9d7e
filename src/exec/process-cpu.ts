// Per-process CPU time from /proc, so a step can say who was on the CPUs during its window.

import { readdirSync, readFileSync } from "node:fs";

// Clock ticks per second for /proc times; 100 on every mainstream Linux build.
export const CLOCK_TICKS = 100;

export interface ProcessCpu {
  pid: number;
  comm: string;
  cpuMs: number;
}

export type ProcessCpuSnapshot = Map<number, { comm: string; ticks: number }>;

// Splits a /proc/PID/stat line: comm sits in parentheses and may itself contain spaces or parentheses.
export const splitProcStat = (line: string): { comm: string; fields: string[] } | undefined => {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open === -1 || close < open) return undefined;
  return { comm: line.slice(open + 1, close), fields: line.slice(close + 2).split(" ") };
};

// Reads a process's user+system ticks from its stat line (fields 14 and 15 of proc(5)).
export const parseProcStat = (line: string): { comm: string; ticks: number } | undefined => {
  const split = splitProcStat(line);
  if (split === undefined) return undefined;
  const { comm, fields } = split;
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { comm, ticks: utime + stime };
};

// Reads user+system ticks of every process; processes that vanish mid-read are skipped.
export const snapshotProcessCpu = (procRoot = "/proc"): ProcessCpuSnapshot => {
  const snapshot: ProcessCpuSnapshot = new Map();
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return snapshot;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parsed = parseProcStat(readFileSync(`${procRoot}/${entry}/stat`, "utf8"));
      if (parsed) snapshot.set(Number(entry), parsed);
    } catch {
      continue;
    }
  }
  return snapshot;
};

// CPU each process used between two snapshots, busiest first; processes born in between count from birth.
export const diffProcessCpu = (before: ProcessCpuSnapshot, after: ProcessCpuSnapshot): ProcessCpu[] => {
  const used: ProcessCpu[] = [];
  for (const [pid, now] of after) {
    const then = before.get(pid);
    const ticks = now.ticks - (then?.ticks ?? 0);
    if (ticks > 0) used.push({ pid, comm: now.comm, cpuMs: (ticks * 1000) / CLOCK_TICKS });
  }
  return used.sort((a, b) => b.cpuMs - a.cpuMs || a.pid - b.pid);
};
