import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { loadedProgramIds, newIds } from "../helpers/bpf-programs.js";
import { cliArgv } from "../helpers/cli.js";
import { makeFakeTools } from "../helpers/fake-tools.js";
import { ROOT } from "../helpers/fixtures.js";
import { announceSkip, liveSkipReason } from "../helpers/live.js";
import { resolveExecutable } from "../../src/exec/preflight.js";

const skip = liveSkipReason(["runqlat", "runqslower", "biolatency"]) ?? (resolveExecutable("bpftool") ? undefined : "bpftool is not installed (apt-get install bpftool)");
announceSkip("live lifecycle", skip);

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  // Programs that appeared while the run was going.
  seenDuring: number[];
}

// Starts the CLI, samples the loaded BPF programs at `sampleAtMs`, optionally sends SIGINT at `interruptAtMs`.
const runAndWatch = (args: string[], env: NodeJS.ProcessEnv, sampleAtMs: number, interruptAtMs?: number): Promise<Finished> =>
  new Promise((resolve) => {
    const before = loadedProgramIds();
    const child = spawn(process.execPath, cliArgv(args), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let seenDuring: number[] = [];
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    setTimeout(() => (seenDuring = newIds(before, loadedProgramIds())), sampleAtMs);
    if (interruptAtMs !== undefined) setTimeout(() => child.kill("SIGINT"), interruptAtMs);
    child.on("close", (status) => resolve({ status, stdout, stderr, seenDuring }));
  });

describe.skipIf(skip !== undefined)("probe lifecycle on this box (root and BPF)", () => {
  const out = mkdtempSync(join(tmpdir(), "bpftriage-lifecycle-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const statsBefore = readFileSync("/proc/sys/kernel/bpf_stats_enabled", "utf8");

  it("Ctrl-C mid-run stops the tool, writes a partial report and leaves no BPF program loaded", async () => {
    const run = await runAndWatch(["run", "--json", "--out", out], process.env, 2_300, 2_900);
    expect(run.seenDuring.length).toBeGreaterThan(0);
    expect([...loadedProgramIds()].filter((id) => run.seenDuring.includes(id))).toEqual([]);
    expect(run.stderr).toContain("interrupted: stopping the running probe and writing a partial report");
    const report = JSON.parse(run.stdout) as Report;
    // The 1 s USE sweep ran; the probe running at 2.5 s was cancelled; nothing ran after it.
    const cancelled = report.steps.filter((step) => step.stopReason === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ status: "failed", reason: "interrupted: partial output parsed" });
    expect(report.path[report.path.length - 1]).toBe(cancelled[0]?.id);
    expect(report.steps.filter((step) => step.status === "skipped").every((step) => /interrupted|not on the path/.test(step.reason ?? ""))).toBe(true);
    expect(existsSync(report.report ?? "")).toBe(true);
    expect(readFileSync("/proc/sys/kernel/bpf_stats_enabled", "utf8")).toBe(statsBefore);
  }, 30_000);

  it("a tool that ignores SIGINT is killed at its hard limit with the BPF tool it started", async () => {
    const runbook = join(out, "hang.yaml");
    writeFileSync(
      runbook,
      "format: 1\nid: hang\nsummary: one probe that hangs\nbudgetSeconds: 20\nsteps:\n  - id: runqlat\n    probe: runqlat\n    params:\n      durationSec: 1\n",
      { mode: 0o644 },
    );
    // The fake runqlat ignores SIGINT but starts a real BPF tool in its process group, as a wrapper script might.
    const fakeDir = makeFakeTools({ runqlat: "trap '' INT\n/usr/sbin/runqslower 1000000 > /dev/null &\nwhile :; do sleep 0.1; done" });
    const env = { ...process.env, PATH: `${fakeDir}:${process.env.PATH ?? ""}` };
    const run = await runAndWatch(["run", "--json", "--out", out, "--runbook", runbook], env, 2_000);
    rmSync(fakeDir, { recursive: true, force: true });
    expect(run.seenDuring.length).toBeGreaterThan(0);
    expect([...loadedProgramIds()].filter((id) => run.seenDuring.includes(id))).toEqual([]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.steps[0]).toMatchObject({ status: "failed", stopReason: "timed-out", reason: "runqlat exceeded its hard time limit and was stopped" });
    expect(report.verdict).toBe("inconclusive");
  }, 30_000);
});
