// The one xstate setup(): the step actor, the guards that read findings, the actions that record results.

import { assign, fromPromise, setup, type DoneActorEvent, type ErrorActorEvent } from "xstate";
import type { Finding, FindingKind } from "../model/finding.js";
import type { StepInput, StepResult } from "../model/step.js";

export interface EngineContext {
  results: StepResult[];
  findings: Finding[];
}

export interface HasFindingParams {
  finding: FindingKind;
  step?: string;
}

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
