// Turns a run's findings and step results into ranked root causes, a verdict, a severity and an exit code.

import { highestQuantile, toMicros } from "../detectors/describe-histogram.js";
import type { Finding } from "../model/finding.js";
import type { Quantiles } from "../model/measurement.js";
import type { RootCause, Severity, Verdict } from "../model/report.js";
import type { StepResult } from "../model/step.js";
import { diagnoseCacheThrash } from "./cache-thrash.js";
import { diagnoseCpuContention } from "./cpu-contention.js";
import { diagnoseOffCpuBlocking } from "./off-cpu-blocking.js";
import { diagnoseProcessChurn } from "./process-churn.js";
import { diagnoseSlowFileOps } from "./slow-file-ops.js";
import { diagnoseSlowDevice } from "./slow-device.js";
import { formatMicros } from "./format.js";

export interface Diagnosis {
  verdict: Verdict;
  severity: Severity;
  exitCode: 0 | 1 | 2 | 3;
  answer: string;
  rootCauses: RootCause[];
}

const RULES = [diagnoseCpuContention, diagnoseSlowDevice, diagnoseCacheThrash, diagnoseSlowFileOps, diagnoseOffCpuBlocking, diagnoseProcessChurn] as const;

// The highest quantile the sample supports, as "p99 420 us (n=5000)".
const tailText = (quantiles: Quantiles, total: number, unit: string): string => {
  const highest = highestQuantile(quantiles);
  if (highest === undefined) return `n=${total}`;
  const label = highest.key === "p999" ? "p99.9" : highest.key;
  return `${label} ${formatMicros(toMicros(highest.value, unit))} (n=${total})`;
};

// One sentence on a healthy run, naming what was checked.
const healthyAnswer = (findings: readonly Finding[]): string => {
  const parts = findings.flatMap((finding) => {
    switch (finding.kind) {
      case "runq-healthy":
        return [`run-queue latency ${tailText(finding.quantiles, finding.total, finding.unit)}`];
      case "disk-healthy":
        return [`${finding.disk} I/O latency ${tailText(finding.quantiles, finding.total, finding.unit)}`];
      case "no-events":
        return [`${finding.probe} saw no events`];
      default:
        return [];
    }
  });
  return parts.length > 0 ? `No problem found: ${parts.join("; ")}.` : "No problem found in what could be checked.";
};

// Ranks root causes by confidence, then severity; decides the verdict and exit code.
export const diagnose = (steps: readonly StepResult[], findings: readonly Finding[]): Diagnosis => {
  const rootCauses = RULES.flatMap((rule) => rule(findings)).sort(
    (a, b) => b.confidence - a.confidence || Number(b.severity === "critical") - Number(a.severity === "critical"),
  );
  const [first] = rootCauses;
  if (first !== undefined) {
    const critical = rootCauses.some((cause) => cause.severity === "critical");
    const more = rootCauses.length > 1 ? ` (and ${rootCauses.length - 1} more cause${rootCauses.length > 2 ? "s" : ""})` : "";
    return {
      verdict: "problem",
      severity: critical ? "critical" : "warning",
      exitCode: critical ? 2 : 1,
      answer: `${first.id}: ${first.summary}${more}.`,
      rootCauses,
    };
  }
  if (!steps.some((step) => step.status === "ok")) {
    const why = steps.find((step) => step.reason !== undefined && step.status !== "skipped")?.reason ?? "no step ran";
    return { verdict: "inconclusive", severity: "ok", exitCode: 3, answer: `Could not decide: no probe completed (${why}).`, rootCauses };
  }
  return { verdict: "healthy", severity: "ok", exitCode: 0, answer: healthyAnswer(findings), rootCauses };
};
