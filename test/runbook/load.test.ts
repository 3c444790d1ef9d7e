import { describe, expect, it } from "vitest";
import { loadRunbook, parseRunbook } from "../../src/runbook/load.js";

describe("runbook loading", () => {
  it("loads the shipped triage runbook with its defaults", () => {
    const { runbook } = loadRunbook("triage");
    expect(runbook.id).toBe("triage");
    expect(runbook.budgetSeconds).toBe(30);
    expect(runbook.steps.map((step) => step.probe)).toEqual(["runqlat", "runqslower", "biolatency"]);
    expect(runbook.steps[0]?.detectors).toEqual([{ kind: "runq-tail", minUs: 1000 }]);
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
    expect(where).toEqual(["broken.yaml:6:12", "broken.yaml:8:15", "broken.yaml:12:20"]);
    expect(result.problems[0]?.message).toContain('unknown probe "runqlatt"');
    expect(result.problems[1]?.message).toContain('goto "nowhere" names no step');
    expect(result.problems[2]?.message).toContain("durationSec");
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
