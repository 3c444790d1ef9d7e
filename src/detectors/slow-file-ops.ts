// Reads fsslower/ext4slower events (already above the probe's threshold): which files and processes are slow.

import { dirname } from "node:path";
import type { Finding, SlowFileOpsFinding } from "../model/finding.js";
import type { Measurement } from "../model/measurement.js";

// Groups slow operations by file and process; a finding when at least minEvents were slow.
export const detectSlowFileOps = (stepId: string, measurements: Measurement[], minEvents: number): Finding[] => {
  const rows = measurements.flatMap((m) => (m.kind === "events" && m.columns.includes("LAT(ms)") ? m.rows : []));
  if (rows.length < minEvents) return rows.length === 0 ? [{ kind: "no-events", stepId, probe: "fsslower" }] : [];
  const groups = new Map<string, SlowFileOpsFinding["files"][number]>();
  for (const row of rows) {
    const file = String(row.FILENAME ?? row.FILE ?? "?");
    const key = `${file}\u0000${row.COMM}\u0000${row.PID}`;
    const entry = groups.get(key) ?? { file, directory: file.startsWith("/") ? dirname(file) : "?", comm: String(row.COMM), pid: Number(row.PID), ops: {}, count: 0, maxMs: 0 };
    const op = String(row.T);
    entry.ops[op] = (entry.ops[op] ?? 0) + 1;
    entry.count += 1;
    entry.maxMs = Math.max(entry.maxMs, Number(row["LAT(ms)"]));
    groups.set(key, entry);
  }
  const files = [...groups.values()].sort((a, b) => b.count - a.count || b.maxMs - a.maxMs).slice(0, 5);
  return [{ kind: "slow-file-ops", stepId, events: rows.length, files }];
};
