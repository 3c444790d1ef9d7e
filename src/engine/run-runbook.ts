// Executes a compiled runbook: the machine walks the steps, a provided step runner does the probing.

import { createActor, fromPromise, toPromise } from "xstate";
import type { StepInput, StepResult } from "../model/step.js";
import { compileRunbook } from "../runbook/compile.js";
import type { Runbook } from "../runbook/schema.js";
import { engineSetup, SUSPECT_SCORE } from "./machine-setup.js";
import { type Finding, PROBLEM_FINDINGS, type UseSuspectsFinding } from "../model/finding.js";

export interface StepContext {
  // Milliseconds left in the run's budget when the step starts.
  remainingMs: number;
  signal: AbortSignal;
  // kernel.bpf_stats_enabled is on for this run, so steps can read their BPF programs' run time.
  bpfStats: boolean;
}

export type StepRunner = (input: StepInput, context: StepContext) => Promise<StepResult>;

export interface RunEvents {
  onStepStart?(input: StepInput, index: number): void;
  onStepEnd?(result: StepResult, index: number): void;
}

export interface RunbookOutcome {
  // Every step of the runbook in order; steps off the path taken are "skipped".
  steps: StepResult[];
  findings: Finding[];
  // Step ids in the order they ran (skipped ones left out).
  path: string[];
  durationMs: number;
}

// A result for a step the run never entered.
const skippedStep = (id: string, probe: string, reason: string): StepResult => ({
  id,
  probe,
  status: "skipped",
  flavour: null,
  durationMs: 0,
  reason,
  measurements: [],
  findings: [],
  notes: [],
});

// Runs the runbook to its end state and returns every step's result, ranked in runbook order.
export const runRunbook = async (
  runbook: Runbook,
  runStep: StepRunner,
  options: RunEvents & { signal?: AbortSignal; now?: () => number; bpfStats?: boolean } = {},
): Promise<RunbookOutcome> => {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const budgetMs = runbook.budgetSeconds * 1000;
  const signal = options.signal ?? new AbortController().signal;
  let index = 0;
  const started = new Set<string>();
  const machine = engineSetup.createMachine(compileRunbook(runbook)).provide({
    actors: {
      runStep: fromPromise<StepResult, StepInput>(async ({ input }) => {
        const position = index++;
        options.onStepStart?.(input, position);
        const remainingMs = budgetMs - (now() - startedAt);
        const repeat = started.has(input.stepId);
        started.add(input.stepId);
        const result = repeat
          ? skippedStep(input.stepId, input.probe, "already ran earlier in this run")
          : signal.aborted
            ? skippedStep(input.stepId, input.probe, "run interrupted before this step")
            : remainingMs < 1000
              ? skippedStep(input.stepId, input.probe, `time budget of ${runbook.budgetSeconds} s used up`)
              : await runStep(input, { remainingMs, signal, bpfStats: options.bpfStats ?? false });
        options.onStepEnd?.(result, position);
        return result;
      }),
    },
  });
  const actor = createActor(machine);
  actor.start();
  await toPromise(actor);
  const { results, findings } = actor.getSnapshot().context;
  const ran = new Map<string, StepResult>();
  for (const result of results) if (!ran.has(result.id)) ran.set(result.id, result);
  const suspects = [...findings].reverse().find((finding): finding is UseSuspectsFinding => finding.kind === "use-suspects");
  const focused = runbook.focusAfterFinding && findings.some((finding) => PROBLEM_FINDINGS.has(finding.kind));
  // Says why a step never ran: left out by the focus rule, or simply not on the branch the findings chose.
  const notVisited = (step: Runbook["steps"][number]): string =>
    focused && step.checklist !== undefined && (suspects?.scores[step.checklist] ?? 0) < SUSPECT_SCORE
      ? `left out: a problem was found and the USE sweep did not suspect ${step.checklist}`
      : "not on the path taken: an earlier finding chose another step";
  const steps = runbook.steps.map((step) => ran.get(step.id) ?? skippedStep(step.id, step.probe, notVisited(step)));
  // The path is what actually ran: steps entered but skipped (repeat, budget, interruption) are not on it.
  const path = results.filter((result) => result.status !== "skipped").map((result) => result.id);
  return { steps, findings, path, durationMs: Math.round(now() - startedAt) };
};
