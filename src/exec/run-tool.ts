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
  env?: Record<string, string>;
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
  let stoppedByUs = false;
  const stopTimer =
    request.stopAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          stoppedByUs = true;
          subprocess.kill("SIGINT");
        }, request.stopAfterMs);
  const result = await subprocess;
  if (stopTimer) clearTimeout(stopTimer);
  const durationMs = Math.round(performance.now() - started);
  const base = {
    ...(subprocess.pid === undefined ? {} : { pid: subprocess.pid }),
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
