/*
 * cachestat-tp  Page-cache misses, dirtied pages and an ESTIMATED hit ratio, per second and
 *               per process, from tracepoints only: a precompiled libbpf (CO-RE) build of
 *               bpftriage's src/probes/bpftrace/cachestat-tp.bt, for kernels without kprobes
 *               and fentry, where bcc and libbpf-tools cachestat cannot attach. Same counters,
 *               same definitions, same output; it starts in tens of milliseconds of CPU
 *               instead of bpftrace's 0.6-0.9 s (LLVM and the verifier at every start).
 *
 * USAGE: cachestat-tp SECONDS TOP
 *   SECONDS  print one row per second, SECONDS rows, then the table, and exit (0 = until
 *            SIGINT or SIGTERM)
 *   TOP      how many processes the final table lists, by MISSES (0 = all)
 *   Bad arguments: one line on stderr saying what was expected and received, the usage
 *   line, exit status 2. A load or attach failure: libbpf's warnings and one line on
 *   stderr, exit status 1. SIGINT or SIGTERM: the table is printed as at a normal end,
 *   exit status 0.
 *
 * OUTPUT (stdout, line-buffered; the layout of cachestat-tp.bt without bpftrace's own
 * "Attaching N probes..." line and its trailing empty lines):
 *   banner  "Tracing page cache with tracepoints for SECONDS secs; HITS and HITRATIO are estimates."
 *           ("... Hit Ctrl-C to end; HITS ..." when SECONDS is 0)
 *   header  "TIME         HITS   MISSES  DIRTIES HITRATIO READ_PAGES READ_MISSES  INSERTS"
 *   rows    one per second: TIME %-8s (HH:MM:SS, local time), then %8d %8d %8d %8s %10d %11d %8d.
 *           HITRATIO is "NN.NN%" (two decimals, truncated), or "-" when READ_PAGES is 0.
 *   table   "MISSES BY PROCESS (top TOP):" then one line per process, largest last:
 *           "@proc_misses[PID, COMM]: PAGES" (the thread group id and the command name at
 *           the time of the miss; a process that renamed itself has one line per name).
 *   "Lost N events" is never printed: this tool has no event stream.
 *
 * Columns (4 KiB pages per one-second interval, whole system; as in cachestat-tp.bt):
 *   INSERTS      pages added to the page cache (filemap:mm_filemap_add_to_page_cache,
 *                1 << order pages per folio; one page on kernels whose record has no `order`).
 *   MISSES       INSERTS made outside write-family syscalls (read misses, readahead, page
 *                faults on mmap'd files, sendfile/splice/copy_file_range).
 *   DIRTIES      folios dirtied (writeback:writeback_dirty_folio; writeback_dirty_page on
 *                kernels before folios, whichever tracefs lists).
 *   READ_PAGES   ceil(bytes / 4096) per read, readv, pread64, preadv or preadv2 call during
 *                which filemap:mm_filemap_get_pages fired (the page cache's read path).
 *   READ_MISSES  INSERTS made while the inserting thread was inside one of those calls.
 *   HITS         ESTIMATE: max(0, READ_PAGES - READ_MISSES).   HITRATIO  ESTIMATE: HITS / READ_PAGES.
 *
 * Needs: root (or CAP_BPF with CAP_PERFMON), kernel BTF (/sys/kernel/btf/vmlinux: CO-RE
 * relocations of the tracepoint records), tracefs, and the tracepoints raw_syscalls:sys_enter,
 * raw_syscalls:sys_exit, filemap:mm_filemap_get_pages (recent kernels: not in 6.1, present
 * in 6.18), filemap:mm_filemap_add_to_page_cache, and writeback_dirty_folio or
 * writeback_dirty_page. Syscall numbers are this architecture's, from <asm/unistd.h> at
 * build time; 32-bit (compat) processes use other numbers and are not seen as readers or
 * writers.
 * Overhead: a few compares per syscall system-wide, a hash update per read- or write-family
 * syscall (pipes and sockets included), per page-cache read batch and per insertion, a
 * per-CPU add per dirtied folio; once a second, one lookup of the per-CPU counters.
 * Caveats: those of cachestat-tp.bt (docs/probes.md): the ratio describes what read(2)
 * callers got from the cache, not mmap'd reads; readahead can put a few hits in a cold row.
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include "cachestat-tp.h"
#include "cachestat-tp.skel.h"
#include "tool-common.h"

static const char TOOL[] = "cachestat-tp";
static const char USAGE[] = "cachestat-tp SECONDS TOP (SECONDS 0 = until Ctrl-C; TOP 0 = every process)";

/* The running totals of all CPUs, or -1 when the per-CPU map cannot be read. */
static int sum_counters(struct cachestat_tp_bpf *skel, int ncpus, struct cachestat_counters *sum)
{
	struct cachestat_counters per_cpu[ncpus];
	__u32 zero = 0;

	memset(sum, 0, sizeof(*sum));
	if (bpf_map__lookup_elem(skel->maps.counters, &zero, sizeof(zero), per_cpu, sizeof(per_cpu), 0) != 0)
		return -1;
	for (int cpu = 0; cpu < ncpus; cpu++) {
		sum->inserts += per_cpu[cpu].inserts;
		sum->misses += per_cpu[cpu].misses;
		sum->read_misses += per_cpu[cpu].read_misses;
		sum->dirties += per_cpu[cpu].dirties;
		sum->read_pages += per_cpu[cpu].read_pages;
	}
	return 0;
}

