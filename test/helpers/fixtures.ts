// Test helpers: fixture paths and a fixture-backed step runner that goes through the real probe pipeline.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { StepRunner } from "../../src/engine/run-runbook.js";
import type { ToolRun } from "../../src/exec/run-tool.js";
import type { HostChecks } from "../../src/probes/availability.js";
import { runProbe } from "../../src/probes/run-probe.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const fixturePath = (...parts: string[]): string => join(ROOT, "fixtures", ...parts);

export const readFixture = (...parts: string[]): string => readFileSync(fixturePath(...parts), "utf8");

// A host where every tracing tool is installed at /usr/sbin and tracing is permitted (no stdbuf: output comes whole).
export const permissiveHost: HostChecks = {
  resolve: (name) => (name === "stdbuf" ? undefined : `/usr/sbin/${name}`),
  privileges: () => ({ ok: true, detail: "test" }),
  btf: () => ({ ok: true, detail: "test" }),
  tracepoint: () => ({ ok: true, detail: "test" }),
  kprobes: () => ({ ok: true, detail: "test" }),
  btfMembers: (names) => ({ ok: true, detail: names.map((name) => `${name} at byte 8`).join(", ") }),
  arch: () => "x64",
};

// Replaces each probe's live tool with a recorded capture: probe id -> fixture file.
export const fixtureStepRunner = (captures: Record<string, string>): StepRunner & { calls: string[][] } => {
  const calls: string[][] = [];
  const runner = (async (input, context) =>
    runProbe(input, {
      ...context,
      host: permissiveHost,
      // Recorded captures carry no /proc CPU accounting: holders are ranked by the previous task.
      snapshotCpu: () => new Map(),
      run: async (request): Promise<ToolRun> => {
        calls.push([request.file, ...request.args]);
        const capture = captures[input.probe];
        if (capture === undefined) throw new Error(`test has no capture for probe ${input.probe}`);
        return { stdout: readFileSync(capture, "utf8"), stderr: "", exitCode: 0, signal: null, durationMs: 5000, stopReason: "exited" };
      },
    })) as StepRunner & { calls: string[][] };
  runner.calls = calls;
  return runner;
};
