import { describe, expect, it } from "vitest";
import { detectCpuHolders } from "../../src/detectors/cpu-holders.js";
import { diffProcessCpu, parseProcStat } from "../../src/exec/process-cpu.js";
import { parseRunqslower } from "../../src/parsers/runqslower.js";
import { readFixture } from "../helpers/fixtures.js";

const measurements = parseRunqslower(readFixture("runqslower", "prev-task.txt")).measurements;

describe("detectCpuHolders", () => {
  it("ranks by on-CPU time in the window when /proc accounting is there", () => {
    const cpu = [
      { pid: 4114, comm: "burst-hog", cpuMs: 2400 },
      { pid: 4115, comm: "burst-hog", cpuMs: 2300 },
      { pid: 4118, comm: "latency-probe", cpuMs: 100 },
      { pid: 1, comm: "systemd", cpuMs: 200 },
    ];
    const [finding] = detectCpuHolders("runqslower", measurements, 5, cpu);
    expect(finding?.kind).toBe("cpu-holders");
    if (finding?.kind !== "cpu-holders") return;
    expect(finding.basis).toBe("on-cpu-time");
    expect(finding.holders[0]).toMatchObject({ comm: "burst-hog", pids: [4114, 4115], cpuMs: 4700, share: 0.94, prevTaskEvents: 408 });
    expect(finding.holders[1]).toMatchObject({ comm: "systemd", share: 0.04 });
    expect(finding.victims[0]).toMatchObject({ comm: "burst-hog", events: 483 });
  });

  it("falls back to the wait that followed each previous task", () => {
    const [finding] = detectCpuHolders("runqslower", measurements, 5);
    if (finding?.kind !== "cpu-holders") throw new Error("expected cpu-holders");
    expect(finding.basis).toBe("previous-task");
    expect(finding.holders[0]?.comm).toBe("burst-hog");
    expect(finding.holders[0]?.cpuMs).toBeNull();
    expect(finding.events).toBe(538);
  });

  it("reports no events for a quiet capture", () => {
    const quiet = parseRunqslower(readFixture("runqslower", "quiet.txt")).measurements;
    expect(detectCpuHolders("s", quiet, 5)).toEqual([{ kind: "no-events", stepId: "s", probe: "runqslower" }]);
  });
});

describe("process CPU accounting", () => {
  it("parses /proc/PID/stat with spaces and parentheses in comm", () => {
    const line = "4114 (burst (hog) 1) R 1 4114 4114 0 -1 4194560 120 0 0 0 250 13 0 0 20 0 1 0 100 1000 10 0\n";
    expect(parseProcStat(line)).toEqual({ comm: "burst (hog) 1", ticks: 263 });
  });

  it("diffs snapshots in milliseconds, busiest first, counting new processes from birth", () => {
    const before = new Map([[10, { comm: "a", ticks: 100 }]]);
    const after = new Map([
      [10, { comm: "a", ticks: 150 }],
      [11, { comm: "b", ticks: 70 }],
    ]);
    expect(diffProcessCpu(before, after)).toEqual([
      { pid: 11, comm: "b", cpuMs: 700 },
      { pid: 10, comm: "a", cpuMs: 500 },
    ]);
  });
});
