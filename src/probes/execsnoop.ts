// execsnoop: every exec() system-wide with its parent, to catch storms of short-lived processes.
// Flavours: libbpf-tools `execsnoop` (tracepoints syscalls:sys_enter/exit_execve), then bpftrace's `execsnoop.bt`
// (tracepoints sys_enter_exec*), then bcc Python `execsnoop-bpfcc` (kprobes on the execve syscall function).
// Overhead: one event per exec; negligible below thousands of execs per second.
// Caveats: none of them has a duration argument, so they are stopped with SIGINT; the bpftrace flavour prints
// no PCOMM column for the parent, and arguments are cut at the tool's limit.

import { z } from "../model/zod.js";
import { analyzerFor } from "./analyzers.js";
import type { ProbeDefinition } from "./probe.js";

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
  })
  .strict();

export type ExecsnoopParams = z.infer<typeof paramsSchema>;


export const execsnoop: ProbeDefinition<ExecsnoopParams> = {
  id: "execsnoop",
  title: "Process executions",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "execsnoop",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }, { kind: "tracepoint", name: "syscalls:sys_enter_execve" }],
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("execsnoop"),
    },
    {
      flavour: "bpftrace",
      executable: "execsnoop.bt",
      debianPackage: "bpftrace",
      requires: [{ kind: "tracepoint", name: "syscalls:sys_enter_execve" }],
      startupSec: 3,
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("execsnoop"),
    },
    {
      flavour: "bcc",
      executable: "execsnoop-bpfcc",
      debianPackage: "bpfcc-tools",
      requires: [{ kind: "kprobes" }],
      argv: () => [],
      stopBy: "signal",
      parse: analyzerFor("execsnoop"),
    },
  ],
};
