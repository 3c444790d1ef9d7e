// SPDX-License-Identifier: (Apache-2.0 OR GPL-2.0-only)
/*
 * cachestat-tp.h  What cachestat-tp.bpf.c and cachestat-tp.c share: the per-CPU counters and the
 *                 key of the per-process misses map. The including file provides __u32/__u64
 *                 (kernel-types.h on the BPF side, <linux/types.h> in user space).
 */
#ifndef BPFTRIAGE_CACHESTAT_TP_H
#define BPFTRIAGE_CACHESTAT_TP_H

#define TASK_COMM_LEN 16

/* Running totals since start, in 4 KiB pages (dirties in folios); one copy per CPU. */
struct cachestat_counters {
	__u64 inserts;
	__u64 misses;
	__u64 read_misses;
	__u64 dirties;
	__u64 read_pages;
};

struct proc_key {
	__u32 pid;
	char comm[TASK_COMM_LEN];
};

#endif /* BPFTRIAGE_CACHESTAT_TP_H */
