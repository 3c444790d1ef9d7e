// The record/replay bundle format (version 1): one manifest plus raw output and metadata per step.

import { z } from "../model/zod.js";

export const BUNDLE_FORMAT = 1;

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  recordedBy: z.string(),
  host: z.object({ hostname: z.string(), kernel: z.string(), cpus: z.number().int().positive() }),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  runbook: z.object({ id: z.string(), file: z.string(), text: z.string() }),
  // The --param overrides of the recorded run, applied again on replay.
  parameters: z.record(z.string(), z.string()).default({}),
  budgetSeconds: z.number().positive(),
});

const processCpuSchema = z.object({ pid: z.number().int(), comm: z.string(), cpuMs: z.number() });

export const stepRecordSchema = z.object({
  stepId: z.string(),
  probe: z.string(),
  status: z.enum(["ok", "unavailable", "failed", "skipped"]),
  reason: z.string().optional(),
  flavour: z.string().nullable(),
  argv: z.array(z.string()).optional(),
  exitCode: z.number().int().nullable().optional(),
  stopReason: z.enum(["exited", "stopped", "timed-out", "cancelled", "spawn-failed"]).optional(),
  durationMs: z.number().nonnegative(),
  startedAt: z.string(),
  endedAt: z.string(),
  host: z.string(),
  kernel: z.string(),
  // Files beside this record holding the tool's raw output, when the tool ran.
  stdoutFile: z.string().optional(),
  stderrFile: z.string().optional(),
  cpuByProcess: z.array(processCpuSchema).default([]),
  overhead: z
    .object({ toolCpuMs: z.number(), bpfRunTimeNs: z.number().nullable(), bpfPrograms: z.number(), bpfRunCount: z.number() })
    .optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type StepRecord = z.infer<typeof stepRecordSchema>;
