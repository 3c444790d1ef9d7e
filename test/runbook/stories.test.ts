import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readManifest, replayRunner } from "../../src/bundle/replay.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import { runRunbook } from "../../src/engine/run-runbook.js";
import { parseRunbook } from "../../src/runbook/load.js";
import { ROOT } from "../helpers/fixtures.js";

interface Story {
  bundle: string;
  story: string;
  path: string[];
  top: string | null;
  culprit: string | null;
  exitCode: number;
}

const stories = parse(readFileSync(join(ROOT, "runbooks", "stories", "triage.yaml"), "utf8")) as Story[];

describe("triage runbook stories (recorded bundles of real faults)", () => {
  it("covers every root-cause id and a healthy box", () => {
    expect(stories.map((story) => story.top).sort()).toEqual([
      "cache-thrash",
      "cpu-contention",
      "off-cpu-blocking",
      "process-churn",
      "slow-device",
      null,
    ].sort());
  });

  it.each(stories.map((story) => [story.story, story] as const))("%s", async (_name, story) => {
    const dir = join(ROOT, story.bundle);
    const manifest = readManifest(dir);
    const parsed = parseRunbook(manifest.runbook.text, `${story.bundle}/bundle.json`, manifest.parameters);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("; "));
    expect(parsed.runbook.id).toBe("triage");
    const outcome = await runRunbook(parsed.runbook, replayRunner(dir));
    expect(outcome.path).toEqual(story.path);
    const diagnosis = diagnose(outcome.steps, outcome.findings);
    expect(diagnosis.exitCode).toBe(story.exitCode);
    if (story.top === null) {
      expect(diagnosis).toMatchObject({ verdict: "healthy", rootCauses: [] });
      return;
    }
    expect(diagnosis.verdict).toBe("problem");
    expect(diagnosis.rootCauses[0]?.id).toBe(story.top);
    expect(diagnosis.rootCauses[0]?.culprits.map((culprit) => culprit.name)).toContain(story.culprit);
  });
});
