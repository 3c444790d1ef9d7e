import { describe, expect, it } from "vitest";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { compileRunbook } from "../../src/runbook/compile.js";
import { loadRunbook } from "../../src/runbook/load.js";
import { fixturePath, fixtureStepRunner } from "../helpers/fixtures.js";

const { runbook } = loadRunbook("quick");

describe("the compiled triage runbook", () => {
  it("is plain data: no functions anywhere in the machine config", () => {
    const config = compileRunbook(runbook);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(Object.keys(config.states ?? {})).toEqual(["runqlat", "runqslower", "biolatency", "end"]);
  });
});

describe("runRunbook with recorded captures instead of live tools", () => {
  it("drills into runqslower when the run queue has a tail, and names the CPU holder", async () => {
    const runner = fixtureStepRunner({
      runqlat: fixturePath("runqlat", "cpu-bursts.txt"),
      runqslower: fixturePath("runqslower", "prev-task.txt"),
      biolatency: fixturePath("biolatency", "per-disk.txt"),
    });
    const outcome = await runRunbook(runbook, runner);
    expect(outcome.path).toEqual(["runqlat", "runqslower"]);
    expect(outcome.steps.map((step) => [step.id, step.status])).toEqual([
      ["runqlat", "ok"],
      ["runqslower", "ok"],
      ["biolatency", "skipped"],
    ]);
    expect(runner.calls).toEqual([
      ["/usr/sbin/runqlat", "1", "5"],
      ["/usr/sbin/runqslower", "-P", "1000"],
    ]);
    const tail = outcome.findings.find((finding) => finding.kind === "runq-tail");
    expect(tail?.kind === "runq-tail" && tail.maxWait).toBe(8192);
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis.verdict).toBe("problem");
    expect(diagnosis.rootCauses[0]?.id).toBe("cpu-contention");
    expect(diagnosis.rootCauses[0]?.culprits[0]?.name).toBe("burst-hog");
    expect(diagnosis.rootCauses[0]?.culprits[0]?.share).toBeGreaterThan(0.5);
  });

  it("passes a clean run queue quickly and checks the disks instead", async () => {
    const runner = fixtureStepRunner({
      runqlat: fixturePath("runqlat", "quiet.txt"),
      biolatency: fixturePath("biolatency", "per-disk.txt"),
    });
    const outcome = await runRunbook(runbook, runner);
    expect(outcome.path).toEqual(["runqlat", "biolatency"]);
    expect(outcome.steps.find((step) => step.id === "runqslower")?.status).toBe("skipped");
    expect(outcome.findings.map((finding) => finding.kind)).toEqual(["runq-healthy", "disk-healthy"]);
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis).toMatchObject({ verdict: "healthy", exitCode: 0, rootCauses: [] });
    // quiet.txt holds 168 wake-ups (p90 is the highest supported quantile); per-disk.txt 202572 I/Os.
    expect(diagnosis.answer).toMatch(/^No problem found: run-queue latency p90 \d+ us \(n=168\); vda I\/O latency p99\.9 \d+ us \(n=202572\)\.$/);
  });

  it("skips the remaining steps when the budget is used up", async () => {
    const runner = fixtureStepRunner({ runqlat: fixturePath("runqlat", "cpu-bursts.txt") });
    let clock = 0;
    const outcome = await runRunbook({ ...runbook, budgetSeconds: 10 }, runner, {
      now: () => {
        clock += 6_000;
        return clock;
      },
    });
    expect(outcome.steps.map((step) => step.status)).toEqual(["ok", "skipped", "skipped"]);
    expect(outcome.steps[1]?.reason).toMatch(/budget of 10 s used up/);
  });

  it("records a step runner that throws as a failed step and still finishes", async () => {
    const outcome = await runRunbook(runbook, async () => {
      throw new Error("boom");
    });
    expect(outcome.steps[0]).toMatchObject({ id: "runqlat", status: "failed", reason: "internal error in step runner: boom" });
    expect(outcome.path).toEqual(["runqlat", "biolatency"]);
  });
});
