import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, fsyncSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StepResult } from "../../src/model/step.js";
import { type HostChecks, liveHost } from "../../src/probes/availability.js";
import { CACHESTAT_TP_TRACEPOINTS } from "../../src/probes/cachestat.js";
import { FSSLOWER_TP_TRACEPOINTS } from "../../src/probes/fsslower.js";
import { NATIVE_DIR } from "../../src/probes/native-tool.js";
import { runProbe } from "../../src/probes/run-probe.js";
import { announceSkip } from "../helpers/live.js";
import { tracepointSkipReason } from "../helpers/live-tracepoints.js";

const skip = tracepointSkipReason([...CACHESTAT_TP_TRACEPOINTS, ...FSSLOWER_TP_TRACEPOINTS]);
announceSkip("live tracepoint scripts (cachestat-tp.bt, fsslower-tp.bt)", skip);

// This box as it is, except that kprobes count as absent and the native tools as not built, so the bpftrace script
// runs even where the original or the native build could.
const scriptHost: HostChecks = {
  ...liveHost,
  resolve: (name) => (name.startsWith(NATIVE_DIR) ? undefined : liveHost.resolve(name)),
  kprobes: () => ({ ok: false, reason: "test: force the tracepoint script" }),
};

// Reads the file over and over, each time after dropping its pages (POSIX_FADV_DONTNEED), as "tp-cold-reader".
const COLD_READER = `
import os, sys, time
open("/proc/self/comm", "w").write("tp-cold-reader")
path, end = sys.argv[1], time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    while os.read(fd, 1 << 20):
        pass
    os.close(fd)
    time.sleep(0.2)
`;

// Opens the file, appends and fsyncs 64 KiB five times, closes it, and again, as "tp-fsync-writer".
const FSYNC_WRITER = `
import os, sys, time
open("/proc/self/comm", "w").write("tp-fsync-writer")
path, end = sys.argv[1], time.monotonic() + float(sys.argv[2])
data = os.urandom(65536)
while time.monotonic() < end:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for _ in range(5):
        os.write(fd, data)
        os.fsync(fd)
    os.close(fd)
    if os.stat(path).st_size > 16 << 20:
        os.truncate(path, 0)
    time.sleep(0.01)
`;

const RUN_SEC = 2;
// The workload outlives bpftrace's compile, the traced seconds and its detach; it is killed right after the step.
const WORKLOAD_SEC = 20;
const MIB = 1 << 20;

describe.skipIf(skip !== undefined)("tracepoint scripts on this box (root, BTF, bpftrace, tracefs)", () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  // A fresh directory in /var/tmp (a disk-backed file system, unlike a tmpfs /tmp).
  const tempDir = (): string => {
    const dir = mkdtempSync("/var/tmp/bpftriage-live-");
    dirs.push(dir);
    return dir;
  };

  const startWorkload = (program: string, file: string): ChildProcess => {
    const child = spawn("python3", ["-c", program, file, String(WORKLOAD_SEC)], { stdio: "ignore" });
    children.push(child);
    return child;
  };

  const stop = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };

  const runStep = (probe: string, params: Record<string, unknown>): Promise<StepResult> =>
    runProbe({ stepId: probe, probe, params, detectors: [] }, { remainingMs: 60_000, signal: new AbortController().signal, host: scriptHost });

  it("cachestat-tp.bt: a reader of a cold 64 MiB file shows as misses, by name, inside its reads", { timeout: 30_000 }, async () => {
    const file = join(tempDir(), "cold.bin");
    const fd = openSync(file, "w");
    const chunk = randomBytes(MIB);
    for (let i = 0; i < 64; i++) writeSync(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    const reader = startWorkload(COLD_READER, file);

    const result = await runStep("cachestat", { durationSec: RUN_SEC, topProcesses: 20 });
    await stop(reader);

    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script", exitCode: 0 });
    const [series, processes] = result.measurements;
    if (series?.kind !== "series" || processes?.kind !== "events") throw new Error(`unexpected measurements: ${JSON.stringify(result.measurements).slice(0, 200)}`);
    expect(series.rows).toHaveLength(RUN_SEC);
    const total = (column: string) => series.rows.reduce((sum, row) => sum + Number(row[column]), 0);
    // Each pass re-reads 16384 pages that were just dropped: at least one full pass fits in two seconds.
    expect(total("READ_MISSES")).toBeGreaterThanOrEqual(16_384);
    expect(total("READ_PAGES")).toBeGreaterThanOrEqual(16_384);
    const mine = processes.rows.find((row) => row.COMM === "tp-cold-reader" && row.PID === reader.pid);
    expect(Number(mine?.MISSES)).toBeGreaterThanOrEqual(16_384);
  });

  it("fsslower-tp.bt: every open, write and fsync of one writer, with the path it opened", { timeout: 30_000 }, async () => {
    const file = join(tempDir(), "fsync.dat");
    const writer = startWorkload(FSYNC_WRITER, file);

    const result = await runStep("fsslower", { durationSec: RUN_SEC, minMs: 0, pid: writer.pid ?? 0 });
    await stop(writer);

    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script", exitCode: 0 });
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
