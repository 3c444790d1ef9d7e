// Decides whether the live tests of bpftriage's tracepoint scripts can run here, and says why not (never silently).

import { checkKernelBtf, checkPrivileges, checkTracepoint, findTracefs, resolveExecutable } from "../../src/exec/preflight.js";

// The reason the bpftrace tracepoint scripts cannot run live here, or undefined when they can.
export const tracepointSkipReason = (tracepoints: readonly string[]): string | undefined => {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  const privileges = checkPrivileges();
  if (!privileges.ok) return privileges.reason;
  const btf = checkKernelBtf();
  if (!btf.ok) return btf.reason;
  if (resolveExecutable("bpftrace") === undefined) return "bpftrace is not installed (apt-get install bpftrace)";
  // The workloads are small python3 programs, so they can name themselves through /proc/self/comm.
  if (resolveExecutable("python3") === undefined) return "python3 is not installed (the workloads need it)";
  const tracefs = findTracefs();
  if (tracefs === undefined) return "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)";
  const missing = tracepoints.filter((name) => !checkTracepoint(name, tracefs).ok);
  if (missing.length > 0) return `tracepoints missing on this kernel: ${missing.join(", ")}`;
  return undefined;
};
