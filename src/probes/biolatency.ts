// biolatency: block I/O latency (issue to completion) as log2 histograms, per disk with -D.
// Flavours: libbpf-tools `biolatency` (tp_btf, falling back to raw tracepoints block_rq_issue/_complete), then bcc
// Python `biolatency-bpfcc` (v0.26 uses kprobes only).
// Overhead: a map update per I/O issue and completion; small below ~100k IOPS.
// Caveats: libbpf-tools clamp into 27 log2 slots; queue time in the OS is excluded unless -Q.

import { z } from "../model/zod.js";
import { parseLog2Hist } from "../parsers/log2-hist.js";
import type { ProbeDefinition } from "./probe.js";

export const BIOLATENCY_SLOTS = 27;

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    perDisk: z.boolean().default(true),
    queued: z.boolean().default(false),
  })
  .strict();

export type BiolatencyParams = z.infer<typeof paramsSchema>;

// Parses biolatency output of any bcc/libbpf-tools layout; shared by the probe and `analyze biolatency`.
export const parseBiolatency = (stdout: string, source?: string) =>
  parseLog2Hist(stdout, {
    tool: "biolatency",
    units: ["usecs", "msecs"],
    banners: [/^Tracing block device I\/O\.\.\. Hit Ctrl-C to end\.\s*$/],
    libbpfMaxSlots: BIOLATENCY_SLOTS,
    ...(source ? { source } : {}),
  });

export const biolatency: ProbeDefinition<BiolatencyParams> = {
  id: "biolatency",
  title: "Block I/O latency",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "biolatency",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }],
      // One histogram (per disk) per second, so the step can stop as soon as the verdict is decisive.
      argv: (params) => [...(params.perDisk ? ["-D"] : []), ...(params.queued ? ["-Q"] : []), "1", String(params.durationSec)],
      stopBy: "exit",
      intervalOutput: true,
      parse: parseBiolatency,
    },
    {
      flavour: "bcc",
      executable: "biolatency-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [{ kind: "kprobes" }],
      argv: (params) => [...(params.perDisk ? ["-D"] : []), ...(params.queued ? ["-Q"] : []), "1", String(params.durationSec)],
      stopBy: "exit",
      intervalOutput: true,
      parse: parseBiolatency,
    },
  ],
};
