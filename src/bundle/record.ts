// `run --record DIR`: wraps the live step runner and stores each step's raw output and metadata as it finishes.

import { mkdirSync, writeFileSync } from "node:fs";
import { hostname, release } from "node:os";
import { join } from "node:path";
import type { StepRunner } from "../engine/run-runbook.js";
import type { BundleManifest, StepRecord } from "./schema.js";

// Writes the manifest; called at the start of the run and again with its end time.
export const writeManifest = (dir: string, manifest: BundleManifest): void => {
  mkdirSync(join(dir, "steps"), { recursive: true });
  writeFileSync(join(dir, "bundle.json"), `${JSON.stringify(manifest, null, 2)}\n`);
};

// Returns a step runner that records every step it runs into DIR/steps/.
export const recordingRunner = (dir: string, inner: StepRunner): StepRunner => async (input, context) => {
  const startedAt = new Date().toISOString();
  const result = await inner(input, context);
  const endedAt = new Date().toISOString();
  const stepsDir = join(dir, "steps");
  mkdirSync(stepsDir, { recursive: true });
  const ranTool = result.stdout !== undefined;
  if (ranTool) {
    writeFileSync(join(stepsDir, `${input.stepId}.stdout`), result.stdout ?? "");
    writeFileSync(join(stepsDir, `${input.stepId}.stderr`), result.stderr ?? "");
  }
  const record: StepRecord = {
    stepId: input.stepId,
    probe: input.probe,
    status: result.status,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    flavour: result.flavour,
    ...(result.argv === undefined ? {} : { argv: result.argv }),
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    ...(result.stopReason === undefined ? {} : { stopReason: result.stopReason }),
    durationMs: result.durationMs,
    startedAt,
    endedAt,
    host: hostname(),
    kernel: release(),
    ...(ranTool ? { stdoutFile: `${input.stepId}.stdout`, stderrFile: `${input.stepId}.stderr` } : {}),
    cpuByProcess: result.cpuByProcess ?? [],
    ...(result.overhead === undefined ? {} : { overhead: result.overhead }),
  };
  writeFileSync(join(stepsDir, `${input.stepId}.json`), `${JSON.stringify(record, null, 2)}\n`);
  return result;
};
