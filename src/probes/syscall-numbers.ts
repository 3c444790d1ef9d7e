// Syscall numbers per architecture, for the shipped scripts that watch raw_syscalls:sys_enter/sys_exit (two attach
// points instead of one per syscall: bpftrace attaches and detaches each syscall tracepoint in about 75 ms).
// Sources: arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h (arm64).

export type SyscallName =
  | "read" | "readv" | "pread64" | "preadv" | "preadv2"
  | "write" | "writev" | "pwrite64" | "pwritev" | "pwritev2"
  | "fsync" | "fdatasync" | "openat" | "close";

const TABLES: Record<string, Record<SyscallName, number>> = {
  x64: {
    read: 0, readv: 19, pread64: 17, preadv: 295, preadv2: 327,
    write: 1, writev: 20, pwrite64: 18, pwritev: 296, pwritev2: 328,
    fsync: 74, fdatasync: 75, openat: 257, close: 3,
  },
  arm64: {
    read: 63, readv: 65, pread64: 67, preadv: 69, preadv2: 286,
    write: 64, writev: 66, pwrite64: 68, pwritev: 70, pwritev2: 287,
    fsync: 82, fdatasync: 83, openat: 56, close: 57,
  },
};

export const READ_SYSCALLS: readonly SyscallName[] = ["read", "readv", "pread64", "preadv", "preadv2"];
export const WRITE_SYSCALLS: readonly SyscallName[] = ["write", "writev", "pwrite64", "pwritev", "pwritev2"];

// Whether bpftriage knows this architecture's numbers (Node's process.arch spelling).
export const hasSyscallTable = (arch: string = process.arch): boolean => arch in TABLES;

// The numbers of `names` as positional script arguments, in order; "unknown" (which bpftrace rejects) on an
// architecture without a table, where the flavour's requirement check has already made it unavailable.
export const syscallArgs = (names: readonly SyscallName[], arch: string = process.arch): string[] => {
  const table = TABLES[arch];
  return names.map((name) => (table === undefined ? "unknown" : String(table[name])));
};

export const KNOWN_ARCHITECTURES: readonly string[] = Object.keys(TABLES);
