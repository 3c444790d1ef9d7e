import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRunbook, parseRunbook } from "../../src/runbook/load.js";
import { runbookJsonSchema } from "../../src/runbook/schema.js";
import { ROOT } from "../helpers/fixtures.js";

const header = "format: 1\nid: p\nsummary: s\nparameters:\n  seconds:\n    type: number\n    default: 3\n  deep:\n    type: boolean\n    default: false\n";
const steps = "steps:\n  - id: a\n    probe: runqlat\n    params:\n      durationSec: $seconds\n      perProcess: $deep\n";

describe("runbook parameters", () => {
  it("substitutes defaults, and --param overrides converted to the declared type", () => {
    const defaults = parseRunbook(header + steps, "p.yaml");
    expect(defaults.ok && defaults.runbook.steps[0]?.params).toEqual({ durationSec: 3, perProcess: false });
    const overridden = parseRunbook(header + steps, "p.yaml", { seconds: "7", deep: "true" });
    expect(overridden.ok && overridden.runbook.steps[0]?.params).toEqual({ durationSec: 7, perProcess: true });
  });

  it("reports a wrong override type, an unknown override and an undeclared reference", () => {
    const badType = parseRunbook(header + steps, "p.yaml", { seconds: "soon" });
    expect(!badType.ok && badType.problems.map((p) => p.message)).toEqual(['parameters.seconds: --param seconds: expected a number, received "soon"']);
    const unknown = parseRunbook(header + steps, "p.yaml", { nope: "1" });
    expect(!unknown.ok && unknown.problems[0]?.message).toContain("--param nope: the runbook declares no such parameter (it has: seconds, deep)");
    const undeclared = parseRunbook(header + steps.replace("$seconds", "$secs"), "p.yaml");
    expect(!undeclared.ok && undeclared.problems[0]).toMatchObject({ line: 15, column: 20, message: 'steps.0.params.durationSec: "$secs" names no parameter (declare it under parameters:)' });
  });

  it("the shipped quick runbook takes --param seconds", () => {
    const { runbook } = loadRunbook("quick", { seconds: "2" });
    expect(runbook.steps.map((step) => step.params.durationSec)).toEqual([2, 2, 2]);
  });
});

describe("runbooks/runbook.schema.json", () => {
  it("matches the zod schema it is generated from (run `npm run schema` after changing the schema)", () => {
    const committed = JSON.parse(readFileSync(join(ROOT, "runbooks", "runbook.schema.json"), "utf8")) as unknown;
    expect(committed).toEqual(runbookJsonSchema());
  });
});
