// runqlat: run-queue (scheduler) latency as a log2 histogram of how long runnable threads waited for a CPU.
// Flavours: libbpf-tools `runqlat` (tp_btf, falling back to raw tracepoints sched_wakeup/_new, sched_switch), then
// bcc Python `runqlat-bpfcc` (raw tracepoints, else kprobes), then bpftrace's `runqlat.bt` (tracepoints; prints one
// histogram when stopped, so it is stopped with SIGINT).
// Overhead: one map update per wake-up and context switch; can reach a few % CPU on very busy schedulers.
// Caveats: libbpf-tools clamp waits into 26 log2 slots, so the top bucket means "at least 2^25 us".

import { z } from "../model/zod.js";
import { parseBpftraceHist } from "../parsers/bpftrace-hist.js";
import { parseLog2Hist } from "../parsers/log2-hist.js";
import type { ProbeDefinition } from "./probe.js";

export const RUNQLAT_SLOTS = 26;

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    perProcess: z.boolean().default(false),
  })
  .strict();

export type RunqlatParams = z.infer<typeof paramsSchema>;

// Parses runqlat output of any bcc/libbpf-tools layout; shared by the probe and `analyze runqlat`.
export const parseRunqlat = (stdout: string, source?: string) =>
  parseLog2Hist(stdout, {
    tool: "runqlat",
    units: ["usecs", "msecs"],
    banners: [/^Tracing run queue latency\.\.\. Hit Ctrl-C to end\.\s*$/],
    libbpfMaxSlots: RUNQLAT_SLOTS,
    ...(source ? { source } : {}),
  });

// Parses runqlat.bt's `@usecs` histogram.
const parseRunqlatBt = (stdout: string, source?: string) =>
  parseBpftraceHist(stdout, { tool: "runqlat", banners: [/^Tracing CPU scheduler\.\.\. Hit Ctrl-C to end\.\s*$/], maps: ["@usecs"], ...(source ? { source } : {}) });

const SCHED_TRACEPOINTS = ["sched:sched_wakeup", "sched:sched_wakeup_new", "sched:sched_switch"].map((name) => ({ kind: "tracepoint" as const, name }));

export const runqlat: ProbeDefinition<RunqlatParams> = {
  id: "runqlat",
  title: "Run-queue latency",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "runqlat",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }],
      // One histogram per second, so the step can stop as soon as the verdict is decisive.
      argv: (params) => [...(params.perProcess ? ["-P"] : []), "1", String(params.durationSec)],
      stopBy: "exit",
      intervalOutput: true,
      parse: parseRunqlat,
    },
    {
      flavour: "bcc",
      executable: "runqlat-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [],
      argv: (params) => [...(params.perProcess ? ["-P"] : []), "1", String(params.durationSec)],
      stopBy: "exit",
      intervalOutput: true,
      parse: parseRunqlat,
    },
    {
      flavour: "bpftrace",
      executable: "runqlat.bt",
      debianPackage: "bpftrace",
      requires: SCHED_TRACEPOINTS,
      startupSec: 3,
      argv: () => [],
      stopBy: "signal",
      parse: parseRunqlatBt,
    },
  ],
};
