// The runbook format (version 1): parameters, an ordered checklist of probe steps with guarded next steps, a budget.

import { detectorSchema } from "../detectors/schema.js";
import { FINDING_KINDS } from "../model/finding.js";
import { z } from "../model/zod.js";
import { PROBES } from "../probes/registry.js";

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
    goto: z.string().describe('a later step id, "checklist" (the most suspicious unvisited checklist item) or "end"'),
  })
  .strict();

const stepBase = z
  .object({
    id: idSchema,
    // Marks a checklist item and the resource it examines: the USE sweep's suspicion orders the items.
    checklist: z.enum(["cpu", "io", "memory"]).optional(),
    detectors: z.array(detectorSchema).default([]),
    next: z.array(nextSchema).default([]).describe("first matching entry wins; empty means the checklist when the runbook has one, else the following step"),
    onError: z.enum(["continue", "stop"]).default("continue"),
  })
  .strict();

// One step shape per registered probe, so each step's params are checked against that probe's schema.
const probeSteps = PROBES.map((probe) => stepBase.extend({ probe: z.literal(probe.id), params: probe.paramsSchema.prefault({}) }));

// Names what a step's probe should have been, and what it was.
const unknownProbe = (issue: { code?: string; input?: unknown }): string | undefined => {
  if (issue.code !== "invalid_union") return undefined;
  const received = typeof issue.input === "object" && issue.input !== null ? (issue.input as { probe?: unknown }).probe : undefined;
  return `expected a registered probe (${PROBES.map((probe) => probe.id).join(", ")}), received ${JSON.stringify(received ?? null)}`;
};

export const stepSchema = z.discriminatedUnion(
  "probe",
  probeSteps as unknown as [(typeof probeSteps)[number], ...(typeof probeSteps)[number][]],
  { error: unknownProbe },
);

export const parameterSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("number"), default: z.number(), description: z.string().optional() }).strict(),
  z.object({ type: z.literal("boolean"), default: z.boolean(), description: z.string().optional() }).strict(),
  z.object({ type: z.literal("string"), default: z.string(), description: z.string().optional() }).strict(),
]);

export const runbookSchema = z
  .object({
    format: z.literal(1),
    id: idSchema,
    summary: z.string().min(1),
    // Named values that steps use as "$name"; `run --param name=value` overrides the default.
    parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), parameterSchema).default({}),
    budgetSeconds: z.number().positive().max(3600).default(60),
    // Once a problem finding exists, the checklist visits only the items the USE sweep suspects (score >= 0.2).
    focusAfterFinding: z.boolean().default(false),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type Runbook = z.infer<typeof runbookSchema>;
export type RunbookStep = z.infer<typeof stepSchema>;
export type NextStep = z.infer<typeof nextSchema>;
export type RunbookParameter = z.infer<typeof parameterSchema>;

// The goto target that ends the run.
export const END = "end";

// The goto target that picks the most suspicious checklist item not yet visited (or ends the run).
export const CHECKLIST = "checklist";

const REFERENCE_SCHEMA = { type: "string", pattern: "^\\$[a-zA-Z][a-zA-Z0-9]*$", description: "a runbook parameter, as $name" };

// Lets every number or boolean under a node also be a "$name" parameter reference, as runbook files may write them.
const allowReferences = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(allowReferences);
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, allowReferences(value)]));
  const type = (node as { type?: unknown }).type;
  return type === "number" || type === "integer" || type === "boolean" ? { anyOf: [entries, REFERENCE_SCHEMA] } : entries;
};

// The JSON Schema of runbook files, for editors and other tools (committed as runbooks/runbook.schema.json).
export const runbookJsonSchema = (): unknown => {
  const schema = z.toJSONSchema(runbookSchema, { io: "input" }) as { properties: Record<string, unknown> };
  return { ...schema, properties: { ...schema.properties, steps: allowReferences(schema.properties.steps) } };
};
