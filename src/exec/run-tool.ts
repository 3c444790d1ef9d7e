// Runs one tracing tool (argv only, no shell) under a hard time limit; the only module that imports execa.

import { execa } from "execa";
import { releaseGroup, signalGroup, trackGroup } from "./process-group.js";

export interface ToolRequest {
  file: string;
  args: readonly string[];
  // Tools without a duration argument (runqslower) are stopped with SIGINT after this long.
  stopAfterMs?: number;
  // Hard limit: SIGINT at this point, SIGKILL graceMs later.
  timeoutMs: number;
  graceMs?: number;
  signal?: AbortSignal;
  // Aborting it stops the tool with SIGINT as a planned stop (e.g. the verdict is already stable).
  earlyStop?: AbortSignal;
  env?: Record<string, string>;
  // Called every intervalMs while the tool runs, and once more just before we stop it.
  observe?: { intervalMs: number; sample(pid: number): void };
  // Receives stdout as it arrives, for tools that print one interval at a time.
  onStdout?: (chunk: string) => void;
}

export type StopReason = "exited" | "stopped" | "timed-out" | "cancelled" | "spawn-failed";

export interface ToolRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  stopReason: StopReason;
  // The tool's process id, so its own CPU use is not mistaken for the workload's.
  pid?: number;
  // Set when the tool could not be started at all (ENOENT, EACCES).
  spawnError?: string;
}

const DEFAULT_GRACE_MS = 2_000;

// Runs the tool to completion and always resolves: failures are described in the result.
// The tool leads its own process group, so every stop reaches the helpers it started too:
// SIGINT first (tools print their last interval and detach their BPF programs), SIGKILL after the grace period.
export const runTool = async (request: ToolRequest): Promise<ToolRun> => {
  const started = performance.now();
  const graceMs = request.graceMs ?? DEFAULT_GRACE_MS;
  const subprocess = execa(request.file, [...request.args], {
    reject: false,
    stdin: "ignore",
    detached: true,
    cleanup: false,
    stripFinalNewline: false,
    ...(request.env ? { env: request.env, extendEnv: true } : {}),
  });
  const pid = subprocess.pid;
  if (pid !== undefined) trackGroup(pid);
  let reason: "stopped" | "timed-out" | "cancelled" | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const observe = (): void => {
    if (pid !== undefined) request.observe?.sample(pid);
  };
  const stop = (why: NonNullable<typeof reason>): void => {
    if (reason !== undefined || pid === undefined) return;
    observe();
    reason = why;
    signalGroup(pid, "SIGINT");
    killTimer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
  };
  const onCancel = (): void => stop("cancelled");
  const onEarlyStop = (): void => stop("stopped");
  const stopTimer = request.stopAfterMs === undefined ? undefined : setTimeout(() => stop("stopped"), request.stopAfterMs);
  const hardTimer = setTimeout(() => stop("timed-out"), request.timeoutMs);
  const sampler = request.observe === undefined ? undefined : setInterval(observe, request.observe.intervalMs);
  if (request.signal?.aborted) onCancel();
  request.signal?.addEventListener("abort", onCancel, { once: true });
  request.earlyStop?.addEventListener("abort", onEarlyStop, { once: true });
  if (request.onStdout) subprocess.stdout?.on("data", (chunk: Buffer) => request.onStdout?.(chunk.toString("utf8")));
  // When the tool itself exits, whatever it left running in its group (holding our pipes, or BPF programs) goes too.
  subprocess.on("exit", () => {
    if (pid !== undefined) signalGroup(pid, "SIGKILL");
  });
  const result = await subprocess;
  for (const timer of [stopTimer, hardTimer, killTimer]) if (timer) clearTimeout(timer);
  if (sampler) clearInterval(sampler);
  request.signal?.removeEventListener("abort", onCancel);
  request.earlyStop?.removeEventListener("abort", onEarlyStop);
  if (pid !== undefined) {
    // Children the tool left behind (its group outlives it) are not allowed to keep tracing.
    signalGroup(pid, "SIGKILL");
    releaseGroup(pid);
  }
  const durationMs = Math.round(performance.now() - started);
  const base = {
    ...(pid === undefined ? {} : { pid }),
    stdout: typeof result.stdout === "string" ? result.stdout : "",
    stderr: typeof result.stderr === "string" ? result.stderr : "",
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    durationMs,
  };
  const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "EACCES") {
    return { ...base, stopReason: "spawn-failed", spawnError: `${code}: cannot execute ${request.file}` };
  }
  return { ...base, stopReason: reason ?? "exited" };
};

// Runs a command with the terminal attached (package installs): output streams to the user as it comes.
export const runAttached = async (file: string, args: readonly string[]): Promise<{ exitCode: number | null; error?: string }> => {
  const result = await execa(file, [...args], { reject: false, stdio: "inherit" });
  const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? { exitCode: result.exitCode ?? null } : { exitCode: null, error: `${code}: cannot execute ${file}` };
};
