// Cross-field checks the schema cannot express: unique ids, existing and forward-only gotos.

import { CHECKLIST, END, type Runbook } from "./schema.js";

export interface RunbookProblem {
  path: Array<string | number>;
  message: string;
}

// Lists every problem; an empty list means the runbook can be compiled and always terminates.
export const checkRunbook = (runbook: Runbook): RunbookProblem[] => {
  const problems: RunbookProblem[] = [];
  const order = new Map(runbook.steps.map((step, index) => [step.id, index]));
  const hasChecklist = runbook.steps.some((step) => step.checklist !== undefined);
  runbook.steps.forEach((step, index) => {
    if (runbook.steps.findIndex((other) => other.id === step.id) !== index) {
      problems.push({ path: ["steps", index, "id"], message: `duplicate step id "${step.id}"` });
    }
    if (step.id === END || step.id === CHECKLIST) problems.push({ path: ["steps", index, "id"], message: `"${step.id}" is reserved as a goto target` });
    step.next.forEach((next, nextIndex) => {
      const target = order.get(next.goto);
      if (next.goto === CHECKLIST) {
        if (!hasChecklist) problems.push({ path: ["steps", index, "next", nextIndex, "goto"], message: `goto "${CHECKLIST}" needs steps marked with \`checklist:\`` });
      } else if (next.goto !== END && target === undefined) {
        problems.push({ path: ["steps", index, "next", nextIndex, "goto"], message: `goto "${next.goto}" names no step (use a step id, "${CHECKLIST}" or "${END}")` });
      } else if (target !== undefined && target <= index) {
        problems.push({ path: ["steps", index, "next", nextIndex, "goto"], message: `goto "${next.goto}" goes backwards: steps may only jump forward` });
      }
      if (next.when?.step !== undefined && !order.has(next.when.step)) {
        problems.push({ path: ["steps", index, "next", nextIndex, "when", "step"], message: `"${next.when.step}" names no step` });
      }
    });
  });
  return problems;
};
