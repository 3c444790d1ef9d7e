import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StepResult } from "../../src/model/step.js";
import { type HostChecks, liveHost } from "../../src/probes/availability.js";
import { CACHESTAT_NATIVE_TRACEPOINTS, CACHESTAT_TP_TRACEPOINTS } from "../../src/probes/cachestat.js";
import { FSSLOWER_TP_TRACEPOINTS } from "../../src/probes/fsslower.js";
import { NATIVE_DIR, nativeTool, nativeToolNotBuilt } from "../../src/probes/native-tool.js";
import { runProbe } from "../../src/probes/run-probe.js";
import { childPidsNamed, loadedProgramIds, programIdsHeldBy } from "../helpers/bpf-programs.js";
import { announceSkip } from "../helpers/live.js";
import { type NeededTool, tracepointSkipReason } from "../helpers/live-tracepoints.js";
import { COLD_READER, FSYNC_WRITER, liveWorkloads } from "../helpers/live-workloads.js";

// This box as it is, except that kprobes count as absent, so a tracepoint flavour runs even where the original could.
const noKprobes: HostChecks = { ...liveHost, kprobes: () => ({ ok: false, reason: "test: force the tracepoint tools" }) };
// The same, with the native tools counted as not built, so the bpftrace script runs.
const scriptOnly: HostChecks = { ...noKprobes, resolve: (name) => (name.startsWith(NATIVE_DIR) ? undefined : liveHost.resolve(name)) };

const native = (name: string): NeededTool => ({ executable: nativeTool(name), missing: nativeToolNotBuilt(name) });
const BPFTOOL: NeededTool = { executable: "bpftool", missing: "bpftool is not installed (apt-get install bpftool)" };

const FLAVOURS = [
  {
    flavour: "bpftriage-script",
    host: scriptOnly,
    skip: tracepointSkipReason([...CACHESTAT_TP_TRACEPOINTS, ...FSSLOWER_TP_TRACEPOINTS]),
    suite: "live tracepoint scripts (cachestat-tp.bt, fsslower-tp.bt)",
  },
  {
    flavour: "bpftriage-native",
    host: noKprobes,
    skip: tracepointSkipReason([...CACHESTAT_NATIVE_TRACEPOINTS, ...FSSLOWER_TP_TRACEPOINTS], [native("cachestat-tp"), native("fsslower-tp"), BPFTOOL]),
    suite: "live native tracepoint tools (dist/native/cachestat-tp, fsslower-tp)",
  },
] as const;
for (const { suite, skip } of FLAVOURS) announceSkip(suite, skip);

const RUN_SEC = 2;
// The workload outlives bpftrace's compile, the traced seconds and its detach; it is killed right after the step.
const WORKLOAD_SEC = 20;

