// Watches an interval tool's output as it prints and decides when more seconds cannot change the verdict.

import { detect } from "../detectors/index.js";
import type { StepInput } from "../model/step.js";
import type { Invocation } from "./registry.js";

// Intervals before the first judgement, and consecutive decisive judgements with the same findings to stop.
export const MIN_INTERVALS = 2;
export const STABLE_JUDGEMENTS = 2;

export interface EarlyStopWatch {
  onStdout(chunk: string): void;
  // Aborted when the verdict is stable and decisive.
  signal: AbortSignal;
  // Why it stopped, once it has.
  reason(): string | undefined;
}

// Re-parses the output after each new interval and judges the findings so far.
export const watchForEarlyStop = (input: StepInput, invocation: Pick<Invocation, "parse">): EarlyStopWatch => {
  const controller = new AbortController();
  let text = "";
  let intervals = 0;
  let streak = 0;
  let lastKey: string | undefined;
  let why: string | undefined;
  const judge = (): void => {
    let measurements;
    try {
      measurements = invocation.parse(text).measurements;
    } catch {
      return;
    }
    const seen = measurements.filter((m) => m.kind === "histogram").length;
    if (seen <= intervals) return;
    intervals = seen;
    if (intervals < MIN_INTERVALS) return;
    const { findings } = detect(input.stepId, measurements, input.detectors);
    const decisive = findings.length > 0 && findings.every((finding) => "decisive" in finding && finding.decisive);
    const key = findings.map((finding) => finding.kind).join(",");
    streak = decisive ? (key === lastKey ? streak + 1 : 1) : 0;
    lastKey = key;
    if (streak >= STABLE_JUDGEMENTS && !controller.signal.aborted) {
      why = `stopped early after ${intervals} intervals: ${key} decisive in ${streak} consecutive judgements`;
      controller.abort();
    }
  };
  return {
    onStdout: (chunk) => {
      text += chunk;
      judge();
    },
    signal: controller.signal,
    reason: () => why,
  };
};
