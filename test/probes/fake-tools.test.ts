import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { runRunbook, type StepRunner } from "../../src/engine/run-runbook.js";
import type { HostChecks } from "../../src/probes/availability.js";
import { runProbe } from "../../src/probes/run-probe.js";
import { loadRunbook } from "../../src/runbook/load.js";
import { makeFakeTools } from "../helpers/fake-tools.js";
import { fixturePath, permissiveHost } from "../helpers/fixtures.js";

const { runbook } = loadRunbook("quick");
const fast = { ...runbook, steps: runbook.steps.map((step) => ({ ...step, params: { ...step.params, durationSec: 1 } })) };

// A runner whose tools come from `dir` (names missing there are "not installed"), with short limits.
const runnerFor = (tools: Record<string, string | undefined>): StepRunner => {
  const host: HostChecks = { ...permissiveHost, resolve: (name) => tools[name] };
  return (input, context) => runProbe(input, { ...context, host, snapshotCpu: () => new Map(), limits: { slackMs: 300, graceMs: 300 } });
};

const dir = makeFakeTools({
  garbage: 'echo "Tracing nothing in particular"; echo "\\001\\002 not a histogram"',
  crash: 'echo "libbpf: failed to find valid kernel BTF" >&2; exit 1',
  hang: "trap '' INT; while :; do sleep 0.05; done",
  "tail-runqlat": `cat "${fixturePath("runqlat", "cpu-bursts.txt")}"`,
  "cachestat-script": `cat "${fixturePath("cachestat", "cold-then-warm.txt")}"`,
});
const notExecutable = join(dir, "not-executable");
writeFileSync(notExecutable, "#!/bin/sh\necho never\n", { mode: 0o644 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tools that misbehave end as failed or unavailable steps, and the run goes on", () => {
  it("garbage output and a crash: both steps fail with their reasons, verdict inconclusive", async () => {
    const outcome = await runRunbook(fast, runnerFor({ runqlat: join(dir, "garbage"), biolatency: join(dir, "crash") }));
    expect(outcome.path).toEqual(["runqlat", "biolatency"]);
    expect(outcome.steps[0]).toMatchObject({ status: "failed", flavour: "libbpf-tools" });
    expect(outcome.steps[0]?.reason).toMatch(/^runqlat: runqlat stdout:1: expected a runqlat banner or histogram header/);
    expect(outcome.steps[2]).toMatchObject({ status: "failed", reason: "biolatency exited with status 1: libbpf: failed to find valid kernel BTF" });
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis).toMatchObject({ verdict: "inconclusive", exitCode: 3 });
  });

  it("a missing tool is unavailable with its package; a file that cannot execute fails with EACCES", async () => {
    const outcome = await runRunbook(fast, runnerFor({ biolatency: notExecutable }));
    expect(outcome.steps[0]?.status).toBe("unavailable");
    expect(outcome.steps[0]?.reason?.split("; ")).toEqual([
      "libbpf-tools: runqlat is not installed (Debian/Ubuntu package: libbpf-tools, install with `apt-get install libbpf-tools`)",
      "bcc: runqlat-bpfcc is not installed (Debian/Ubuntu package: bpfcc-tools, install with `apt-get install bpfcc-tools`)",
      "bpftrace: runqlat.bt is not installed (Debian/Ubuntu package: bpftrace, install with `apt-get install bpftrace`)",
    ]);
    expect(outcome.steps[2]?.status).toBe("failed");
    expect(outcome.steps[2]?.reason).toBe(`EACCES: cannot execute ${notExecutable}`);
  });

  it("a hanging tool is stopped at its hard limit and the next step still runs", async () => {
    const started = Date.now();
    const outcome = await runRunbook(fast, runnerFor({ runqlat: join(dir, "hang"), biolatency: join(dir, "crash") }));
    expect(outcome.steps[0]).toMatchObject({ status: "failed", stopReason: "timed-out", reason: "runqlat exceeded its hard time limit and was stopped" });
    expect(outcome.steps[2]?.status).toBe("failed");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("falls through to the next flavour when the preferred one passes preflight but cannot start", async () => {
    const runner = runnerFor({ cachestat: join(dir, "crash"), bpftrace: join(dir, "cachestat-script") });
    const context = { remainingMs: 30_000, signal: new AbortController().signal, bpfStats: false };
    const result = await runner({ stepId: "cachestat", probe: "cachestat", params: { durationSec: 1 }, detectors: [] }, context);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script" });
    expect(result.reason).toBe("after libbpf-tools: cachestat exited with status 1: libbpf: failed to find valid kernel BTF");
    expect(result.measurements.some((m) => m.kind === "series")).toBe(true);
  });

  it("a crash in the drill-down still leaves the first finding in the diagnosis", async () => {
    const outcome = await runRunbook(fast, runnerFor({ runqlat: join(dir, "tail-runqlat"), runqslower: join(dir, "crash") }));
    expect(outcome.path).toEqual(["runqlat", "runqslower"]);
    expect(outcome.steps[1]?.status).toBe("failed");
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis.rootCauses[0]?.id).toBe("cpu-contention");
    expect(diagnosis.rootCauses[0]?.culprits).toEqual([]);
  });
});
