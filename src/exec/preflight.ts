// Answers "can this tool run here, and if not exactly why" before a probe starts anything.

import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { readMemberOffsets, VMLINUX_BTF } from "./btf-member-offset.js";

export type Check = { ok: true; detail: string } | { ok: false; reason: string };

// Directories where distributions install tracing tools even when they are not on a user's PATH.
const SBIN_DIRS = ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/share/bcc/tools"];

// Whether a file exists and this process may execute it. Most candidates on PATH do not exist: existsSync says so
// without the exception (and its stack) that a failed accessSync costs, about 1 ms each on this project's VM.
const isExecutable = (path: string): boolean => {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

// Finds an executable by name on PATH, then in the sbin directories; an absolute path (bpftriage's own
// dist/native tools) is taken as it is, when executable.
export const resolveExecutable = (name: string, pathEnv = process.env.PATH ?? ""): string | undefined => {
  if (isAbsolute(name)) return isExecutable(name) ? name : undefined;
  for (const dir of [...pathEnv.split(delimiter).filter(Boolean), ...SBIN_DIRS]) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
};

const CAP_SYS_ADMIN = 21n;
const CAP_PERFMON = 38n;
const CAP_BPF = 39n;

// Reads the effective capability mask of this process from /proc.
const effectiveCaps = (status: string): bigint => {
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return hex === undefined ? 0n : BigInt(`0x${hex}`);
};

const has = (caps: bigint, bit: bigint): boolean => (caps & (1n << bit)) !== 0n;

// Loading tracing programs needs root, CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON.
export const checkPrivileges = (uid = process.getuid?.() ?? -1, statusText?: string): Check => {
  const status = statusText ?? safeRead("/proc/self/status") ?? "";
  const caps = effectiveCaps(status);
  if (has(caps, CAP_SYS_ADMIN)) return { ok: true, detail: uid === 0 ? "root" : "CAP_SYS_ADMIN" };
  if (has(caps, CAP_BPF) && has(caps, CAP_PERFMON)) return { ok: true, detail: "CAP_BPF and CAP_PERFMON" };
  if (uid === 0) return { ok: false, reason: "BPF not permitted: running as root but without CAP_SYS_ADMIN or CAP_BPF+CAP_PERFMON (a restricted container?)" };
  return { ok: false, reason: "not root: tracing needs root, or CAP_BPF and CAP_PERFMON (run with sudo)" };
};

// libbpf-tools are CO-RE binaries: they need the kernel's BTF to relocate.
export const checkKernelBtf = (path = "/sys/kernel/btf/vmlinux"): Check =>
  existsSync(path)
    ? { ok: true, detail: `kernel BTF at ${path}` }
    : { ok: false, reason: `no kernel BTF (${path} missing): libbpf-tools need CONFIG_DEBUG_INFO_BTF=y` };

const TRACEFS_ROOTS = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];

// The mounted tracefs, or undefined: bpftrace reads tracepoint formats and kprobe support from it.
export const findTracefs = (roots: readonly string[] = TRACEFS_ROOTS): string | undefined =>
  roots.find((root) => existsSync(`${root}/events`));

// A tracepoint such as `filemap:mm_filemap_add_to_page_cache` exists on this kernel.
export const checkTracepoint = (name: string, tracefs = findTracefs()): Check => {
  if (tracefs === undefined) return { ok: false, reason: "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)" };
  const [category, event] = name.split(":");
  return category && event && existsSync(`${tracefs}/events/${category}/${event}`)
    ? { ok: true, detail: `tracepoint ${name}` }
    : { ok: false, reason: `tracepoint ${name} does not exist on this kernel` };
};

// kprobes are usable when the kernel exposes kprobe_events (absent when CONFIG_KPROBE_EVENTS is off).
export const checkKprobes = (tracefs = findTracefs()): Check => {
  if (tracefs === undefined) return { ok: false, reason: "tracefs is not mounted, so kprobe support cannot be checked" };
  return existsSync(`${tracefs}/kprobe_events`)
    ? { ok: true, detail: "kprobes available" }
    : { ok: false, reason: "kprobes are not available on this kernel (no kprobe_events in tracefs)" };
};

// Reads a small system file, or undefined when it is not there.
const safeRead = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

// Byte offsets of kernel struct members ("task_struct.files"), memoised: the names not known yet are read from the
// kernel's BTF in one pass, so a flavour's requirement check and its argv share one read.
const memberOffsets = new Map<string, number | undefined>();
export const kernelMemberOffsets = (members: readonly string[]): Array<number | undefined> => {
  const missing = members.filter((member) => !memberOffsets.has(member));
  if (missing.length > 0) {
    let found: Record<string, number | undefined> = {};
    try {
      found = readMemberOffsets(missing);
    } catch {
      found = {};
    }
    for (const member of missing) memberOffsets.set(member, found[member]);
  }
  return members.map((member) => memberOffsets.get(member));
};

// A shipped script reads these struct members through their offsets, so the kernel's BTF must describe them.
export const checkBtfMembers = (members: readonly string[]): Check => {
  const offsets = kernelMemberOffsets(members);
  const absent = members.filter((_, index) => offsets[index] === undefined);
  return absent.length > 0
    ? { ok: false, reason: `kernel BTF does not describe ${absent.join(", ")} as a plain member (no ${VMLINUX_BTF}, or the member is missing or a bitfield)` }
    : { ok: true, detail: members.map((member, index) => `${member} at byte ${offsets[index]}`).join(", ") };
};
