import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { announceSkip, liveSkipReason } from "../helpers/live.js";

const skip = liveSkipReason(["runqlat", "runqslower", "biolatency"]);
announceSkip("live bpftriage run", skip);

describe.skipIf(skip !== undefined)("bpftriage run on this box (root and BPF)", () => {
  const out = mkdtempSync(join(tmpdir(), "bpftriage-e2e-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("runs the triage runbook for real and writes a report with the runqlat histogram", () => {
    const started = Date.now();
    const result = runCli(["run", "--json", "--out", out], { timeoutMs: 60_000 });
    const elapsedMs = Date.now() - started;
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Report;
    expect([0, 1, 2]).toContain(result.status);
    expect(report.exitCode).toBe(result.status);
    expect(elapsedMs).toBeLessThan(40_000);

    // Every step either ran fine or was left out for a stated reason (path, focus or budget); none failed here.
    for (const step of report.steps) {
      expect(["ok", "skipped"]).toContain(step.status);
      if (step.status === "skipped") expect(step.reason).toMatch(/not on the path taken|left out|budget/);
    }
    expect(report.path[0]).toBe("use");
    expect(report.steps[0]).toMatchObject({ id: "use", status: "ok", flavour: "procfs" });
    const runqlat = report.steps.find((step) => step.id === "runqlat");
    expect(runqlat).toMatchObject({ status: "ok", flavour: "libbpf-tools" });
    // Interval output: either the full 2 s, or an early stop once the verdict was decisive.
    expect(runqlat?.durationMs).toBeGreaterThan(1_500);
    expect(runqlat?.reason).toMatch(/^(ran the full 2 s: the verdict was not decisive earlier|stopped early after \d+ intervals: .+)$/);
    expect(report.overhead.bpfRunTimeMs).toBeGreaterThan(0);
    expect(report.overhead.machineShare).toBeLessThan(0.2);

    const histogram = runqlat?.measurements.find((m) => m.kind === "histogram");
    expect(histogram?.kind).toBe("histogram");
    if (histogram?.kind !== "histogram") return;
    expect(histogram.total).toBeGreaterThan(0);
    expect(histogram.quantiles?.p50).toBeGreaterThan(0);

    expect(report.report).not.toBeNull();
    const path = report.report ?? "";
    expect(existsSync(path)).toBe(true);
    const markdown = readFileSync(path, "utf8");
    expect(markdown).toContain("Command: `/usr/sbin/runqlat 1 2`");
    expect(markdown).toMatch(new RegExp(`total ${histogram.total}; p50 [\\d.]+, p90 [\\d.-]+, p99 [\\d.-]+`));
    expect(markdown).toContain("usecs : count");
  }, 60_000);
});
