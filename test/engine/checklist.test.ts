import { describe, expect, it } from "vitest";
import { detectUseSuspects } from "../../src/detectors/use-suspects.js";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { parseUseSweep } from "../../src/parsers/use-sweep.js";
import { compileRunbook } from "../../src/runbook/compile.js";
import { parseRunbook } from "../../src/runbook/load.js";
import { fixturePath, fixtureStepRunner, readFixture } from "../helpers/fixtures.js";

const text = `format: 1
id: checklist
summary: USE sweep, then the checklist by suspicion
steps:
  - id: use
    probe: use-sweep
    detectors:
      - kind: use-suspects
    next:
      - goto: checklist
  - id: runqlat
    probe: runqlat
    checklist: cpu
    detectors:
      - kind: runq-tail
    next:
      - when:
          finding: runq-tail
        goto: runqslower
  - id: runqslower
    probe: runqslower
    detectors:
      - kind: cpu-holders
  - id: biolatency
    probe: biolatency
    checklist: io
    detectors:
      - kind: disk-latency
`;
const parsed = parseRunbook(text, "checklist.yaml");
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("; "));
const runbook = parsed.runbook;

describe("the USE sweep", () => {
  it("parses its own output exactly", () => {
    const rows = parseUseSweep(readFixture("use-sweep", "direct-io.txt")).measurements[0]?.rows ?? [];
    expect(rows).toContainEqual({ RESOURCE: "io", METRIC: "psi-some", VALUE: 75.1, UNIT: "%" });
    expect(rows).toContainEqual({ RESOURCE: "disk:vda", METRIC: "iops", VALUE: 44186, UNIT: "/s" });
    expect(rows).toHaveLength(15);
  });

  it("scores CPU bursts as a CPU suspect and direct I/O as an I/O suspect", () => {
    const [cpu] = detectUseSuspects("use", parseUseSweep(readFixture("use-sweep", "cpu-bursts.txt")).measurements);
    expect(cpu).toMatchObject({ kind: "use-suspects", scores: { cpu: 1, io: 0, memory: 0 } });
    const [io] = detectUseSuspects("use", parseUseSweep(readFixture("use-sweep", "direct-io.txt")).measurements);
    // io PSI some 75.1% is past the 40% saturation point; runnable 1.5 per CPU ramps cpu to (1.5 - 1) / 2.
    expect(io).toMatchObject({ kind: "use-suspects", scores: { cpu: 0.25, io: 1, memory: 0 } });
  });
});

describe("the checklist, ordered by the USE sweep", () => {
  it("compiles to a dispatch state whose guards carry the checklist as data", () => {
    const config = compileRunbook(runbook);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(Object.keys(config.states ?? {})).toEqual(["use", "runqlat", "runqslower", "biolatency", "checklist", "end"]);
  });

  it("visits the disks first when I/O is the suspect, then the CPU", async () => {
    const runner = fixtureStepRunner({
      "use-sweep": fixturePath("use-sweep", "direct-io.txt"),
      runqlat: fixturePath("runqlat", "quiet.txt"),
      biolatency: fixturePath("biolatency", "per-disk.txt"),
    });
    const outcome = await runRunbook(runbook, runner);
    expect(outcome.path).toEqual(["use", "biolatency", "runqlat"]);
    expect(outcome.steps.find((step) => step.id === "runqslower")?.status).toBe("skipped");
  });

  it("visits the CPU first when the CPU is the suspect, with its drill-down, then the disks", async () => {
    const runner = fixtureStepRunner({
      "use-sweep": fixturePath("use-sweep", "cpu-bursts.txt"),
      runqlat: fixturePath("runqlat", "cpu-bursts.txt"),
      runqslower: fixturePath("runqslower", "prev-task.txt"),
      biolatency: fixturePath("biolatency", "per-disk.txt"),
    });
    const outcome = await runRunbook(runbook, runner);
    expect(outcome.path).toEqual(["use", "runqlat", "runqslower", "biolatency"]);
  });
});
