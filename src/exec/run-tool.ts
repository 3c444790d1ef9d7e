// Runs one tracing tool (argv only, no shell) under a hard time limit; the only module that imports execa.

import { execa } from "execa";

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

// Maps execa's result flags onto the one reason a step reports.
const stopReasonOf = (result: { timedOut: boolean; isCanceled: boolean }, stoppedByUs: boolean): StopReason => {
  if (result.isCanceled) return "cancelled";
  if (result.timedOut) return "timed-out";
  return stoppedByUs ? "stopped" : "exited";
};

// Runs the tool to completion and always resolves: failures are described in the result.
export const runTool = async (request: ToolRequest): Promise<ToolRun> => {
  const started = performance.now();
  let pid: number | undefined;
  const observe = (): void => {
    if (pid !== undefined) request.observe?.sample(pid);
  };
  // Registered before execa's own listener, so the last sample is taken before SIGINT goes out.
  request.signal?.addEventListener("abort", observe, { once: true });
  const subprocess = execa(request.file, [...request.args], {
    reject: false,
    stdin: "ignore",
    timeout: request.timeoutMs,
    killSignal: "SIGINT",
    forceKillAfterDelay: request.graceMs ?? DEFAULT_GRACE_MS,
    cleanup: true,
    stripFinalNewline: false,
    ...(request.signal ? { cancelSignal: request.signal } : {}),
    ...(request.env ? { env: request.env, extendEnv: true } : {}),
  });
  pid = subprocess.pid;
  let stoppedByUs = false;
  const stop = (): void => {
    if (stoppedByUs) return;
    observe();
    stoppedByUs = true;
    subprocess.kill("SIGINT");
  };
  const stopTimer = request.stopAfterMs === undefined ? undefined : setTimeout(stop, request.stopAfterMs);
  const sampler = request.observe === undefined ? undefined : setInterval(observe, request.observe.intervalMs);
  request.earlyStop?.addEventListener("abort", stop, { once: true });
  if (request.onStdout) subprocess.stdout?.on("data", (chunk: Buffer) => request.onStdout?.(chunk.toString("utf8")));
  const result = await subprocess;
  if (stopTimer) clearTimeout(stopTimer);
  if (sampler) clearInterval(sampler);
  request.earlyStop?.removeEventListener("abort", stop);
  request.signal?.removeEventListener("abort", observe);
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
  return { ...base, stopReason: stopReasonOf(result, stoppedByUs) };
};
