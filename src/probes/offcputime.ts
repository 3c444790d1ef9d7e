// offcputime: where threads block, as kernel+user stacks summed by off-CPU time, per process.
// Flavours: libbpf-tools `offcputime` (tp_btf/raw_tp sched_switch), then bcc Python `offcputime-bpfcc` (kprobe
// finish_task_switch, so it needs kprobes).
// Overhead: a stack walk at every context switch that blocks for at least minUs; the -m/-M window keeps idle
// threads (long sleeps) and very short blocks out, which also keeps the cost down. Expect ~1% on busy boxes.
// Caveats: stacks are per thread and summed per stack; -M drops blocks longer than maxUs, so a thread stuck for the
// whole window shows nothing (idle pools are usually exactly that, which is the point).

import { z } from "../model/zod.js";
import { analyzerFor } from "./analyzers.js";
import type { ProbeDefinition } from "./probe.js";

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    minUs: z.number().int().min(1).default(1000),
    maxUs: z.number().int().min(1).default(200_000),
  })
  .strict();

export type OffcputimeParams = z.infer<typeof paramsSchema>;


const args = (params: OffcputimeParams): string[] => ["-m", String(params.minUs), "-M", String(params.maxUs), String(params.durationSec)];

export const offcputime: ProbeDefinition<OffcputimeParams> = {
  id: "offcputime",
  title: "Off-CPU time by blocking stack",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "offcputime",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }],
      argv: args,
      stopBy: "exit",
      parse: analyzerFor("offcputime"),
    },
    {
      flavour: "bcc",
      executable: "offcputime-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [{ kind: "kprobes" }],
      argv: args,
      stopBy: "exit",
      parse: analyzerFor("offcputime"),
    },
  ],
};
