// Measures the observer's CPU cost: ours from process.cpuUsage, the tools' from our reaped children in /proc.

import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { CLOCK_TICKS, splitProcStat } from "./process-cpu.js";

export interface CpuSnapshot {
  selfMicros: number;
  childrenTicks: number;
  wallMs: number;
}

// Reads cutime + cstime (fields 16 and 17) of /proc/self/stat: CPU of children that have exited.
const childrenTicks = (): number => {
  try {
    const fields = splitProcStat(readFileSync("/proc/self/stat", "utf8"))?.fields ?? [];
    return Number(fields[13] ?? 0) + Number(fields[14] ?? 0);
  } catch {
    return 0;
  }
};

// CPU milliseconds of our exited children so far: a tool's whole cost once it has been reaped.
export const childrenCpuMs = (): number => (childrenTicks() * 1000) / CLOCK_TICKS;

// The process's start: process.cpuUsage, our children's accounting and performance.now all count from there, so a
// run measured from here includes our own start-up (Node, loading the bundle), which is most of bpftriage's CPU.
export const PROCESS_START: CpuSnapshot = { selfMicros: 0, childrenTicks: 0, wallMs: 0 };

// Takes a snapshot to diff against at the end of the run.
export const cpuSnapshot = (): CpuSnapshot => {
  const usage = process.cpuUsage();
  return { selfMicros: usage.user + usage.system, childrenTicks: childrenTicks(), wallMs: performance.now() };
};

// CPU spent since the snapshot, and its share of all cores' capacity over the same wall time.
export const cpuSince = (start: CpuSnapshot): { toolsCpuMs: number; selfCpuMs: number; machineShare: number } => {
  const end = cpuSnapshot();
  const toolsCpuMs = Math.round(((end.childrenTicks - start.childrenTicks) * 1000) / CLOCK_TICKS);
  const selfCpuMs = Math.round((end.selfMicros - start.selfMicros) / 1000);
  const capacityMs = Math.max(1, (end.wallMs - start.wallMs) * Math.max(1, cpus().length));
  return { toolsCpuMs, selfCpuMs, machineShare: Number(((toolsCpuMs + selfCpuMs) / capacityMs).toFixed(5)) };
};
