import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { cliArgv } from "../helpers/cli.js";
import { announceSkip, liveSkipReason } from "../helpers/live.js";
import { type ScenarioName, withScenario } from "../helpers/scenario.js";

const skip = liveSkipReason(["runqlat", "runqslower", "biolatency", "offcputime", "execsnoop", "bpftrace"]);
announceSkip("fault scenarios end to end", skip);

// What each injected fault must be diagnosed as: the top root cause and a culprit it names.
const EXPECTED: ReadonlyArray<readonly [ScenarioName, string | null, string | null]> = [
  ["cpu-neighbour", "cpu-contention", "log-shipper"],
  ["slow-device", "slow-device", "loop"],
  ["cache-thrash", "cache-thrash", "cache-reader"],
  ["lock-contention", "off-cpu-blocking", "lock-contender"],
  ["exec-storm", "process-churn", "spawn-storm"],
  ["healthy", null, null],
];

describe.skipIf(skip !== undefined)("bpftriage run diagnoses injected faults (root and BPF)", () => {
  const out = mkdtempSync(join(tmpdir(), "bpftriage-scenarios-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(EXPECTED)("%s -> %s", async (scenario, rootCause, culprit) => {
    const report = await withScenario(scenario, 90, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const run = spawnSync(process.execPath, cliArgv(["run", "--json", "--out", out]), { encoding: "utf8", timeout: 90_000 });
      expect(run.stderr).toBe("");
      return { status: run.status, report: JSON.parse(run.stdout) as Report };
    });
    if (rootCause === null) {
      expect(report.report).toMatchObject({ verdict: "healthy", rootCauses: [] });
      expect(report.status).toBe(0);
      return;
    }
    expect(report.report.verdict).toBe("problem");
    expect([1, 2]).toContain(report.status);
    const [top] = report.report.rootCauses;
    expect(top?.id).toBe(rootCause);
    expect(top?.culprits.some((c) => c.name.startsWith(culprit ?? ""))).toBe(true);
  }, 180_000);
});
