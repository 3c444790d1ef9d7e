// Reads execsnoop events: how fast new programs start, and which parent starts them.

import type { ProcessCpu } from "../exec/process-cpu.js";
import type { Finding } from "../model/finding.js";
import type { Measurement } from "../model/measurement.js";

// A storm is a high exec rate; the culprit is the parent (PPID) behind most of it, named from the window's /proc view.
export const detectProcessChurn = (
  stepId: string,
  measurements: Measurement[],
  windowSec: number,
  minPerSec: number,
  cpuByProcess: readonly ProcessCpu[] = [],
): Finding[] => {
  const rows = measurements.flatMap((m) => (m.kind === "events" && m.columns.includes("PPID") ? m.rows : []));
  const execsPerSec = rows.length / Math.max(windowSec, 1);
  if (rows.length === 0 || execsPerSec < minPerSec) return [];
  const parents = new Map<number, { execs: number; children: Map<string, number> }>();
  for (const row of rows) {
    const ppid = Number(row.PPID);
    const entry = parents.get(ppid) ?? { execs: 0, children: new Map<string, number>() };
    entry.execs += 1;
    const child = String(row.PCOMM ?? row.COMM ?? "?");
    entry.children.set(child, (entry.children.get(child) ?? 0) + 1);
    parents.set(ppid, entry);
  }
  const names = new Map(cpuByProcess.map((usage) => [usage.pid, usage.comm]));
  const ranked = [...parents.entries()]
    .sort((a, b) => b[1].execs - a[1].execs)
    .slice(0, 5)
    .map(([ppid, entry]) => ({
      ppid,
      comm: names.get(ppid) ?? null,
      execs: entry.execs,
      share: Number((entry.execs / rows.length).toFixed(3)),
      children: [...entry.children.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name]) => name),
    }));
  return [{ kind: "process-churn", stepId, windowSec, execsPerSec: Number(execsPerSec.toFixed(1)), parents: ranked }];
};
