// Cross-field checks the schema cannot express: unique ids, existing and forward-only gotos, a default transition.

import { END, type Runbook } from "./schema.js";

export interface RunbookProblem {
  path: Array<string | number>;
  message: string;
}

// Lists every problem; an empty list means the runbook can be compiled and always terminates.
export const checkRunbook = (runbook: Runbook): RunbookProblem[] => {
  const problems: RunbookProblem[] = [];
  const order = new Map(runbook.steps.map((step, index) => [step.id, index]));
  runbook.steps.forEach((step, index) => {
    if (runbook.steps.findIndex((other) => other.id === step.id) !== index) {
      problems.push({ path: ["steps", index, "id"], message: `duplicate step id "${step.id}"` });
    }
    if (step.id === END) problems.push({ path: ["steps", index, "id"], message: `"${END}" is reserved for the end of the run` });
    step.next.forEach((next, nextIndex) => {
      const target = order.get(next.goto);
      if (next.goto !== END && target === undefined) {
        problems.push({ path: ["steps", index, "next", nextIndex, "goto"], message: `goto "${next.goto}" names no step (use a step id or "${END}")` });
      } else if (target !== undefined && target <= index) {
        problems.push({ path: ["steps", index, "next", nextIndex, "goto"], message: `goto "${next.goto}" goes backwards: steps may only jump forward` });
      }
      if (next.when?.step !== undefined && !order.has(next.when.step)) {
        problems.push({ path: ["steps", index, "next", nextIndex, "when", "step"], message: `"${next.when.step}" names no step` });
      }
    });
    const last = step.next[step.next.length - 1];
    if (last?.when !== undefined) {
      problems.push({ path: ["steps", index, "next"], message: "the last next entry must have no `when`, so some transition is always taken" });
    }
  });
  return problems;
};
