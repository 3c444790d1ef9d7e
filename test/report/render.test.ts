import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest, replayRunner } from "../../src/bundle/replay.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { type Report, toReportStep } from "../../src/model/report.js";
import { buildReportView } from "../../src/report/view.js";
import { loadTemplate, PRECOMPILED_DIR, precompileTemplates, renderReport } from "../../src/report/render.js";
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

  it("renders the same from the build's precompiled template as from the source, and ignores a stale one", async () => {
    const view = buildReportView(await reportOf("cpu-neighbour"));
    const dir = mkdtempSync(join(tmpdir(), "bpftriage-templates-"));
    try {
      expect(loadTemplate(dir).from).toBe("source");
      const fromSource = loadTemplate(dir).render(view);
      precompileTemplates(dir);
      const precompiled = loadTemplate(dir);
      expect(precompiled.from).toBe("precompiled");
      expect(precompiled.render(view)).toBe(fromSource);
      // A template edited after the build: its precompiled form no longer matches the source, so it is not used.
      writeFileSync(join(dir, "report.md.hbs.json"), JSON.stringify({ sha256: "0".repeat(64), spec: "{}" }));
      expect(loadTemplate(dir).from).toBe("source");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // `npm run build` (run before the tests) precompiled the shipped template from the current source.
    expect(loadTemplate(PRECOMPILED_DIR).from).toBe("precompiled");
  });
});
