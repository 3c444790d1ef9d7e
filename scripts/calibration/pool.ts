// Runs calibration jobs on worker threads (one per requested core) and collects their tallies.
import { Worker } from "node:worker_threads";
import type { Cell } from "./cells.js";
import type { Tally } from "./evaluate.js";

export interface Job {
  cell: Cell;
  from: number;
  count: number;
  seed: number;
}

// Run every job on `workers` threads, biggest jobs first; `onDone` sees each tally as it arrives.
export async function runPool(jobs: readonly Job[], workers: number, onDone: (tally: Tally, done: number) => void): Promise<Tally[]> {
  const queue = [...jobs];
  const tallies: Tally[] = [];
  // One worker thread: take jobs until the queue is empty.
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url));
      // Hand the next job to the worker, or stop it when none is left.
      const next = (): void => {
        const job = queue.shift();
        if (job === undefined) {
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage(job);
      };
      worker.on("message", (tally: Tally) => {
        tallies.push(tally);
        onDone(tally, tallies.length);
        next();
      });
      worker.on("error", reject);
      next();
    });
  await Promise.all(Array.from({ length: Math.max(1, workers) }, runWorker));
  return tallies;
}
