import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupAlive } from "../helpers/process-group.js";
import { runTool } from "../../src/exec/run-tool.js";
import { makeFakeTools } from "../helpers/fake-tools.js";

const dir = makeFakeTools({
  ok: 'echo "hello"; exit 0',
  crash: 'echo "libbpf: failed to load BPF skeleton" >&2; exit 1',
  "stop-on-int": 'trap \'echo "final interval"; exit 0\' INT; while :; do sleep 0.05; done',
  "ignore-int": "trap '' INT; while :; do sleep 0.05; done",
  // A tool that leaves a child running after it exits: the child must not survive the step.
  orphaner: `sh -c 'trap "" INT; echo $$ > "$PIDFILE"; exec sleep 30' & sleep 0.2; echo started; exit 0`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Polls until a process group (or a single process) has no live member left; killed processes may linger as zombies briefly.
const goneWithin = async (id: number, ms: number, group = true): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const alive = group ? groupAlive(id) : isAlive(id);
    if (!alive) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
};

// True while a process exists and is not a zombie.
const isAlive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("runTool", () => {
  it("returns output and exit status of a tool that exits by itself", async () => {
    const run = await runTool({ file: join(dir, "ok"), args: [], timeoutMs: 5_000 });
    expect(run).toMatchObject({ stdout: "hello\n", exitCode: 0, stopReason: "exited" });
  });

  it("reports a crash with its stderr", async () => {
    const run = await runTool({ file: join(dir, "crash"), args: [], timeoutMs: 5_000 });
    expect(run).toMatchObject({ exitCode: 1, stopReason: "exited", stderr: "libbpf: failed to load BPF skeleton\n" });
  });

  it("stops a tool without a duration with SIGINT after stopAfterMs and keeps what it printed on the way out", async () => {
    const run = await runTool({ file: join(dir, "stop-on-int"), args: [], stopAfterMs: 300, timeoutMs: 5_000 });
    expect(run).toMatchObject({ stopReason: "stopped", exitCode: 0, stdout: "final interval\n" });
    expect(run.durationMs).toBeLessThan(2_000);
  });

  it("kills a tool that ignores SIGINT with SIGKILL after the grace period", async () => {
    const run = await runTool({ file: join(dir, "ignore-int"), args: [], timeoutMs: 300, graceMs: 300 });
    expect(run.stopReason).toBe("timed-out");
    expect(run.signal).toBe("SIGKILL");
    expect(run.durationMs).toBeGreaterThanOrEqual(550);
    expect(run.durationMs).toBeLessThan(3_000);
    if (run.pid !== undefined) expect(await goneWithin(run.pid, 1_000)).toBe(true);
  });

  it("stops on cancel (Ctrl-C) and says so", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const run = await runTool({ file: join(dir, "stop-on-int"), args: [], timeoutMs: 5_000, signal: controller.signal });
    expect(run).toMatchObject({ stopReason: "cancelled", stdout: "final interval\n" });
  });

  it("leaves no process of the tool's group behind", async () => {
    const pidFile = join(dir, "orphan.pid");
    const run = await runTool({ file: join(dir, "orphaner"), args: [], timeoutMs: 5_000, env: { PIDFILE: pidFile } });
    expect(run.stdout).toBe("started\n");
    const orphan = Number(readFileSync(pidFile, "utf8"));
    expect(orphan).toBeGreaterThan(0);
    expect(run.stopReason).toBe("exited");
    expect(run.durationMs).toBeLessThan(2_000);
    expect(await goneWithin(orphan, 1_000, false)).toBe(true);
  });

  it("says when the executable cannot be started", async () => {
    const run = await runTool({ file: join(dir, "does-not-exist"), args: [], timeoutMs: 1_000 });
    expect(run.stopReason).toBe("spawn-failed");
    expect(run.spawnError).toMatch(/^ENOENT: cannot execute /);
  });
});
