// biosnoop: one line per block I/O with the issuing process, disk and latency, to name who drives a slow disk.
// Flavours: libbpf-tools `biosnoop` (v0.26 needs fentry on blk_account_io_start, so it fails without BPF
// trampolines and the next flavour runs), then bpftrace's `biosnoop.bt` (kprobes in bpftrace 0.17; upstream moved
// it to the block_io_start/done tracepoints later), then bcc Python `biosnoop-bpfcc` (kprobes). On a kernel without
// kprobes and fentry (this project's VMs) none of them can run, and `bpftriage probes` says so.
// Overhead: one event per I/O: keep runs short on disks doing tens of thousands of IOPS.
// Caveats: no duration argument: stopped with SIGINT. The process is the one that queued the I/O, which for
// writeback and loop devices is a kernel thread rather than the application.

import { z } from "../model/zod.js";
import { analyzerFor } from "./analyzers.js";
import type { ProbeDefinition } from "./probe.js";

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(3),
  })
  .strict();

export type BiosnoopParams = z.infer<typeof paramsSchema>;


export const biosnoop: ProbeDefinition<BiosnoopParams> = {
  id: "biosnoop",
  title: "Block I/O events with process and latency",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "biosnoop",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }, { kind: "kprobes" }],
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("biosnoop"),
    },
    {
      flavour: "bpftrace",
      executable: "biosnoop.bt",
      debianPackage: "bpftrace",
      requires: [{ kind: "kprobes" }],
      startupSec: 3,
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("biosnoop"),
    },
    {
      flavour: "bcc",
      executable: "biosnoop-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [{ kind: "kprobes" }],
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("biosnoop"),
    },
  ],
};
