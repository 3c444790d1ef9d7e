// use-sweep: Brendan Gregg's USE method from /proc, no BPF: CPU, disk and memory utilization, saturation, errors.
// Flavours: procfs only (in-process): PSI (/proc/pressure), /proc/stat, /proc/loadavg, /proc/diskstats, /proc/vmstat.
// Overhead: two reads of a handful of proc files; nothing is attached to the kernel.
// Caveats: PSI needs CONFIG_PSI (and psi=1 on some distributions); without it saturation comes from load and await only.

import { cpus } from "node:os";
import { type SystemSample, sampleSystem } from "../exec/procfs.js";
import { z } from "../model/zod.js";
import { parseUseSweep } from "../parsers/use-sweep.js";
import type { ProbeDefinition } from "./probe.js";

const paramsSchema = z
  .object({
    durationSec: z.number().min(0.2).max(60).default(1),
  })
  .strict();

export type UseSweepParams = z.infer<typeof paramsSchema>;

const pct = (part: number, whole: number): string => (whole <= 0 ? "0.0" : ((100 * part) / whole).toFixed(1));

// Renders the difference of two samples as the sweep's text output (parsed like any tool's output).
export const renderUseSweep = (before: SystemSample, after: SystemSample, cpuCount: number): string => {
  const windowMs = Math.max(1, after.atMs - before.atMs);
  const lines = [`USE sweep over ${(windowMs / 1000).toFixed(1)} s on ${cpuCount} CPUs`];
  const ticks = after.cpuTicks.total - before.cpuTicks.total;
  lines.push(`cpu utilization ${pct(after.cpuTicks.busy - before.cpuTicks.busy, ticks)} %`);
  lines.push(`cpu iowait ${pct(after.cpuTicks.iowait - before.cpuTicks.iowait, ticks)} %`);
  lines.push(`cpu load-per-cpu ${(after.load1 / cpuCount).toFixed(2)} x`);
  lines.push(`cpu runnable-per-cpu ${(after.runnable / cpuCount).toFixed(2)} x`);
  for (const resource of ["cpu", "io", "memory"] as const) {
    const then = before.pressure[resource];
    const now = after.pressure[resource];
    if (then === undefined || now === undefined) continue;
    lines.push(`${resource} psi-some ${pct((now.someUs - then.someUs) / 1000, windowMs)} %`);
    if (now.fullUs !== null && then.fullUs !== null && resource !== "cpu") lines.push(`${resource} psi-full ${pct((now.fullUs - then.fullUs) / 1000, windowMs)} %`);
  }
  for (const disk of after.disks) {
    const then = before.disks.find((candidate) => candidate.name === disk.name);
    if (then === undefined) continue;
    const ios = disk.ios - then.ios;
    if (ios === 0 && disk.ioTicksMs === then.ioTicksMs) continue;
    lines.push(`disk:${disk.name} utilization ${pct(disk.ioTicksMs - then.ioTicksMs, windowMs)} %`);
    lines.push(`disk:${disk.name} iops ${((ios * 1000) / windowMs).toFixed(0)} /s`);
    lines.push(`disk:${disk.name} await ${ios === 0 ? "0.00" : ((disk.waitMs - then.waitMs) / ios).toFixed(2)} ms`);
  }
  const perSecond = (delta: number): string => ((delta * 1000) / windowMs).toFixed(0);
  lines.push(`memory refaults ${perSecond(after.vmstat.refaultFile - before.vmstat.refaultFile)} /s`);
  lines.push(`memory major-faults ${perSecond(after.vmstat.majorFaults - before.vmstat.majorFaults)} /s`);
  lines.push(`memory oom-kills ${after.vmstat.oomKill - before.vmstat.oomKill} count`);
  return `${lines.join("\n")}\n`;
};

// Waits between the two samples, or less when the run is interrupted.
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export const useSweep: ProbeDefinition<UseSweepParams> = {
  id: "use-sweep",
  title: "USE sweep from /proc (utilization, saturation, errors)",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "procfs",
      executable: "procfs",
      debianPackage: "procps",
      requires: [],
      argv: (params) => [`--window=${params.durationSec}s`],
      stopBy: "exit",
      collect: async (params, signal) => {
        const before = sampleSystem();
        await pause(params.durationSec * 1000, signal);
        return renderUseSweep(before, sampleSystem(), cpus().length);
      },
      parse: parseUseSweep,
    },
  ],
};
