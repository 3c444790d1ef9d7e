// Small python3 workloads for the live tests of the tracepoint tools (bpftrace scripts and native builds): a cold
// reader and an fsync writer that name themselves, started and stopped by pid, in temp dirs that are removed after.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

// A python3 program run as `python3 -c PROGRAM FILE SECONDS`, and the command name it gives itself.
export interface Workload {
  comm: string;
  program: string;
}

// Reads the file over and over, each time after dropping its pages (POSIX_FADV_DONTNEED), as "tp-cold-reader".
export const COLD_READER: Workload = {
  comm: "tp-cold-reader",
  program: `
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
`,
};

// Opens the file, appends and fsyncs 64 KiB five times, closes it, and again, as "tp-fsync-writer".
export const FSYNC_WRITER: Workload = {
  comm: "tp-fsync-writer",
  program: `
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
`,
};

const MIB = 1 << 20;

// The command name of a process, or undefined when it is gone.
const readComm = (pid: number | undefined): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
};

export interface LiveWorkloads {
  // A fresh directory in /var/tmp (a disk-backed file system, unlike a tmpfs /tmp).
  tempDir(): string;
  // Writes `mib` MiB of random data to a new file and flushes it to disk.
  writeFile(mib: number): string;
  // Starts a workload on `file` for `seconds`, and resolves once it has named itself (so a tracer that
  // attaches fast does not see the interpreter's start-up under the name "python3").
  start(workload: Workload, file: string, seconds: number): Promise<ChildProcess>;
  // Stops a workload with SIGTERM and waits for it.
  stop(child: ChildProcess): Promise<void>;
  // Kills what is still running and removes the temp dirs (call from afterEach).
  cleanup(): void;
}

// Tracks one suite's workloads and temp dirs.
export const liveWorkloads = (): LiveWorkloads => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync("/var/tmp/bpftriage-live-");
    dirs.push(dir);
    return dir;
  };
  return {
    tempDir,
    writeFile(mib) {
      const file = join(tempDir(), "cold.bin");
      const fd = openSync(file, "w");
      const chunk = randomBytes(MIB);
      for (let i = 0; i < mib; i++) writeSync(fd, chunk);
      fsyncSync(fd);
      closeSync(fd);
      return file;
    },
    async start(workload, file, seconds) {
      const child = spawn("python3", ["-c", workload.program, file, String(seconds)], { stdio: "ignore" });
      children.push(child);
      for (let waited = 0; waited < 5_000 && readComm(child.pid) !== workload.comm; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return child;
    },
    async stop(child) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
    cleanup() {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
};
