// fsslower (ext4slower): file reads, writes, opens and fsyncs slower than a threshold, with process and file name.
// Flavours: libbpf-tools `fsslower -t FS` (fentry/fexit, else kprobes on the file system's read_iter, write_iter,
// open and fsync), then bpftriage's own version on the raw_syscalls:sys_enter/sys_exit tracepoints in two builds: the
// native libbpf tool dist/native/fsslower-tp (src/probes/native/, CO-RE, built by `npm run build` when clang and
// libbpf-dev are installed), then the bpftrace script fsslower-tp.bt, same filters and same output.
// Overhead: the original probes only the file system's functions; the tracepoint version runs a few compares on
// every syscall and map updates on every read/write-family syscall (pipes and sockets too, filtered at exit), and
// resolves the fd only for slow operations. The native tool starts in a few tens of ms of CPU. The script reads
// task_struct.files and file.f_pos through offsets from the kernel's BTF, so bpftrace starts in about 1 s of CPU
// (naming those members cost 2.7 s) and attaches at two tracepoints, not thirty.
// Caveats: the tracepoint version times whole syscalls (fd lookup and path walk included), sees no mmap'd I/O,
// io_uring or AIO, and names files by the path given to openat (when opened while tracing) or else the dentry name
// (docs/probes.md "fsslower-tp.bt"). Without kprobes and fentry, libbpf-tools fsslower exits 1 at attach. The native
// tool needs kernel BTF and BPF ring buffers (5.8); if it fails to load, the step falls through to the script.

import { z } from "../model/zod.js";
import { parseFsslowerTp } from "../parsers/fsslower-tp.js";
import { parseFsslower } from "../parsers/fsslower.js";
import { nativeFlavour } from "./native-tool.js";
import type { ProbeDefinition, Requirement } from "./probe.js";
import { kernelMemberOffsets } from "../exec/preflight.js";
import { shippedScript } from "./script-path.js";
import { READ_SYSCALLS, type SyscallName, syscallArgs, WRITE_SYSCALLS } from "./syscall-numbers.js";

// Seconds bpftrace needs beyond the traced duration (compile and attach about 1.5 s, detach under 1 s on this
// project's VM; more under load), so the hard limit fits it.
const BPFTRACE_SETUP_SEC = 5;

// Every tracepoint fsslower-tp.bt attaches to.
export const FSSLOWER_TP_TRACEPOINTS: readonly string[] = ["raw_syscalls:sys_enter", "raw_syscalls:sys_exit"];

const TIMED_SYSCALLS: readonly SyscallName[] = [...READ_SYSCALLS, ...WRITE_SYSCALLS, "fsync", "fdatasync", "openat", "close"];

// The struct members the script reads through their BTF offsets.
const MEMBERS = ["task_struct.files", "file.f_pos"] as const;

// Superblock magic numbers (include/uapi/linux/magic.h) of the file systems the fs parameter accepts.
const FS_MAGIC: Record<FsslowerParams["fs"], number> = { ext4: 0xef53, xfs: 0x58465342, btrfs: 0x9123683e, nfs: 0x6969 };

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
      ...nativeFlavour("fsslower-tp"),
      // Struct members are found through CO-RE relocations against the kernel's BTF, syscall numbers are compiled in.
      requires: [{ kind: "btf" }, ...tracepoints(FSSLOWER_TP_TRACEPOINTS)],
      argv: (params) => [String(params.minMs), String(params.durationSec), params.fs, String(params.pid), String(FS_MAGIC[params.fs])],
      parse: parseFsslowerTp,
    },
    {
      flavour: "bpftriage-script",
      executable: "bpftrace",
      startupSec: BPFTRACE_SETUP_SEC,
      debianPackage: "bpftrace",
      requires: [
        { kind: "syscall-numbers" },
        { kind: "btf-members", names: MEMBERS },
        ...tracepoints(FSSLOWER_TP_TRACEPOINTS),
      ],
      argv: (params) => [
        "--no-warnings",
        shippedScript("fsslower-tp.bt"),
        String(params.minMs),
        String(params.durationSec),
        params.fs,
        String(params.pid),
        String(FS_MAGIC[params.fs]),
        ...kernelMemberOffsets(MEMBERS).map((offset) => String(offset ?? "unknown")),
        ...syscallArgs(TIMED_SYSCALLS),
      ],
      stopBy: "exit",
      parse: parseFsslowerTp,
    },
  ],
};
