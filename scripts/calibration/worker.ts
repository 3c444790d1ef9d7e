// Worker-thread entry of the calibration pool: runs one job per message and posts its tally back.
import { parentPort } from "node:worker_threads";
import { runJob } from "./evaluate.js";
import type { Job } from "./pool.js";

parentPort?.on("message", (job: Job) => {
  parentPort?.postMessage(runJob(job.cell, job.from, job.count, job.seed));
});
