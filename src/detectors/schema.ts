// Detector configurations a runbook step may name, validated with their defaults.

import { z } from "../model/zod.js";

export const detectorSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("runq-tail"),
      // A run-queue wait at or above this (usecs) in the p99 or in a significant hump is a finding.
      minUs: z.number().positive().default(1000),
    })
    .strict(),
  z
    .object({
      kind: z.literal("cpu-holders"),
      top: z.number().int().min(1).max(50).default(5),
    })
    .strict(),
  z.object({ kind: z.literal("use-suspects") }).strict(),
  z
    .object({
      kind: z.literal("off-cpu"),
      // The probe's window, to turn blocked milliseconds into a share of it.
      windowSec: z.number().positive(),
      // A process whose threads were blocked on locks or I/O for at least this many windows (summed over threads).
      minShare: z.number().positive().default(0.5),
    })
    .strict(),
  z.object({ kind: z.literal("process-churn"), windowSec: z.number().positive(), minPerSec: z.number().positive().default(20) }).strict(),
  z
    .object({
      kind: z.literal("cache-thrash"),
      // Page-cache insertions per second (4 KiB pages) that count as thrashing, with the hit ratio (%) at or below.
      minMissesPerSec: z.number().positive().default(5000),
      maxHitRatio: z.number().min(0).max(100).default(90),
    })
    .strict(),
  z.object({ kind: z.literal("slow-file-ops"), minEvents: z.number().int().positive().default(5) }).strict(),
  z
    .object({
      kind: z.literal("disk-latency"),
      // A block I/O latency at or above this (usecs) in the p99 or in a significant hump is a finding.
      minUs: z.number().positive().default(10_000),
    })
    .strict(),
]);

export type DetectorConfig = z.infer<typeof detectorSchema>;
