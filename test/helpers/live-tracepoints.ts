// Decides whether the live tests of bpftriage's tracepoint tools (the bpftrace scripts, or their native builds in
// dist/native) can run here, and says why not when they cannot (never silently).

import { checkKernelBtf, checkPrivileges, checkTracepoint, findTracefs, resolveExecutable } from "../../src/exec/preflight.js";

// An executable a live suite needs (a name on PATH or an absolute path), with the reason to print when it is missing.
export interface NeededTool {
  executable: string;
  missing: string;
}

export const BPFTRACE: NeededTool = { executable: "bpftrace", missing: "bpftrace is not installed (apt-get install bpftrace)" };

// The reason the tracepoint tools cannot run live here, or undefined when they can.
export const tracepointSkipReason = (tracepoints: readonly string[], tools: readonly NeededTool[] = [BPFTRACE]): string | undefined => {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  const privileges = checkPrivileges();
  if (!privileges.ok) return privileges.reason;
  const btf = checkKernelBtf();
  if (!btf.ok) return btf.reason;
  const missingTool = tools.find((tool) => resolveExecutable(tool.executable) === undefined);
  if (missingTool !== undefined) return missingTool.missing;
  // The workloads are small python3 programs, so they can name themselves through /proc/self/comm.
  if (resolveExecutable("python3") === undefined) return "python3 is not installed (the workloads need it)";
  const tracefs = findTracefs();
  if (tracefs === undefined) return "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)";
  const missing = tracepoints.filter((name) => !checkTracepoint(name, tracefs).ok);
  if (missing.length > 0) return `tracepoints missing on this kernel: ${missing.join(", ")}`;
  return undefined;
};
