// Turns runqslower events plus the window's per-process CPU time into "who held the CPUs while others waited".

import type { ProcessCpu } from "../exec/process-cpu.js";
import type { CpuHolder, CpuVictim, Finding } from "../model/finding.js";
import type { EventsMeasurement, Measurement } from "../model/measurement.js";

interface Tally {
  pids: Set<number>;
  cpuMs: number;
  delayedUs: number;
  prevTaskEvents: number;
}

const tallyOf = (map: Map<string, Tally>, comm: string): Tally => {
  const existing = map.get(comm);
  if (existing) return existing;
  const fresh: Tally = { pids: new Set(), cpuMs: 0, delayedUs: 0, prevTaskEvents: 0 };
  map.set(comm, fresh);
  return fresh;
};

// Victims: the tasks that waited, by how often and how long.
const victimsOf = (events: Array<Record<string, string | number>>): CpuVictim[] => {
  const victims = new Map<string, CpuVictim>();
  for (const row of events) {
    const comm = String(row.COMM);
    const entry = victims.get(comm) ?? { comm, events: 0, maxLatUs: 0 };
    entry.events += 1;
    entry.maxLatUs = Math.max(entry.maxLatUs, Number(row["LAT(us)"]));
    victims.set(comm, entry);
  }
  return [...victims.values()].sort((a, b) => b.events - a.events || b.maxLatUs - a.maxLatUs);
};

// Ranks holders by on-CPU time in the window when known (the task switched out at a wake-up is
// often just another short sleeper), else by the wait of the victims they preceded.
export const detectCpuHolders = (stepId: string, measurements: Measurement[], top: number, cpuByProcess?: readonly ProcessCpu[]): Finding[] => {
  const events = measurements.filter((m): m is EventsMeasurement => m.kind === "events").flatMap((m) => m.rows);
  if (events.length === 0) return [{ kind: "no-events", stepId, probe: "runqslower" }];
  const tallies = new Map<string, Tally>();
  for (const row of events) {
    if (row["PREV COMM"] === undefined) continue;
    const tally = tallyOf(tallies, String(row["PREV COMM"]));
    tally.prevTaskEvents += 1;
    tally.delayedUs += Number(row["LAT(us)"]);
  }
  const basis = cpuByProcess !== undefined && cpuByProcess.length > 0 ? "on-cpu-time" : "previous-task";
  for (const usage of cpuByProcess ?? []) {
    const tally = tallyOf(tallies, usage.comm);
    tally.cpuMs += usage.cpuMs;
    tally.pids.add(usage.pid);
  }
  const weight = (tally: Tally): number => (basis === "on-cpu-time" ? tally.cpuMs : tally.delayedUs);
  const total = [...tallies.values()].reduce((sum, tally) => sum + weight(tally), 0);
  const holders: CpuHolder[] = [...tallies.entries()]
    .map(([comm, tally]) => ({
      comm,
      pids: [...tally.pids].sort((a, b) => a - b).slice(0, 10),
      cpuMs: basis === "on-cpu-time" ? Math.round(tally.cpuMs) : null,
      share: total === 0 ? 0 : Number((weight(tally) / total).toFixed(4)),
      prevTaskEvents: tally.prevTaskEvents,
    }))
    .filter((holder) => holder.share > 0)
    .sort((a, b) => b.share - a.share || a.comm.localeCompare(b.comm))
    .slice(0, top);
  return [{ kind: "cpu-holders", stepId, basis, events: events.length, holders, victims: victimsOf(events).slice(0, top) }];
};
