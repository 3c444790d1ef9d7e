// cachestat: page-cache hits, misses and dirtied pages per second, to tell a cache-thrashing reader from a cold start.
// Flavours: libbpf-tools `cachestat` (fentry on add_to_page_cache_lru, mark_page_accessed, account_page_dirtied,
// mark_buffer_dirty), then bpftriage's own tracepoint-only version (filemap, writeback, raw_syscalls) in two builds:
// the native libbpf tool dist/native/cachestat-tp (src/probes/native/, built by `npm run build` when clang and
// libbpf-dev are installed), then the bpftrace script cachestat-tp.bt, same counters and same output.
// Overhead: libbpf-tools count a hot kernel function per page access (a few % CPU on a page-cache-heavy box); the
// tracepoint version adds a few compares per syscall, a map update per read/write-family syscall and per inserted
// page. The native tool starts in a few tens of ms of CPU; bpftrace compiles the script at every start, about 0.7 s
// of CPU (the fd-walking version took 1.8 s), and attaches at two syscall tracepoints instead of twenty.
// Caveats: Debian's libbpf-tools v0.26 cachestat has fentry programs only (fentry/add_to_page_cache_lru, ...), no
// kprobe fallback, so it exits 1 ("failed to load BPF object") without fentry or on kernels where
// add_to_page_cache_lru is gone; its requirements here (BTF, kprobes) are the closest checks the preflight has.
// The tracepoint version's HITS and HITRATIO are estimates from read(2) volume; MISSES are page-cache insertions
// outside write syscalls (docs/probes.md "cachestat-tp.bt"). The native tool needs kernel BTF for its CO-RE
// relocations; a build that fails to load here exits 1 and the step falls through to the script.

import { z } from "../model/zod.js";
import { parseCachestatTp } from "../parsers/cachestat-tp.js";
import { parseCachestat } from "../parsers/cachestat.js";
import { nativeFlavour } from "./native-tool.js";
import type { ProbeDefinition, Requirement } from "./probe.js";
import { shippedScript } from "./script-path.js";
import { READ_SYSCALLS, syscallArgs, WRITE_SYSCALLS } from "./syscall-numbers.js";

// Seconds bpftrace needs beyond the traced duration (compile and attach about 1 s, detach well under 1 s on this
// project's VM; more under load), so the hard limit fits it.
const BPFTRACE_SETUP_SEC = 5;

// Every tracepoint cachestat-tp.bt attaches to.
export const CACHESTAT_TP_TRACEPOINTS: readonly string[] = [
  "raw_syscalls:sys_enter",
  "raw_syscalls:sys_exit",
  "filemap:mm_filemap_get_pages",
  "filemap:mm_filemap_add_to_page_cache",
  "writeback:writeback_dirty_folio",
];

// The tracepoints the native cachestat-tp always attaches to; for dirtied folios it attaches to
// writeback:writeback_dirty_folio, or writeback_dirty_page on kernels before folios, whichever tracefs lists.
export const CACHESTAT_NATIVE_TRACEPOINTS: readonly string[] = CACHESTAT_TP_TRACEPOINTS.filter((name) => !name.startsWith("writeback:"));

const tracepoints = (names: readonly string[]): Requirement[] => names.map((name) => ({ kind: "tracepoint", name }));

const paramsSchema = z
  .object({
    durationSec: z.number().int().min(1).max(600).default(5),
    // How many processes the tracepoint version's final table lists (by misses); libbpf-tools has no such table.
    topProcesses: z.number().int().min(1).max(100).default(10),
  })
  .strict();

export type CachestatParams = z.infer<typeof paramsSchema>;

export const cachestat: ProbeDefinition<CachestatParams> = {
  id: "cachestat",
  title: "Page-cache hits and misses",
  paramsSchema,
  durationSec: (params) => params.durationSec,
  flavours: [
    {
      flavour: "libbpf-tools",
      executable: "cachestat",
      debianPackage: "libbpf-tools",
      requires: [{ kind: "btf" }, { kind: "kprobes" }],
      argv: (params) => ["-T", "1", String(params.durationSec)],
      stopBy: "exit",
      parse: parseCachestat,
    },
    {
      ...nativeFlavour("cachestat-tp"),
      requires: [{ kind: "btf" }, ...tracepoints(CACHESTAT_NATIVE_TRACEPOINTS)],
      argv: (params) => [String(params.durationSec), String(params.topProcesses)],
      parse: parseCachestatTp,
    },
    {
      flavour: "bpftriage-script",
      executable: "bpftrace",
      startupSec: BPFTRACE_SETUP_SEC,
      debianPackage: "bpftrace",
      requires: [{ kind: "syscall-numbers" }, ...tracepoints(CACHESTAT_TP_TRACEPOINTS)],
      argv: (params) => [
        "--no-warnings",
        shippedScript("cachestat-tp.bt"),
        String(params.durationSec),
        String(params.topProcesses),
        ...syscallArgs([...READ_SYSCALLS, ...WRITE_SYSCALLS]),
      ],
      stopBy: "exit",
      parse: parseCachestatTp,
    },
  ],
};
