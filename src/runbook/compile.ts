// Compiles a validated runbook into a plain-data machine config for the engine's one setup().

import type { RunbookMachineConfig } from "../engine/machine-setup.js";
import { END, type Runbook, type RunbookStep } from "./schema.js";

// The id every compiled machine carries, so transitions can target steps by `#runbook.<step>`.
export const MACHINE_ID = "runbook";

const targetOf = (goto: string): string => (goto === END ? `#${MACHINE_ID}.${END}` : `#${MACHINE_ID}.${goto}`);

// One compound state per step: run the probe, then choose the next step from the findings (default: the following step).
const compileStep = (step: RunbookStep, following: string) => {
  const ref = { stepId: step.id, probe: step.probe };
  const stop = step.onError === "stop" ? [{ guard: { type: "stepNotOk" as const, params: ref }, target: targetOf(END) }] : [];
  const choices = step.next.map((next) =>
    next.when === undefined
      ? { target: targetOf(next.goto) }
      : { guard: { type: "hasFinding" as const, params: { ...next.when } }, target: targetOf(next.goto) },
  );
  return {
    initial: "running",
    states: {
      running: {
        invoke: {
          src: "runStep" as const,
          input: { stepId: step.id, probe: step.probe, params: step.params, detectors: step.detectors },
          onDone: { target: "choosing", actions: [{ type: "recordStep" as const }] },
          onError: { target: "choosing", actions: [{ type: "recordCrash" as const, params: ref }] },
        },
      },
      choosing: { always: [...stop, ...(choices.length > 0 ? choices : [{ target: targetOf(following) }])] },
    },
  };
};

// Builds the machine config; no functions inside, so it can be printed, diffed and tested as data.
export const compileRunbook = (runbook: Runbook): RunbookMachineConfig => {
  const states: Record<string, ReturnType<typeof compileStep> | { type: "final" }> = {};
  runbook.steps.forEach((step, index) => {
    states[step.id] = compileStep(step, runbook.steps[index + 1]?.id ?? END);
  });
  states[END] = { type: "final" };
  const first = runbook.steps[0];
  return {
    id: MACHINE_ID,
    initial: first ? first.id : END,
    context: { results: [], findings: [] },
    states,
  } as RunbookMachineConfig;
};
