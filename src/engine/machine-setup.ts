// The one xstate setup(): the step actor, the guards that read findings, the actions that record results.

import { assign, fromPromise, setup, type DoneActorEvent, type ErrorActorEvent } from "xstate";
import { type Finding, type FindingKind, PROBLEM_FINDINGS, type Resource, type UseSuspectsFinding } from "../model/finding.js";
import type { StepInput, StepResult } from "../model/step.js";

export interface EngineContext {
  results: StepResult[];
  findings: Finding[];
}

export interface HasFindingParams {
  finding: FindingKind;
  step?: string;
}

export interface ChecklistItem {
  step: string;
  resource: Resource;
  index: number;
}

export interface NextInChecklistParams {
  step: string;
  items: ChecklistItem[];
  // After a problem finding, only suspected items remain.
  focus: boolean;
}

// A resource the USE sweep points at, at least a little.
export const SUSPECT_SCORE = 0.2;

// Orders the unvisited checklist items: most suspicious resource first (USE sweep), then runbook order.
// In focus mode, once a problem is found and the sweep suspects some resource, unsuspected items are dropped so the
// answer comes sooner; when the sweep suspects nothing (locks, sleeps), every item is still visited.
export const rankChecklist = (items: readonly ChecklistItem[], context: EngineContext, focus = false): ChecklistItem[] => {
  const visited = new Set(context.results.map((result) => result.id));
  const suspects = [...context.findings].reverse().find((finding): finding is UseSuspectsFinding => finding.kind === "use-suspects");
  const score = (item: ChecklistItem): number => suspects?.scores[item.resource] ?? 0;
  const suspected = suspects !== undefined && Object.values(suspects.scores).some((value) => value >= SUSPECT_SCORE);
  const narrowed = focus && suspected && context.findings.some((finding) => PROBLEM_FINDINGS.has(finding.kind));
  return items
    .filter((item) => !visited.has(item.step) && (!narrowed || score(item) >= SUSPECT_SCORE))
    .sort((a, b) => score(b) - score(a) || a.index - b.index);
};

export interface StepRef {
  stepId: string;
  probe: string;
}

// Placeholder actor: runRunbook always provides the real (or fixture-backed) implementation.
const missingStepActor = fromPromise<StepResult, StepInput>(async ({ input }) => {
  throw new Error(`no step runner provided for step ${input.stepId}`);
});

// The step actor's output, when the event is its done event (xstate types internal events loosely).
const doneOutput = (event: unknown): StepResult | undefined => {
  const done = event as Partial<DoneActorEvent<StepResult>>;
  return done.type?.startsWith("xstate.done.actor.") ? done.output : undefined;
};

// The step actor's error, when the event is its error event.
const actorError = (event: unknown): unknown => {
  const failed = event as Partial<ErrorActorEvent>;
  return failed.type?.startsWith("xstate.error.actor.") ? failed.error : "unknown error";
};

export const engineSetup = setup({
  types: {
    context: {} as EngineContext,
    events: {} as { type: "noop" },
  },
  actors: { runStep: missingStepActor },
  guards: {
    // True when a finding of this kind was recorded (by the named step, when given).
    hasFinding: ({ context }, params: HasFindingParams) =>
      context.findings.some((finding) => finding.kind === params.finding && (params.step === undefined || finding.stepId === params.step)),
    // True when this item is the one the checklist should visit next.
    nextInChecklist: ({ context }, params: NextInChecklistParams) => rankChecklist(params.items, context, params.focus)[0]?.step === params.step,
    // True when the named step did not complete ok (for onError: stop).
    stepNotOk: ({ context }, params: StepRef) => context.results.some((result) => result.id === params.stepId && result.status !== "ok"),
  },
  actions: {
    // Appends a finished step's result and findings to the context.
    recordStep: assign(({ context, event }) => {
      const output = doneOutput(event);
      if (output === undefined) return {};
      return { results: [...context.results, output], findings: [...context.findings, ...output.findings] };
    }),
    // A step runner that throws is a bug, not a probe failure: record it as a failed step and go on.
    recordCrash: assign(({ context, event }, params: StepRef) => {
      const error = actorError(event);
      const message = error instanceof Error ? error.message : String(error);
      const crashed: StepResult = {
        id: params.stepId,
        probe: params.probe,
        status: "failed",
        flavour: null,
        durationMs: 0,
        reason: `internal error in step runner: ${message}`,
        measurements: [],
        findings: [],
        notes: [],
      };
      return { results: [...context.results, crashed] };
    }),
  },
});

export type RunbookMachineConfig = Parameters<typeof engineSetup.createMachine>[0];
