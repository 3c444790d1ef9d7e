// Shows which step is running and for how long, on a terminal only (scripts and cron stay quiet).

import type { RunEvents } from "../engine/run-runbook.js";

// Progress callbacks that redraw one status line per step on stderr.
export const terminalProgress = (stream: NodeJS.WriteStream = process.stderr): RunEvents & { stop(): void } => {
  if (!stream.isTTY) return { stop: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    onStepStart(input, index) {
      const started = performance.now();
      const draw = (): void => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        stream.write(`\r\x1b[2K[${index + 1}] ${input.stepId} (${input.probe}): running ${seconds} s`);
      };
      draw();
      timer = setInterval(draw, 200);
    },
    onStepEnd(result, index) {
      stop();
      const why = result.reason ? `: ${result.reason}` : "";
      stream.write(`\r\x1b[2K[${index + 1}] ${result.id} (${result.probe}): ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s${why}\n`);
    },
    stop,
  };
};
