import { describe, expect, it } from "vitest";
import { loadRunbook, parseRunbook } from "../../src/runbook/load.js";

describe("runbook loading", () => {
  it("loads the shipped triage runbook: USE sweep, then the checklist with its drill-downs", () => {
    const { runbook } = loadRunbook("triage");
    expect(runbook.id).toBe("triage");
    expect(runbook.budgetSeconds).toBe(35);
    expect(runbook.focusAfterFinding).toBe(true);
    expect(runbook.steps.map((step) => [step.probe, step.checklist ?? "-"])).toEqual([
      ["use-sweep", "-"],
      ["runqlat", "cpu"],
      ["runqslower", "-"],
      ["biolatency", "io"],
      ["fsslower", "io"],
      ["cachestat", "memory"],
      ["offcputime", "cpu"],
      ["execsnoop", "cpu"],
    ]);
    expect(runbook.steps[1]?.detectors).toEqual([{ kind: "runq-tail", minUs: 1000 }]);
    expect(runbook.steps[1]?.params).toEqual({ durationSec: 2, perProcess: false });
  });

  it("loads the shipped quick runbook with its defaults", () => {
    const { runbook } = loadRunbook("quick");
    expect(runbook.budgetSeconds).toBe(20);
    expect(runbook.steps.map((step) => step.probe)).toEqual(["runqlat", "runqslower", "biolatency"]);
    expect(runbook.steps[0]?.params).toEqual({ durationSec: 5, perProcess: false });
  });

  it("reports every problem with file:line:column", () => {
    const text = [
      "format: 1",
      "id: broken",
      "summary: a runbook with mistakes",
      "steps:",
      "  - id: first",
      "    probe: runqlatt",
      "    next:",
      "      - goto: nowhere",
      "  - id: second",
      "    probe: biolatency",
      "    params:",
      "      durationSec: -1",
    ].join("\n");
    const result = parseRunbook(text, "broken.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.problems.map((p) => `${p.file}:${p.line}:${p.column}`);
    expect(where).toEqual(["broken.yaml:6:12", "broken.yaml:12:20"]);
    expect(result.problems[0]?.message).toMatch(/^steps\.0\.probe: expected a registered probe \(([a-z-]+, )*runqlat, runqslower, biolatency[^)]*\), received "runqlatt"$/);
    expect(result.problems[1]?.message).toBe("steps.1.params.durationSec: Too small: expected number to be >=1");
  });

  it("checks gotos once the steps themselves are valid", () => {
    const text = "format: 1\nid: g\nsummary: s\nsteps:\n  - id: first\n    probe: runqlat\n    next:\n      - goto: nowhere\n";
    const result = parseRunbook(text, "g.yaml");
    expect(!result.ok && result.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '8:15 steps.0.next.0.goto: goto "nowhere" names no step (use a step id, "checklist" or "end")',
    ]);
  });

  it("rejects backward jumps so every runbook terminates", () => {
    const text = "format: 1\nid: loop\nsummary: s\nsteps:\n  - id: a\n    probe: runqlat\n  - id: b\n    probe: runqlat\n    next:\n      - goto: a\n";
    const result = parseRunbook(text, "loop.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toContain("goes backwards");
  });

  it("reports YAML syntax errors with their position", () => {
    const result = parseRunbook("format: 1\nid: [unclosed\n", "bad.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.line).toBeGreaterThanOrEqual(2);
  });
});
