// fsslower (ext4slower): file reads, writes, opens and fsyncs slower than a threshold, with process and file name.
// Flavours: libbpf-tools `fsslower -t FS` (fentry/fexit, else kprobes on the file system's read_iter, write_iter,
// open and fsync), then bpftriage's bpftrace script fsslower-tp.bt on syscalls:sys_enter_*/sys_exit_* tracepoints.
// Overhead: the original probes only the file system's functions; the script fires on every read/write-family
// syscall (pipes and sockets too, filtered at exit) and resolves the fd only for slow operations. bpftrace also
// needs about 2-3 s to compile and 2-3 s to detach its 30 tracepoints on this project's VM, on top of durationSec.
// Caveats: the script times whole syscalls (fd lookup and path walk included), sees no mmap'd I/O, io_uring or AIO,
// and names files by the path given to openat (when opened while tracing) or else the dentry name
// (docs/probes.md "fsslower-tp.bt"). Without kprobes and fentry, libbpf-tools fsslower exits 1 at attach.

import { z } from "../model/zod.js";
import { parseFsslowerTp } from "../parsers/fsslower-tp.js";
import { parseFsslower } from "../parsers/fsslower.js";
import type { ProbeDefinition, Requirement } from "./probe.js";
import { shippedScript } from "./script-path.js";

// Seconds bpftrace needs beyond the traced duration (compile ~2-3 s, detach ~2-3 s for 30 tracepoints), so the hard limit fits it.
const BPFTRACE_SETUP_SEC = 9;

const TIMED_SYSCALLS = ["read", "readv", "pread64", "preadv", "preadv2", "write", "writev", "pwrite64", "pwritev", "pwritev2", "fsync", "fdatasync", "openat"];

// Every tracepoint fsslower-tp.bt attaches to.
export const FSSLOWER_TP_TRACEPOINTS: readonly string[] = [
  ...TIMED_SYSCALLS.flatMap((name) => [`syscalls:sys_enter_${name}`, `syscalls:sys_exit_${name}`]),
  "syscalls:sys_enter_close",
];

const tracepoints = (names: readonly string[]): Requirement[] => names.map((name) => ({ kind: "tracepoint", name }));

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    // Report operations at least this slow; 0 reports every operation (verbose).
    minMs: z.number().int().min(0).max(60_000).default(10),
    // The file system type to watch (libbpf-tools fsslower -t accepts these four).
    fs: z.enum(["ext4", "xfs", "btrfs", "nfs"]).default("ext4"),
    // Only this process (thread group id); 0 watches every process.
    pid: z.number().int().min(0).default(0),
  })
  .strict();

export type FsslowerParams = z.infer<typeof paramsSchema>;

export const fsslower: ProbeDefinition<FsslowerParams> = {
  id: "fsslower",
  title: "Slow file operations",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "fsslower",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }, { kind: "kprobes" }],
      argv: (params) => [
        "-t",
        params.fs,
        "-m",
        String(params.minMs),
        "-d",
        String(params.durationSec),
        ...(params.pid > 0 ? ["-p", String(params.pid)] : []),
      ],
      stopBy: "exit",
      parse: (stdout, source) => parseFsslower(stdout, "fsslower", source),
    },
    {
      flavour: "bpftriage-script",
      executable: "bpftrace",
      startupSec: BPFTRACE_SETUP_SEC,
      debianPackage: "bpftrace",
      requires: [{ kind: "btf" }, ...tracepoints(FSSLOWER_TP_TRACEPOINTS)],
      argv: (params) => [
        "--no-warnings",
        shippedScript("fsslower-tp.bt"),
        String(params.minMs),
        String(params.durationSec),
        params.fs,
        String(params.pid),
      ],
      stopBy: "exit",
      parse: parseFsslowerTp,
    },
  ],
};
