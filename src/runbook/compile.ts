// Compiles a validated runbook into a plain-data machine config for the engine's one setup().

import type { ChecklistItem, RunbookMachineConfig } from "../engine/machine-setup.js";
import { CHECKLIST, END, type Runbook, type RunbookStep } from "./schema.js";

// The id every compiled machine carries, so transitions can target steps by `#runbook.<step>`.
export const MACHINE_ID = "runbook";

const targetOf = (goto: string): string => `#${MACHINE_ID}.${goto}`;

// One compound state per step: run the probe, then choose the next step from the findings.
const compileStep = (step: RunbookStep, fallback: string) => {
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
      // Guarded entries first; when none is taken, the fallback (the checklist, or the following step).
      choosing: { always: [...stop, ...choices, { target: targetOf(fallback) }] },
    },
  };
};

// The dispatch state: each checklist item is a candidate, taken when the guard ranks it first among the unvisited.
const compileChecklist = (items: ChecklistItem[], focus: boolean) => ({
  always: [
    ...items.map((item) => ({ guard: { type: "nextInChecklist" as const, params: { step: item.step, items, focus } }, target: targetOf(item.step) })),
    { target: targetOf(END) },
  ],
});

// Builds the machine config; no functions inside, so it can be printed, diffed and tested as data.
export const compileRunbook = (runbook: Runbook): RunbookMachineConfig => {
  const items: ChecklistItem[] = runbook.steps.flatMap((step, index) => (step.checklist === undefined ? [] : [{ step: step.id, resource: step.checklist, index }]));
  const states: Record<string, object> = {};
  runbook.steps.forEach((step, index) => {
    const fallback = items.length > 0 ? CHECKLIST : (runbook.steps[index + 1]?.id ?? END);
    states[step.id] = compileStep(step, fallback);
  });
  if (items.length > 0) states[CHECKLIST] = compileChecklist(items, runbook.focusAfterFinding);
  states[END] = { type: "final" };
  const first = runbook.steps[0];
  return {
    id: MACHINE_ID,
    initial: first ? first.id : END,
    context: { results: [], findings: [] },
    states,
  } as RunbookMachineConfig;
};
