// SPDX-License-Identifier: (Apache-2.0 OR GPL-2.0-only)
/*
 * fsslower-tp.h  What fsslower-tp.bpf.c and fsslower-tp.c share: one slow operation, as sent
 *                through the ring buffer. The including file provides __u8..__s64 (kernel-types.h
 *                on the BPF side, <linux/types.h> in user space).
 */
#ifndef BPFTRIAGE_FSSLOWER_TP_H
#define BPFTRIAGE_FSSLOWER_TP_H

#define TASK_COMM_LEN 16
/* Paths and dentry names are kept in 64 bytes (63 characters), as bpftrace's strings were. */
#define NAME_LEN 64

/* How the event names its file. */
enum fsslower_name_kind {
	NAME_FILE = 0,   /* name holds the path opened while tracing, or the dentry name */
	NAME_FD_ONLY = 1 /* the fd no longer resolved at syscall exit: print "fd N" */
};

struct fsslower_event {
	__u64 ts_ns;      /* CLOCK_MONOTONIC (bpf_ktime_get_ns) at syscall exit */
	__u64 lat_ns;     /* syscall exit minus entry */
	__s64 bytes;      /* the syscall's return value for reads and writes; 0 for opens and fsyncs */
	__u64 offset_kb;  /* where the read or write started, KiB; 0 for opens and fsyncs */
	__s64 fd;
	__u32 pid;        /* thread group id */
	__u8 op;          /* 'R', 'W', 'O' or 'F' */
	__u8 name_kind;   /* enum fsslower_name_kind */
	char comm[TASK_COMM_LEN];
	char name[NAME_LEN];
};

#endif /* BPFTRIAGE_FSSLOWER_TP_H */
