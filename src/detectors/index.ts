// Runs the detectors a runbook step names over that step's measurements.

import type { ProcessCpu } from "../exec/process-cpu.js";
import type { Finding } from "../model/finding.js";
import type { Measurement } from "../model/measurement.js";
import { detectCpuHolders } from "./cpu-holders.js";
import { describeHistogram } from "./describe-histogram.js";
import { detectDiskLatency } from "./disk-latency.js";
import { mergeIntervals } from "./merge-histograms.js";
import { detectCacheThrash } from "./cache-thrash.js";
import { detectOffCpu } from "./off-cpu.js";
import { detectProcessChurn } from "./process-churn.js";
import { detectSlowFileOps } from "./slow-file-ops.js";
import { detectUseSuspects } from "./use-suspects.js";
import { detectRunqTail } from "./runq-tail.js";
import type { DetectorConfig } from "./schema.js";

export { describeHistogram } from "./describe-histogram.js";
export { detectorSchema, type DetectorConfig } from "./schema.js";

// Sums interval histograms per key, describes them, then applies each configured detector (with the step window's CPU use).
export const detect = (
  stepId: string,
  measurements: Measurement[],
  detectors: readonly DetectorConfig[],
  window: { cpuByProcess?: readonly ProcessCpu[] } = {},
): { measurements: Measurement[]; findings: Finding[] } => {
  const described = mergeIntervals(measurements).map((m) => (m.kind === "histogram" ? describeHistogram(m) : m));
  const findings = detectors.flatMap((config): Finding[] => {
    switch (config.kind) {
      case "runq-tail":
        return detectRunqTail(stepId, described, config.minUs);
      case "cpu-holders":
        return detectCpuHolders(stepId, described, config.top, window.cpuByProcess);
      case "disk-latency":
        return detectDiskLatency(stepId, described, config.minUs);
      case "use-suspects":
        return detectUseSuspects(stepId, described);
      case "off-cpu":
        return detectOffCpu(stepId, described, config.windowSec, config.minShare);
      case "process-churn":
        return detectProcessChurn(stepId, described, config.windowSec, config.minPerSec, window.cpuByProcess);
      case "cache-thrash":
        return detectCacheThrash(stepId, described, config.minMissesPerSec, config.maxHitRatio);
      case "slow-file-ops":
        return detectSlowFileOps(stepId, described, config.minEvents);
    }
  });
  return { measurements: described, findings };
};
