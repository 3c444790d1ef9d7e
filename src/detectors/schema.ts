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
  z
    .object({
      kind: z.literal("disk-latency"),
      // A block I/O latency at or above this (usecs) in the p99 or in a significant hump is a finding.
      minUs: z.number().positive().default(10_000),
    })
    .strict(),
]);

export type DetectorConfig = z.infer<typeof detectorSchema>;
