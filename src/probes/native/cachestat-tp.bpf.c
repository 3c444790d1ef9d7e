// SPDX-License-Identifier: (Apache-2.0 OR GPL-2.0-only)
/*
 * cachestat-tp.bpf.c  BPF side of cachestat-tp: page-cache insertions, dirtied folios and
 *                     read(2)-family volume, counted per CPU from tracepoints only, plus
 *                     misses per process. The same counters, filters and definitions as
 *                     src/probes/bpftrace/cachestat-tp.bt; cachestat-tp.c loads it, prints the
 *                     rows and the table (see there for usage and output).
 *
 * Hooks: raw_syscalls:sys_enter and sys_exit (filtered to the read and write families by
 * syscall number), filemap:mm_filemap_get_pages (the read went through the page cache's read
 * path), filemap:mm_filemap_add_to_page_cache (an insertion: 1 << order pages, or one page on
 * kernels whose record has no `order` field), and writeback:writeback_dirty_folio, or
 * writeback_dirty_page on kernels before folios (cachestat-tp.c loads the one tracefs has).
 *
 * Overhead: a few compares on every syscall; a hash update per read- or write-family
 * syscall, page-cache read batch and insertion; a per-CPU counter add per dirtied folio.
 * Counters are per-CPU array slots: tracepoint programs run with preemption off, so the
 * plain adds lose nothing. The per-process map is a hash updated with atomic adds.
 */
#include "kernel-types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "cachestat-tp.h"

/* What the current thread is inside of, per thread id. */
#define CTX_READ 1        /* a read-family syscall */
#define CTX_WRITE 2       /* a write-family syscall: its insertions are allocations, not misses */
#define CTX_READ_CACHED 3 /* a read-family syscall that went through the page cache's read path */

#define MAX_THREADS 10240
#define MAX_PROCS 10240

/* This architecture's syscall numbers, from <asm/unistd.h>; cachestat-tp.c fills them before load. */
const volatile long nr_read = -1, nr_readv = -1, nr_pread64 = -1, nr_preadv = -1, nr_preadv2 = -1;
const volatile long nr_write = -1, nr_writev = -1, nr_pwrite64 = -1, nr_pwritev = -1, nr_pwritev2 = -1;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct cachestat_counters);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_THREADS);
	__type(key, __u32);
	__type(value, __u8);
} thread_ctx SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_PROCS);
	__type(key, struct proc_key);
	__type(value, __u64);
} proc_misses SEC(".maps");

/* CTX_READ or CTX_WRITE for the syscalls this tool watches, 0 for every other one. */
static __always_inline __u8 syscall_kind(long id)
{
	if (id == nr_read || id == nr_readv || id == nr_pread64 || id == nr_preadv || id == nr_preadv2)
		return CTX_READ;
	if (id == nr_write || id == nr_writev || id == nr_pwrite64 || id == nr_pwritev || id == nr_pwritev2)
		return CTX_WRITE;
	return 0;
}

/* This CPU's slot of the counters (never NULL for a one-entry array, but the verifier wants the check). */
static __always_inline struct cachestat_counters *cpu_counters(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&counters, &zero);
}

/* Marks the thread as inside a read- or write-family syscall. */
SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u8 kind = syscall_kind(ctx->id);
	__u32 tid;

	if (!kind)
		return 0;
	tid = (__u32)bpf_get_current_pid_tgid();
	bpf_map_update_elem(&thread_ctx, &tid, &kind, BPF_ANY);
	return 0;
}

/* The read went through the page cache's read path: its bytes count as read pages. */
SEC("tracepoint/filemap/mm_filemap_get_pages")
int get_pages(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u8 *kind = bpf_map_lookup_elem(&thread_ctx, &tid);

	if (kind && *kind == CTX_READ)
		*kind = CTX_READ_CACHED;
	return 0;
}

/* Adds a cached read's pages (ceil(bytes / 4096)) and forgets the thread's mark. */
SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	struct cachestat_counters *c;
	__u32 tid;
	__u8 *kind;
	long ret;

	if (!syscall_kind(ctx->id))
		return 0;
	tid = (__u32)bpf_get_current_pid_tgid();
	kind = bpf_map_lookup_elem(&thread_ctx, &tid);
	ret = ctx->ret;
	if (kind && *kind == CTX_READ_CACHED && ret > 0) {
		c = cpu_counters();
		if (c)
			c->read_pages += ((__u64)ret + 4095) / 4096;
	}
	bpf_map_delete_elem(&thread_ctx, &tid);
	return 0;
}

/* Adds a thread group's missed pages under its current command name. */
static __always_inline void count_proc_miss(__u64 pages)
{
	struct proc_key key;
	__u64 zero = 0, *total;

	__builtin_memset(&key, 0, sizeof(key));
	key.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&key.comm, sizeof(key.comm));
	total = bpf_map_lookup_elem(&proc_misses, &key);
	if (!total) {
		bpf_map_update_elem(&proc_misses, &key, &zero, BPF_NOEXIST);
		total = bpf_map_lookup_elem(&proc_misses, &key);
		if (!total)
			return;
	}
	__sync_fetch_and_add(total, pages);
}

/* An insertion: a miss unless a write made it, a read miss when a read-family syscall did. */
SEC("tracepoint/filemap/mm_filemap_add_to_page_cache")
int add_to_page_cache(struct trace_event_raw_mm_filemap_op_page_cache *ctx)
{
	struct cachestat_counters *c = cpu_counters();
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u8 *found = bpf_map_lookup_elem(&thread_ctx, &tid);
	__u8 kind = found ? *found : 0;
	__u64 pages = 1;

	if (bpf_core_field_exists(ctx->order))
		pages = 1ULL << (ctx->order & 63);
	if (!c)
		return 0;
	c->inserts += pages;
	if (kind != CTX_WRITE) {
		c->misses += pages;
		count_proc_miss(pages);
	}
	if (kind == CTX_READ || kind == CTX_READ_CACHED)
		c->read_misses += pages;
	return 0;
}

/* One dirtied folio (or page, before folios), as the original counts them. */
static __always_inline int count_dirty(void)
{
	struct cachestat_counters *c = cpu_counters();

	if (c)
		c->dirties += 1;
	return 0;
}

/* Exactly one of the two is loaded (cachestat-tp.c picks the one this kernel has). */
SEC("tracepoint/writeback/writeback_dirty_folio")
int dirty_folio(void *ctx)
{
	return count_dirty();
}

SEC("tracepoint/writeback/writeback_dirty_page")
int dirty_page(void *ctx)
{
	return count_dirty();
}

/* GPL-compatible, as the kernel requires for bpf_probe_read*-family helpers in tracing programs. */
char LICENSE[] SEC("license") = "GPL";