/* Prints one interval's row: the difference between two running totals. */
static void print_row(const struct cachestat_counters *now, const struct cachestat_counters *prev)
{
	__u64 inserts = now->inserts - prev->inserts, misses = now->misses - prev->misses;
	__u64 read_misses = now->read_misses - prev->read_misses, dirties = now->dirties - prev->dirties;
	__u64 read_pages = now->read_pages - prev->read_pages;
	__u64 hits = read_pages > read_misses ? read_pages - read_misses : 0;
	char hms[9];

	format_monotonic_hms(monotonic_now_ns(), hms);
	if (read_pages > 0) {
		__u64 ratio = hits * 10000 / read_pages;

		printf("%s %8llu %8llu %8llu %4llu.%02llu%% %10llu %11llu %8llu\n", hms, hits, misses, dirties, ratio / 100,
		       ratio % 100, read_pages, read_misses, inserts);
	} else {
		printf("%s %8llu %8llu %8llu %8s %10llu %11llu %8llu\n", hms, hits, misses, dirties, "-", read_pages,
		       read_misses, inserts);
	}
}

struct proc_misses {
	struct proc_key key;
	__u64 pages;
};

/* Ascending by pages (bpftrace's print order), ties by pid then name so the output is stable. */
static int by_pages(const void *a, const void *b)
{
	const struct proc_misses *x = a, *y = b;

	if (x->pages != y->pages)
		return x->pages < y->pages ? -1 : 1;
	if (x->key.pid != y->key.pid)
		return x->key.pid < y->key.pid ? -1 : 1;
	return strncmp(x->key.comm, y->key.comm, TASK_COMM_LEN);
}

/* Prints the title and the TOP processes by misses, largest last, as bpftrace's print(@map, TOP) does. */
static int print_table(struct cachestat_tp_bpf *skel, unsigned long long top)
{
	const struct bpf_map *map = skel->maps.proc_misses;
	size_t count = 0, capacity = bpf_map__max_entries(map);
	struct proc_misses *rows = calloc(capacity, sizeof(*rows));
	struct proc_key key, next;
	struct proc_key *prev = NULL;

	if (!rows)
		return -ENOMEM;
	while (count < capacity && bpf_map__get_next_key(map, prev, &next, sizeof(next)) == 0) {
		if (bpf_map__lookup_elem(map, &next, sizeof(next), &rows[count].pages, sizeof(__u64), 0) == 0)
			rows[count++].key = next;
		key = next;
		prev = &key;
	}
	qsort(rows, count, sizeof(*rows), by_pages);
	printf("MISSES BY PROCESS (top %llu):\n", top);
	for (size_t i = top == 0 || top >= count ? 0 : count - top; i < count; i++)
		printf("@proc_misses[%u, %.*s]: %llu\n", rows[i].key.pid, TASK_COMM_LEN, rows[i].key.comm, rows[i].pages);
	free(rows);
	return 0;
}

