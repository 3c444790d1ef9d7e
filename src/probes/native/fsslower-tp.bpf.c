// SPDX-License-Identifier: (Apache-2.0 OR GPL-2.0-only)
/*
 * fsslower-tp.bpf.c  BPF side of fsslower-tp: times read, write, open and fsync system calls
 *                    from raw_syscalls:sys_enter to sys_exit, and sends the ones at or above
 *                    a threshold, on regular files of one file system, through a ring buffer.
 *                    The same filters and FILENAME rules as src/probes/bpftrace/fsslower-tp.bt;
 *                    fsslower-tp.c loads it and prints the rows (see there for usage and output).
 *
 * Timed: read, readv, pread64, preadv, preadv2, write, writev, pwrite64, pwritev, pwritev2,
 * fsync, fdatasync, openat; close (entry only) forgets the path remembered for its fd.
 * The fd is resolved (task_struct.files -> fdtable -> struct file, f_inode, i_sb, f_pos,
 * f_path.dentry) through CO-RE relocations, at syscall exit and only for operations at or
 * above the threshold (and for every successful openat, to remember its path).
 *
 * Overhead: a few compares on every syscall; a hash update on entry and a lookup and delete
 * on exit of every traced syscall (pipes and sockets included, filtered out at exit); one
 * user-string read per openat; the fd walk and a ring-buffer record only for slow operations.
 */
#include "kernel-types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "fsslower-tp.h"

#define S_IFMT 0xf000
#define S_IFREG 0x8000

#define MAX_THREADS 10240
/* The (pid, fd) -> path map holds as many entries as the bpftrace script's (bpftrace's default). */
#define MAX_PATHS 4096

/* Filled by fsslower-tp.c before load. */
const volatile __u64 min_ns = 0;
const volatile __u32 target_tgid = 0; /* 0: every process */
const volatile __u32 self_tgid = 0;   /* this tool, never traced */
const volatile __u64 fs_magic = 0;    /* 0: every file system */
const volatile long nr_read = -1, nr_readv = -1, nr_pread64 = -1, nr_preadv = -1, nr_preadv2 = -1;
const volatile long nr_write = -1, nr_writev = -1, nr_pwrite64 = -1, nr_pwritev = -1, nr_pwritev2 = -1;
const volatile long nr_fsync = -1, nr_fdatasync = -1, nr_openat = -1, nr_close = -1;

/* Records that found the ring buffer full; fsslower-tp.c reports them at the end. */
__u64 lost = 0;

struct op_start {
	__u64 ts;
	__s64 fd;
	__s64 pos; /* the positional calls' offset; 0 for fsyncs; -1: read it from the file at exit */
	__u8 op;
};

struct open_start {
	__u64 ts;
	__u8 too_long; /* the path did not fit in NAME_LEN - 1 characters */
	char name[NAME_LEN];
};

struct fd_key {
	__u32 pid;
	__u32 pad;
	__s64 fd;
};

struct fd_path {
	__u64 file; /* the struct file the path was opened as */
	char path[NAME_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_THREADS);
	__type(key, __u32);
	__type(value, struct op_start);
} starts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_THREADS);
	__type(key, __u32);
	__type(value, struct open_start);
} opens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_PATHS);
	__type(key, struct fd_key);
	__type(value, struct fd_path);
} paths SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 512 * 1024);
} events SEC(".maps");

/* 'R', 'W' or 'F' for the timed read, write and fsync families, 0 for every other syscall. */
static __always_inline __u8 rw_op(long id)
{
	if (id == nr_read || id == nr_readv || id == nr_pread64 || id == nr_preadv || id == nr_preadv2)
		return 'R';
	if (id == nr_write || id == nr_writev || id == nr_pwrite64 || id == nr_pwritev || id == nr_pwritev2)
		return 'W';
	if (id == nr_fsync || id == nr_fdatasync)
		return 'F';
	return 0;
}

/* The calls that take their offset as an argument (args[3]) instead of using the file position. */
static __always_inline bool positional(long id)
{
	return id == nr_pread64 || id == nr_preadv || id == nr_preadv2 || id == nr_pwrite64 || id == nr_pwritev ||
	       id == nr_pwritev2;
}

/* The PID filter and the tool's own exclusion, on the thread group id. */
static __always_inline bool traced(__u32 tgid)
{
	return (target_tgid == 0 || tgid == target_tgid) && tgid != self_tgid;
}

/* The struct file behind fd in the current task, or NULL when the fd is closed or out of range. */
static __always_inline struct file *fd_file(__s64 fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *file = NULL;

	if (!fdt || fd < 0 || fd >= (__s64)BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	return file;
}

/* A regular file on the watched file system (any file system when fs_magic is 0). */
static __always_inline bool watched(struct file *file)
{
	struct inode *inode = BPF_CORE_READ(file, f_inode);

	if ((BPF_CORE_READ(inode, i_mode) & S_IFMT) != S_IFREG)
		return false;
	return fs_magic == 0 || BPF_CORE_READ(inode, i_sb, s_magic) == fs_magic;
}

/* The file's base name, the fallback when the opened path is not known. */
static __always_inline void read_dentry_name(struct file *file, char *name)
{
	const unsigned char *dname = BPF_CORE_READ(file, f_path.dentry, d_name.name);

	bpf_probe_read_kernel_str(name, NAME_LEN, dname);
}

/* A ring-buffer record with the fields every row has, or NULL when the buffer is full. */
static __always_inline struct fsslower_event *new_event(__u64 now, __u64 lat, __u8 op, __s64 fd)
{
	struct fsslower_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) {
		__sync_fetch_and_add(&lost, 1);
		return NULL;
	}
	e->ts_ns = now;
	e->lat_ns = lat;
	e->op = op;
	e->fd = fd;
	e->bytes = 0;
	e->offset_kb = 0;
	e->name_kind = NAME_FILE;
	e->name[0] = '\0';
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	return e;
}

