// runqslower: one event per wake-up that waited longer than a threshold, with -P the task that held the CPU.
// Flavours: libbpf-tools `runqslower` (tp_btf, falling back to raw tracepoints on the scheduler), then bcc Python
// `runqslower-bpfcc` (raw tracepoints, else kprobes); both print the same columns.
// Overhead: a per-event perf buffer write only for slow wake-ups; negligible unless the threshold is tiny.
// Caveats: it has no duration argument, so it is stopped with SIGINT; events below the threshold are invisible.

import { z } from "../model/zod.js";
import { parseRunqslower } from "../parsers/runqslower.js";
import type { ProbeDefinition } from "./probe.js";

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    minUs: z.number().int().min(1).default(1000),
    previous: z.boolean().default(true),
  })
  .strict();

export type RunqslowerParams = z.infer<typeof paramsSchema>;

export const runqslower: ProbeDefinition<RunqslowerParams> = {
  id: "runqslower",
  title: "Slow run-queue wake-ups and who held the CPU",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "runqslower",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }],
      argv: (params) => [...(params.previous ? ["-P"] : []), String(params.minUs)],
      stopBy: "signal",
      parse: (stdout, source) => parseRunqslower(stdout, source),
    },
    {
      flavour: "bcc",
      executable: "runqslower-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [],
      argv: (params) => [...(params.previous ? ["-P"] : []), String(params.minUs)],
      stopBy: "signal",
      parse: (stdout, source) => parseRunqslower(stdout, source),
    },
  ],
};
