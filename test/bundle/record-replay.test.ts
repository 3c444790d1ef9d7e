import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordingRunner, writeManifest } from "../../src/bundle/record.js";
import { readManifest, replayRunner } from "../../src/bundle/replay.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { loadRunbook, parseRunbook } from "../../src/runbook/load.js";
import { fixturePath, fixtureStepRunner, ROOT } from "../helpers/fixtures.js";

const { runbook, file } = loadRunbook("quick");

describe("record and replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "bpftriage-bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replays a recording to the same steps, measurements and findings", async () => {
    writeManifest(dir, {
      format: 1,
      recordedBy: "test",
      host: { hostname: "recorded-box", kernel: "6.1.0", cpus: 8 },
      startedAt: "2026-11-22T00:00:00.000Z",
      runbook: { id: runbook.id, file, text: readFileSync(file, "utf8") },
      parameters: {},
      budgetSeconds: runbook.budgetSeconds,
    });
    const live = fixtureStepRunner({
      runqlat: fixturePath("runqlat", "cpu-bursts.txt"),
      runqslower: fixturePath("runqslower", "prev-task.txt"),
    });
    const recorded = await runRunbook(runbook, recordingRunner(dir, live));
    expect(readFileSync(join(dir, "steps", "runqlat.stdout"), "utf8")).toBe(readFileSync(fixturePath("runqlat", "cpu-bursts.txt"), "utf8"));
    const replayed = await runRunbook(runbook, replayRunner(dir));
    expect(replayed.path).toEqual(recorded.path);
    expect(replayed.findings).toEqual(recorded.findings);
    expect(replayed.steps.map((step) => step.measurements)).toEqual(recorded.steps.map((step) => step.measurements));
    expect(readManifest(dir).host.hostname).toBe("recorded-box");
  });

  it("says which step is missing from a recording", async () => {
    const empty = mkdtempSync(join(tmpdir(), "bpftriage-empty-"));
    const result = await replayRunner(empty)({ stepId: "runqlat", probe: "runqlat", params: {}, detectors: [] }, { remainingMs: 1000, signal: new AbortController().signal, bpfStats: false });
    rmSync(empty, { recursive: true, force: true });
    expect(result).toMatchObject({ status: "unavailable", reason: `not in the recording ${empty}` });
  });
});

describe("the bundle recorded on this project's VM under CPU bursts", () => {
  const dir = join(ROOT, "fixtures", "bundles", "cpu-bursts");

  it("replays to cpu-contention with burst-hog as the culprit", async () => {
    const manifest = readManifest(dir);
    const parsed = parseRunbook(manifest.runbook.text, "bundle");
    if (!parsed.ok) throw new Error("recorded runbook no longer validates");
    const outcome = await runRunbook(parsed.runbook, replayRunner(dir));
    expect(outcome.path).toEqual(["runqlat", "runqslower"]);
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis.rootCauses[0]?.id).toBe("cpu-contention");
    expect(diagnosis.rootCauses[0]?.culprits[0]).toMatchObject({ kind: "process", name: "burst-hog" });
    expect(diagnosis.rootCauses[0]?.culprits[0]?.share).toBeGreaterThan(0.9);
    const holders = outcome.findings.find((finding) => finding.kind === "cpu-holders");
    expect(holders?.kind === "cpu-holders" && holders.basis).toBe("on-cpu-time");
  });
});
