// Reads cachestat rows (either flavour): a sustained page-cache miss rate with a poor hit ratio, and who read.

import type { Finding } from "../model/finding.js";
import type { Measurement } from "../model/measurement.js";

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

// Misses are pages inserted into the page cache per second; the hit ratio is the tool's (estimated in the script).
export const detectCacheThrash = (stepId: string, measurements: Measurement[], minMissesPerSec: number, maxHitRatio: number): Finding[] => {
  const rows = measurements.flatMap((m) => (m.kind === "series" && m.columns.includes("MISSES") ? m.rows : []));
  if (rows.length === 0) return [{ kind: "no-events", stepId, probe: "cachestat" }];
  const missesPerSec = mean(rows.map((row) => Math.max(0, Number(row.MISSES))).filter(Number.isFinite)) ?? 0;
  const ratios = rows.map((row) => Number(String(row.HITRATIO).replace("%", ""))).filter(Number.isFinite);
  const hitRatio = mean(ratios);
  if (missesPerSec < minMissesPerSec || (hitRatio !== null && hitRatio > maxHitRatio)) return [];
  const readerRows = measurements.flatMap((m) => (m.kind === "events" && m.columns.includes("MISSES") ? m.rows : []));
  const total = readerRows.reduce((sum, row) => sum + Number(row.MISSES), 0);
  const readers = readerRows
    .map((row) => ({ comm: String(row.COMM), pid: row.PID === undefined ? null : Number(row.PID), misses: Number(row.MISSES) }))
    .sort((a, b) => b.misses - a.misses)
    .slice(0, 5)
    .map((reader) => ({ ...reader, share: total === 0 ? 0 : Number((reader.misses / total).toFixed(3)) }));
  return [{ kind: "cache-thrash", stepId, missesPerSec: Math.round(missesPerSec), hitRatio: hitRatio === null ? null : Number(hitRatio.toFixed(2)), readers }];
};