/* Loads the writeback tracepoint this kernel has (writeback_dirty_folio since folios, else writeback_dirty_page). */
static int pick_dirty_tracepoint(struct cachestat_tp_bpf *skel)
{
	if (tracepoint_exists("writeback", "writeback_dirty_folio"))
		return bpf_program__set_autoload(skel->progs.dirty_page, false);
	if (tracepoint_exists("writeback", "writeback_dirty_page"))
		return bpf_program__set_autoload(skel->progs.dirty_folio, false);
	fprintf(stderr, "%s: expected tracepoint writeback:writeback_dirty_folio or writeback:writeback_dirty_page in tracefs, "
			"received neither (is tracefs mounted at /sys/kernel/tracing?)\n", TOOL);
	return -ENOENT;
}

/* Opens, configures, loads and attaches the BPF side, or says on stderr why it could not. */
static struct cachestat_tp_bpf *start_tracing(void)
{
	struct cachestat_tp_bpf *skel = cachestat_tp_bpf__open();
	int err;

	if (!skel) {
		fprintf(stderr, "%s: failed to open the BPF object: %s\n", TOOL, strerror(errno));
		return NULL;
	}
	SET_RW_SYSCALL_NUMBERS(skel->rodata);
	err = pick_dirty_tracepoint(skel);
	if (!err)
		err = load_and_attach(TOOL, skel->skeleton);
	if (err) {
		cachestat_tp_bpf__destroy(skel);
		return NULL;
	}
	return skel;
}

int main(int argc, char **argv)
{
	struct cachestat_counters prev, now;
	struct cachestat_tp_bpf *skel;
	unsigned long long seconds, top, rows = 0;
	struct timespec next;
	int ncpus, status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3) {
		char received[32];

		snprintf(received, sizeof(received), "%d", argc - 1);
		usage_error(TOOL, USAGE, "2 arguments", received);
	}
	seconds = parse_count_arg(TOOL, USAGE, argv, 1, "SECONDS", 86400, false);
	top = parse_count_arg(TOOL, USAGE, argv, 2, "TOP", 100000, false);
	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0) {
		fprintf(stderr, "%s: cannot count the possible CPUs: %s\n", TOOL, strerror(-ncpus));
		return 1;
	}
	quiet_libbpf_output();
	if (install_stop_handlers() != 0) {
		fprintf(stderr, "%s: cannot install the SIGINT/SIGTERM handlers: %s\n", TOOL, strerror(errno));
		return 1;
	}
	skel = start_tracing();
	if (!skel)
		return 1;

	if (seconds > 0)
		printf("Tracing page cache with tracepoints for %llu secs; HITS and HITRATIO are estimates.\n", seconds);
	else
		printf("Tracing page cache with tracepoints... Hit Ctrl-C to end; HITS and HITRATIO are estimates.\n");
	printf("%-8s %8s %8s %8s %8s %10s %11s %8s\n", "TIME", "HITS", "MISSES", "DIRTIES", "HITRATIO", "READ_PAGES",
	       "READ_MISSES", "INSERTS");
	if (sum_counters(skel, ncpus, &prev) != 0) {
		fprintf(stderr, "%s: cannot read the counters map: %s\n", TOOL, strerror(errno));
		status = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (status == 0 && !stop_requested && (seconds == 0 || rows < seconds)) {
		next.tv_sec += 1;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR && !stop_requested)
			;
		if (stop_requested)
			break;
		if (sum_counters(skel, ncpus, &now) != 0) {
			fprintf(stderr, "%s: cannot read the counters map: %s\n", TOOL, strerror(errno));
			status = 1;
			break;
		}
		print_row(&now, &prev);
		prev = now;
		rows++;
	}
	if (status == 0 && print_table(skel, top) != 0) {
		fprintf(stderr, "%s: out of memory reading the per-process table\n", TOOL);
		status = 1;
	}
	cachestat_tp_bpf__destroy(skel);
	return status;
}
