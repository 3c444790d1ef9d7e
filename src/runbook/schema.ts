// The runbook format (version 1): an ordered checklist of probe steps with guarded next steps and a budget.

import { detectorSchema } from "../detectors/schema.js";
import { z } from "../model/zod.js";

export const FINDING_KINDS = ["runq-tail", "runq-healthy", "cpu-holders", "disk-slow-mode", "disk-healthy", "no-events"] as const;

const idSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, "expected a lowercase id such as `runqlat` or `disk-check`");

export const nextSchema = z
  .object({
    // Taken when a finding of this kind exists (from the named step, or from any step).
    when: z
      .object({
        finding: z.enum(FINDING_KINDS),
        step: idSchema.optional(),
      })
      .strict()
      .optional(),
    goto: z.string(),
  })
  .strict();

export const stepSchema = z
  .object({
    id: idSchema,
    probe: z.string(),
    params: z.record(z.string(), z.unknown()).default({}),
    detectors: z.array(detectorSchema).default([]),
    next: z.array(nextSchema).default([]),
    onError: z.enum(["continue", "stop"]).default("continue"),
  })
  .strict();

export const runbookSchema = z
  .object({
    format: z.literal(1),
    id: idSchema,
    summary: z.string().min(1),
    budgetSeconds: z.number().positive().max(3600).default(60),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type Runbook = z.infer<typeof runbookSchema>;
export type RunbookStep = z.infer<typeof stepSchema>;
export type NextStep = z.infer<typeof nextSchema>;

// The goto target that ends the run.
export const END = "end";