describe.each(FLAVOURS)("$flavour on this box (root, BTF, tracefs, the tool)", ({ flavour, host, skip }) => {
  const workloads = liveWorkloads();
  afterEach(() => workloads.cleanup());

  const runStep = (probe: string, params: Record<string, unknown>): Promise<StepResult> =>
    runProbe({ stepId: probe, probe, params, detectors: [] }, { remainingMs: 60_000, signal: new AbortController().signal, host });

  it.skipIf(skip !== undefined)("cachestat: a reader of a cold 64 MiB file shows a low hit ratio and is named in the misses table", { timeout: 30_000 }, async () => {
    const reader = await workloads.start(COLD_READER, workloads.writeFile(64), WORKLOAD_SEC);

    const result = await runStep("cachestat", { durationSec: RUN_SEC, topProcesses: 20 });
    await workloads.stop(reader);

    expect(result).toMatchObject({ status: "ok", flavour, exitCode: 0 });
    const [series, processes] = result.measurements;
    if (series?.kind !== "series" || processes?.kind !== "events") throw new Error(`unexpected measurements: ${JSON.stringify(result.measurements).slice(0, 200)}`);
    expect(series.rows).toHaveLength(RUN_SEC);
    const total = (column: string) => series.rows.reduce((sum, row) => sum + Number(row[column]), 0);
    // Each pass re-reads 16384 pages that were just dropped: at least one full pass fits in two seconds, and the
    // reader's misses outweigh whatever other processes read from the cache meanwhile.
    expect(total("READ_MISSES")).toBeGreaterThanOrEqual(16_384);
    expect(total("READ_PAGES")).toBeGreaterThanOrEqual(16_384);
    expect(total("HITS") / total("READ_PAGES")).toBeLessThan(0.5);
    const mine = processes.rows.find((row) => row.COMM === "tp-cold-reader" && row.PID === reader.pid);
    expect(Number(mine?.MISSES)).toBeGreaterThanOrEqual(16_384);
  });

  it.skipIf(skip !== undefined)("fsslower: every open, write and fsync of one writer, with the path it opened", { timeout: 30_000 }, async () => {
    const file = join(workloads.tempDir(), "fsync.dat");
    const writer = await workloads.start(FSYNC_WRITER, file, WORKLOAD_SEC);

    const result = await runStep("fsslower", { durationSec: RUN_SEC, minMs: 0, pid: writer.pid ?? 0 });
    await workloads.stop(writer);

    expect(result).toMatchObject({ status: "ok", flavour, exitCode: 0 });
    const [events] = result.measurements;
    if (events?.kind !== "events") throw new Error(`unexpected measurements: ${JSON.stringify(result.measurements).slice(0, 200)}`);
    expect(events.rows.length).toBeGreaterThan(20);
    expect(events.rows.every((row) => row.PID === writer.pid && row.COMM === "tp-fsync-writer")).toBe(true);
    const fsyncs = events.rows.filter((row) => row.T === "F");
    const writes = events.rows.filter((row) => row.T === "W");
    expect(fsyncs.length).toBeGreaterThan(5);
    expect(writes.every((row) => row.BYTES === 65536)).toBe(true);
    // An fsync of a 64 KiB append reaches the disk: it takes real time, and names the path opened while tracing.
    const slowest = fsyncs.reduce((a, b) => (Number(b["LAT(ms)"]) > Number(a["LAT(ms)"]) ? b : a));
    expect(Number(slowest["LAT(ms)"])).toBeGreaterThan(0.05);
    expect(events.rows.some((row) => row.T === "O" && row.FILENAME === file)).toBe(true);
    expect(fsyncs.filter((row) => row.FILENAME === file).length).toBeGreaterThan(0);
  });
});

describe.skipIf(FLAVOURS[1].skip !== undefined)("native tools stopped mid-run (SIGINT from a cancelled step)", () => {
  // Runs a 10 s step, cancels it after `cancelAtMs`, and collects the BPF programs the tool held meanwhile.
  const cancelMidRun = async (probe: string, comm: string, params: Record<string, unknown>, cancelAtMs: number) => {
    const controller = new AbortController();
    const held = new Set<number>();
    const sampler = setInterval(() => {
      for (const pid of childPidsNamed(comm)) for (const id of programIdsHeldBy(pid)) held.add(id);
    }, 100);
    setTimeout(() => controller.abort(), cancelAtMs);
    const result = await runProbe({ stepId: probe, probe, params: { ...params, durationSec: 10 }, detectors: [] }, { remainingMs: 60_000, signal: controller.signal, host: noKprobes });
    clearInterval(sampler);
    return { result, held: [...held] };
  };

  it.each([
    { probe: "cachestat", comm: "cachestat-tp", params: {}, programs: 5, measurements: ["series", "events"] },
    { probe: "fsslower", comm: "fsslower-tp", params: { minMs: 1000 }, programs: 2, measurements: ["events"] },
  ])("$comm prints what a normal end prints, exits 0 and leaves none of its BPF programs loaded", { timeout: 30_000 }, async ({ probe, comm, params, programs, measurements }) => {
    const { result, held } = await cancelMidRun(probe, comm, params, 1_500);

    expect(held.length).toBe(programs);
    expect(result).toMatchObject({ status: "failed", flavour: "bpftriage-native", stopReason: "cancelled", exitCode: 0, reason: "interrupted: partial output parsed" });
    // cachestat-tp prints its per-process table on SIGINT, as at a normal end.
    expect(result.measurements.map((m) => m.kind)).toEqual(measurements);
    const loaded = loadedProgramIds();
    expect(held.filter((id) => loaded.has(id))).toEqual([]);
  });
});
