import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest, replayRunner } from "../../src/bundle/replay.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { type Report, toReportStep } from "../../src/model/report.js";
import { renderReport } from "../../src/report/render.js";
import { parseRunbook } from "../../src/runbook/load.js";
import { ROOT } from "../helpers/fixtures.js";

// Builds the report of a recorded bundle with the run-dependent fields (times, overhead, paths) pinned.
const reportOf = async (bundle: string): Promise<Report> => {
  const dir = join(ROOT, "fixtures", "bundles", bundle);
  const manifest = readManifest(dir);
  const parsed = parseRunbook(manifest.runbook.text, "bundle", manifest.parameters);
  if (!parsed.ok) throw new Error("recorded runbook no longer validates");
  const outcome = await runRunbook(parsed.runbook, replayRunner(dir));
  return {
    ...diagnose(outcome.steps, outcome.findings),
    steps: outcome.steps.map(toReportStep),
    path: outcome.path,
    overhead: { toolsCpuMs: 120, selfCpuMs: 300, machineShare: 0.021, bpfRunTimeMs: 12.5 },
    host: manifest.host,
    runbook: parsed.runbook.id,
    replayedFrom: `fixtures/bundles/${bundle}`,
    startedAt: "2026-11-22T05:44:39.841Z",
    durationMs: 9779,
    report: null,
  };
};

describe("the markdown report", () => {
  it("renders the cpu-neighbour bundle as it always has (snapshot)", async () => {
    const markdown = renderReport(await reportOf("cpu-neighbour"));
    expect(markdown.split("\n")[2]).toMatch(/^\*\*cpu-contention: threads of checkout-api.* because log-shipper held the CPUs/);
    expect(markdown).toContain("<- hump 2");
    await expect(markdown).toMatchFileSnapshot("__snapshots__/cpu-neighbour.md");
  });

  it("renders a healthy bundle with every step in its coverage section", async () => {
    const markdown = renderReport(await reportOf("healthy"));
    expect(markdown).toContain("- Verdict: **HEALTHY** (severity ok, exit code 0)");
    expect(markdown).toContain("## Root causes\n\nNone found.");
    for (const step of ["use", "runqlat", "biolatency", "fsslower", "cachestat", "offcputime", "execsnoop"]) {
      expect(markdown).toMatch(new RegExp(`^- ${step} \\(`, "m"));
    }
  });
});
