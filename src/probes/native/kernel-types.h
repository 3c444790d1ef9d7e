// SPDX-License-Identifier: (Apache-2.0 OR GPL-2.0-only)
/*
 * kernel-types.h  The few kernel types bpftriage's native tracepoint tools read, for their
 *                 BPF side only (cachestat-tp.bpf.c, fsslower-tp.bpf.c), instead of a full
 *                 generated vmlinux.h.
 *
 * Every struct is marked preserve_access_index, so clang records each member access as a
 * CO-RE relocation and libbpf resolves it at load time against the running kernel's BTF
 * (/sys/kernel/btf/vmlinux). The layouts below only name members: their order, offsets and
 * sizes here need not match any kernel, and members inside anonymous unions of the real
 * structs (file.f_path) are found by name. The build therefore needs no kernel BTF and no
 * kernel headers; the running kernel needs CONFIG_DEBUG_INFO_BTF=y.
 *
 * The scalar typedefs and the few UAPI constants are those of <linux/types.h> and
 * <linux/bpf.h>, which a `-target bpf` compile cannot include without the host's
 * multiarch asm/ headers.
 */
#ifndef BPFTRIAGE_KERNEL_TYPES_H
#define BPFTRIAGE_KERNEL_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
#define true 1
#define false 0

/* From <linux/bpf.h>: the map types and update flags these tools use. */
enum {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_RINGBUF = 27,
};
enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
};

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

/* Tracepoint records (the layout tracefs shows in events/CATEGORY/EVENT/format). */
struct trace_entry {
	unsigned short type;
	unsigned char flags;
	unsigned char preempt_count;
	int pid;
};

/* raw_syscalls:sys_enter */
struct trace_event_raw_sys_enter {
	struct trace_entry ent;
	long id;
	unsigned long args[6];
};

/* raw_syscalls:sys_exit */
struct trace_event_raw_sys_exit {
	struct trace_entry ent;
	long id;
	long ret;
};

/* filemap:mm_filemap_add_to_page_cache. `order` (pages per folio, log2) exists only on
 * kernels with large folios in the page cache (6.x); test it with bpf_core_field_exists. */
struct trace_event_raw_mm_filemap_op_page_cache {
	struct trace_entry ent;
	unsigned long pfn;
	unsigned long i_ino;
	unsigned long index;
	unsigned int s_dev;
	unsigned char order;
};

/* The path from the current task to a struct file behind an fd, and what fsslower-tp reads there. */
struct qstr {
	const unsigned char *name;
};

struct dentry {
	struct qstr d_name;
};

struct path {
	struct dentry *dentry;
};

struct super_block {
	unsigned long s_magic;
};

struct inode {
	unsigned short i_mode;
	struct super_block *i_sb;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	long long f_pos;
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
};

struct files_struct {
	struct fdtable *fdt;
};

struct task_struct {
	struct files_struct *files;
};

#pragma clang attribute pop

#endif /* BPFTRIAGE_KERNEL_TYPES_H */
