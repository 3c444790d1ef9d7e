// Reads the kernel's own counters (PSI, /proc/stat, /proc/diskstats, /proc/vmstat) for the USE sweep: no BPF needed.

import { existsSync, readFileSync } from "node:fs";

export interface PressureTotals {
  someUs: number;
  fullUs: number | null;
}

export interface DiskCounters {
  name: string;
  ios: number;
  ioTicksMs: number;
  waitMs: number;
}

export interface SystemSample {
  atMs: number;
  // Microseconds stalled, per resource, when PSI is enabled.
  pressure: Partial<Record<"cpu" | "io" | "memory", PressureTotals>>;
  load1: number;
  runnable: number;
  cpuTicks: { busy: number; total: number; iowait: number; steal: number };
  disks: DiskCounters[];
  vmstat: { refaultFile: number; oomKill: number; majorFaults: number };
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

// Parses /proc/pressure/NAME: "some avg10=.. total=N" and "full ... total=N".
export const parsePressure = (text: string): PressureTotals | undefined => {
  const total = (kind: string): number | null => {
    const match = new RegExp(`^${kind} .*total=(\\d+)`, "m").exec(text);
    return match?.[1] === undefined ? null : Number(match[1]);
  };
  const some = total("some");
  return some === null ? undefined : { someUs: some, fullUs: total("full") };
};

// Parses the aggregate "cpu" line of /proc/stat into busy and total ticks.
export const parseCpuLine = (text: string): SystemSample["cpuTicks"] => {
  const fields = (/^cpu\s+(.*)$/m.exec(text)?.[1] ?? "").split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: user + nice + system + irq + softirq + steal, total, iowait, steal };
};

// Parses /proc/diskstats for whole block devices (those under /sys/block), skipping partitions.
export const parseDiskstats = (text: string, isDisk: (name: string) => boolean = (name) => existsSync(`/sys/block/${name}`)): DiskCounters[] =>
  text
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 14 && fields[2] !== undefined && isDisk(fields[2]))
    .map((fields) => ({
      name: fields[2] ?? "",
      ios: Number(fields[3]) + Number(fields[7]),
      waitMs: Number(fields[6]) + Number(fields[10]),
      ioTicksMs: Number(fields[12]),
    }));

// Reads one /proc/vmstat counter, 0 when the kernel does not have it.
const vmstatField = (text: string, name: string): number => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1] ?? 0);

// Takes one sample of every counter the sweep compares over its window.
export const sampleSystem = (): SystemSample => {
  const pressure: SystemSample["pressure"] = {};
  for (const resource of ["cpu", "io", "memory"] as const) {
    const parsed = parsePressure(read(`/proc/pressure/${resource}`) ?? "");
    if (parsed) pressure[resource] = parsed;
  }
  const loadavg = (read("/proc/loadavg") ?? "0 0 0 0/0").split(/\s+/);
  const vmstat = read("/proc/vmstat") ?? "";
  return {
    atMs: performance.now(),
    pressure,
    load1: Number(loadavg[0] ?? 0),
    runnable: Number((loadavg[3] ?? "0/0").split("/")[0]),
    cpuTicks: parseCpuLine(read("/proc/stat") ?? ""),
    disks: parseDiskstats(read("/proc/diskstats") ?? ""),
    vmstat: {
      refaultFile: vmstatField(vmstat, "workingset_refault_file") || vmstatField(vmstat, "workingset_refault"),
      oomKill: vmstatField(vmstat, "oom_kill"),
      majorFaults: vmstatField(vmstat, "pgmajfault"),
    },
  };
};