/* Entries: close forgets the fd's path; timed calls remember start time, fd, type and offset; openat its path. */
SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter(struct trace_event_raw_sys_enter *ctx)
{
	long id = ctx->id;
	__u8 op = rw_op(id);
	__u64 pid_tgid;
	__u32 tid;

	if (id == nr_close) {
		struct fd_key key = { .pid = bpf_get_current_pid_tgid() >> 32, .fd = (__s64)ctx->args[0] };

		bpf_map_delete_elem(&paths, &key);
		return 0;
	}
	if (!op && id != nr_openat)
		return 0;
	pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid >> 32))
		return 0;
	tid = (__u32)pid_tgid;
	if (op) {
		struct op_start start;

		__builtin_memset(&start, 0, sizeof(start));
		start.ts = bpf_ktime_get_ns();
		start.fd = (__s64)ctx->args[0];
		start.pos = positional(id) ? (__s64)ctx->args[3] : (op == 'F' ? 0 : -1);
		start.op = op;
		bpf_map_update_elem(&starts, &tid, &start, BPF_ANY);
		return 0;
	}
	struct open_start start;

	__builtin_memset(&start, 0, sizeof(start));
	start.ts = bpf_ktime_get_ns();
	/* bpftrace's rule: a path of 63 bytes or more is not remembered (the dentry name is printed). */
	start.too_long = bpf_probe_read_user_str(start.name, sizeof(start.name), (const void *)ctx->args[1]) == sizeof(start.name);
	bpf_map_update_elem(&opens, &tid, &start, BPF_ANY);
	return 0;
}

/* Exit of a timed read, write or fsync: emit it when slow enough and its file is watched. */
static __always_inline void exit_rw(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct op_start *found = bpf_map_lookup_elem(&starts, &tid);
	struct op_start start;
	struct fsslower_event *e;
	struct fd_path *remembered;
	struct fd_key key = { .pid = pid_tgid >> 32 };
	struct file *file;
	__u64 now, lat;
	__s64 pos;

	if (!found)
		return;
	start = *found;
	bpf_map_delete_elem(&starts, &tid);
	now = bpf_ktime_get_ns();
	lat = now - start.ts;
	if (lat < min_ns)
		return;
	file = fd_file(start.fd);
	if (!file) {
		if (fs_magic != 0)
			return;
		e = new_event(now, lat, start.op, start.fd);
		if (!e)
			return;
		e->bytes = start.op == 'F' ? 0 : ret;
		e->name_kind = NAME_FD_ONLY;
		bpf_ringbuf_submit(e, 0);
		return;
	}
	if (!watched(file))
		return;
	pos = start.pos;
	if (pos < 0)
		pos = BPF_CORE_READ(file, f_pos) - (ret > 0 ? ret : 0);
	e = new_event(now, lat, start.op, start.fd);
	if (!e)
		return;
	e->bytes = start.op == 'F' ? 0 : ret;
	e->offset_kb = pos > 0 ? (__u64)pos / 1024 : 0;
	key.fd = start.fd;
	remembered = bpf_map_lookup_elem(&paths, &key);
	if (remembered && remembered->file == (__u64)file)
		__builtin_memcpy(e->name, remembered->path, NAME_LEN);
	else
		read_dentry_name(file, e->name);
	bpf_ringbuf_submit(e, 0);
}

/* Exit of an openat: remember the path of a watched file by (pid, fd), emit the open when slow enough. */
static __always_inline void exit_openat(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct open_start *start = bpf_map_lookup_elem(&opens, &tid);
	struct fsslower_event *e;
	struct file *file;
	__u64 now, lat;

	if (!start)
		return;
	now = bpf_ktime_get_ns();
	lat = now - start->ts;
	file = ret >= 0 ? fd_file(ret) : NULL;
	if (file && watched(file)) {
		if (!start->too_long) {
			struct fd_key key = { .pid = pid_tgid >> 32, .fd = ret };
			struct fd_path remembered = { .file = (__u64)file };

			__builtin_memcpy(remembered.path, start->name, NAME_LEN);
			bpf_map_update_elem(&paths, &key, &remembered, BPF_ANY);
		}
		if (lat >= min_ns) {
			e = new_event(now, lat, 'O', ret);
			if (e) {
				if (start->too_long)
					read_dentry_name(file, e->name);
				else
					__builtin_memcpy(e->name, start->name, NAME_LEN);
				bpf_ringbuf_submit(e, 0);
			}
		}
	}
	bpf_map_delete_elem(&opens, &tid);
}

/* Exits of the timed calls and of openat. */
SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	long id = ctx->id;

	if (rw_op(id))
		exit_rw(ctx->ret);
	else if (id == nr_openat)
		exit_openat(ctx->ret);
	return 0;
}

/* GPL-compatible, as the kernel requires for bpf_probe_read_kernel/user and bpf_get_current_task. */
char LICENSE[] SEC("license") = "GPL";
