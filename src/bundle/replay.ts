// `run --replay DIR`: reads a recorded bundle and replays each step through the same parse and detect path.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StepRunner } from "../engine/run-runbook.js";
import { BpftriageError, UsageError } from "../model/errors.js";
import type { StepResult } from "../model/step.js";
import { analyseToolRun } from "../probes/run-probe.js";
import { findProbe } from "../probes/registry.js";
import { type BundleManifest, manifestSchema, type StepRecord, stepRecordSchema } from "./schema.js";
import type { ZodType } from "../model/zod.js";

// Reads and validates one JSON file of a bundle; problems name the file and what was expected.
const readJson = <T>(file: string, schema: ZodType<T>): T | undefined => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BpftriageError("IO_ERROR", `${file}: expected JSON, received "${text.slice(0, 40)}"`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BpftriageError("IO_ERROR", `${file}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
};

// Loads the bundle manifest; a folder without one is not a bundle.
export const readManifest = (dir: string): BundleManifest => {
  const manifest = readJson(join(dir, "bundle.json"), manifestSchema);
  if (manifest === undefined) throw new UsageError(`${dir} is not a bpftriage bundle: expected ${join(dir, "bundle.json")}`);
  return manifest;
};

// Reads a recorded output file next to the step record.
const readOutput = (dir: string, name: string | undefined): string => (name === undefined ? "" : readFileSync(join(dir, "steps", name), "utf8"));

// Rebuilds a step from its record: runs that never started come back as recorded; others are re-analysed.
const replayStep = (dir: string, record: StepRecord, input: Parameters<StepRunner>[0]): StepResult => {
  const settled = { id: input.stepId, probe: input.probe, measurements: [], findings: [], notes: [] };
  if (record.stdoutFile === undefined || record.flavour === null || record.stopReason === undefined) {
    return { ...settled, status: record.status, flavour: record.flavour, durationMs: record.durationMs, ...(record.reason ? { reason: record.reason } : {}) };
  }
  const plan = findProbe(input.probe)?.plan(input.params);
  const invocation = plan?.ok ? plan.plan.invocations.find((candidate) => candidate.flavour === record.flavour) : undefined;
  if (invocation === undefined) {
    return { ...settled, status: "failed", flavour: record.flavour, durationMs: record.durationMs, reason: `cannot replay: probe ${input.probe} has no ${record.flavour} flavour in this version` };
  }
  const run = {
    stdout: readOutput(dir, record.stdoutFile),
    stderr: readOutput(dir, record.stderrFile),
    exitCode: record.exitCode ?? null,
    signal: null,
    durationMs: record.durationMs,
    stopReason: record.stopReason,
  };
  return analyseToolRun(input, invocation, run, {
    argv: record.argv ?? [],
    cpuByProcess: record.cpuByProcess,
    ...(record.overhead ? { overhead: record.overhead } : {}),
    ...(record.status === "ok" && record.reason !== undefined ? { stopNote: record.reason } : {}),
  });
};

// A step runner that answers from the bundle instead of running tools.
export const replayRunner = (dir: string): StepRunner => async (input) => {
  const record = readJson(join(dir, "steps", `${input.stepId}.json`), stepRecordSchema);
  if (record === undefined) {
    return { id: input.stepId, probe: input.probe, status: "unavailable", flavour: null, durationMs: 0, reason: `not in the recording ${dir}`, measurements: [], findings: [], notes: [] };
  }
  return replayStep(dir, record, input);
};
