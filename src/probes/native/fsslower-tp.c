/*
 * fsslower-tp  Slow file reads, writes, opens and fsyncs, with process and file name, from
 *              the raw_syscalls tracepoints only: a precompiled libbpf (CO-RE) build of
 *              bpftriage's src/probes/bpftrace/fsslower-tp.bt, for kernels without kprobes and
 *              fentry, where libbpf-tools fsslower/ext4slower and bcc ext4slower cannot attach.
 *              Same filters, same FILENAME rules, same output; it starts in tens of milliseconds
 *              of CPU instead of bpftrace's 0.9-1.1 s.
 *
 * USAGE: fsslower-tp MIN_MS SECONDS FS PID MAGIC
 *   MIN_MS   print operations that took at least this many milliseconds (0 = all)
 *   SECONDS  exit by itself after this many seconds (0 = until SIGINT or SIGTERM)
 *   FS       file-system name for the banner, e.g. ext4 (no spaces)
 *   PID      trace only this process (thread group id); 0 traces every process
 *   MAGIC    the superblock magic of FS, decimal or 0x hex (ext4 61267 = 0xEF53, xfs
 *            0x58465342, btrfs 0x9123683E, nfs 0x6969); 0 keeps every file system
 *   Unlike the bpftrace script it takes no syscall numbers (compiled in from <asm/unistd.h>)
 *   and no struct offsets (CO-RE relocations against the kernel's BTF at load time).
 *   Bad arguments: one line on stderr saying what was expected and received, the usage
 *   line, exit status 2. A load or attach failure: libbpf's warnings and one line on
 *   stderr, exit status 1. SIGINT or SIGTERM: the rows already traced are printed, exit 0.
 *
 * OUTPUT (stdout, line-buffered; the layout of fsslower-tp.bt, which is libbpf-tools
 * fsslower's, without bpftrace's "Attaching N probes..." line and trailing empty lines):
 *   banner  "Tracing FS file syscalls slower than MIN_MS ms for SECONDS secs."
 *           ("Tracing FS file syscalls for ..." when MIN_MS is 0,
 *            "... Hit Ctrl-C to end." when SECONDS is 0)
 *   header  "TIME     COMM             PID     T BYTES   OFF_KB   LAT(ms) FILENAME"
 *   rows    one per operation, when it completes: TIME %-8s (HH:MM:SS, local wall clock of
 *           completion), COMM %-16s, PID %-7d (thread group id), T (R read, W write, O open,
 *           F fsync or fdatasync), BYTES %-7d (the syscall's return value for reads and
 *           writes, a negative errno when it failed; 0 for opens and fsyncs), OFF_KB %-8d
 *           (where the read or write started, KiB; 0 for opens and fsyncs), LAT(ms) %4d.%02d
 *           (rounded to 10 us), FILENAME (rest of the line).
 *   "Lost N events" (stdout, last) when the ring buffer was full for N operations.
 *
 * What is timed: the whole system call, sys_enter to sys_exit, of read, readv, pread64,
 * preadv, preadv2, write, writev, pwrite64, pwritev, pwritev2, fsync, fdatasync and openat,
 * for regular files (S_IFREG) on file system MAGIC; the tool's own process is never traced.
 * OFF_KB: the positional calls' offset; for read/write/readv/writev the file position after
 * the call minus the bytes moved (so O_APPEND writes show where they landed).
 * FILENAME: the path the process passed to openat(2) when the file was opened while tracing,
 * the path is shorter than 63 bytes and the same struct file is still behind the fd (the
 * (pid, fd) -> path map holds 4096 entries and forgets an fd at close(2)); otherwise the
 * dentry name (base name, up to 63 bytes). "fd N" when the fd no longer resolves at syscall
 * exit (closed by another thread; printed only when MAGIC is 0).
 *
 * Needs: root (or CAP_BPF with CAP_PERFMON), kernel BTF (/sys/kernel/btf/vmlinux), tracefs,
 * the tracepoints raw_syscalls:sys_enter and sys_exit, BPF ring buffers (kernel 5.8).
 * Not seen: mmap'd I/O, io_uring and AIO, sendfile/splice/copy_file_range, open(2),
 * creat(2), openat2(2), sync_file_range, syncfs, sync, and 32-bit (compat) processes.
 * Overhead: a few compares on every syscall; a hash update on entry and a lookup and delete
 * on exit of every traced syscall (pipes and sockets included); one user-string read per
 * openat; the fd walk and a ring-buffer record only for operations at or above MIN_MS.
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>
#include "fsslower-tp.h"
#include "fsslower-tp.skel.h"
#include "tool-common.h"

static const char TOOL[] = "fsslower-tp";
static const char USAGE[] =
	"fsslower-tp MIN_MS SECONDS FS PID MAGIC (MIN_MS 0 = every operation; SECONDS 0 = until Ctrl-C; PID 0 = every "
	"process; MAGIC 0 = every file system)";

/* Longest poll wait, so a SECONDS deadline is met within this many milliseconds. */
#define POLL_MS 100

/* Prints one operation as a row; FILENAME is "fd N" when the fd no longer resolved. */
static int print_event(void *ctx, void *data, size_t size)
{
	const struct fsslower_event *e = data;
	__u64 hundredths = (e->lat_ns / 1000 + 5) / 10;
	char hms[9];

	(void)ctx;
	if (size < sizeof(*e))
		return 0;
	format_monotonic_hms(e->ts_ns, hms);
	if (e->name_kind == NAME_FD_ONLY)
		printf("%s %-16.16s %-7u %c %-7lld %-8d %4llu.%02llu fd %lld\n", hms, e->comm, e->pid, e->op, e->bytes, 0,
		       hundredths / 100, hundredths % 100, e->fd);
	else
		printf("%s %-16.16s %-7u %c %-7lld %-8llu %4llu.%02llu %.*s\n", hms, e->comm, e->pid, e->op, e->bytes,
		       e->offset_kb, hundredths / 100, hundredths % 100, NAME_LEN, e->name);
	return 0;
}

/* Prints the banner and the header, worded as the bpftrace script words them. */
static void print_banner(const char *fs, unsigned long long min_ms, unsigned long long seconds)
{
	printf("Tracing %s file syscalls", fs);
	if (min_ms > 0)
		printf(" slower than %llu ms", min_ms);
	if (seconds > 0)
		printf(" for %llu secs.\n", seconds);
	else
		printf("... Hit Ctrl-C to end.\n");
	printf("%-8s %-16s %-7s %1s %-7s %-8s %7s %s\n", "TIME", "COMM", "PID", "T", "BYTES", "OFF_KB", "LAT(ms)",
	       "FILENAME");
}

struct options {
	unsigned long long min_ms, seconds, pid, magic;
	const char *fs;
};

/* Reads argv, or exits with a usage error naming the argument. */
static struct options parse_options(int argc, char **argv)
{
	struct options o;

	if (argc != 6) {
		char received[32];

		snprintf(received, sizeof(received), "%d", argc - 1);
		usage_error(TOOL, USAGE, "5 arguments", received);
	}
	o.min_ms = parse_count_arg(TOOL, USAGE, argv, 1, "MIN_MS", 3600000, false);
	o.seconds = parse_count_arg(TOOL, USAGE, argv, 2, "SECONDS", 86400, false);
	o.fs = argv[3];
	if (o.fs[0] == '\0' || strlen(o.fs) > 32 || strpbrk(o.fs, " \t\n\r") != NULL) {
		char received[48];

		snprintf(received, sizeof(received), "'%.40s'", o.fs);
		usage_error(TOOL, USAGE, "FS as a file-system name without spaces, up to 32 characters, as argument 3", received);
	}
	o.pid = parse_count_arg(TOOL, USAGE, argv, 4, "PID", 4194304, false);
	o.magic = parse_count_arg(TOOL, USAGE, argv, 5, "MAGIC", 0xffffffffffffffffULL, true);
	return o;
}

/* Opens, configures, loads and attaches the BPF side, or says on stderr why it could not. */
static struct fsslower_tp_bpf *start_tracing(const struct options *o)
{
	struct fsslower_tp_bpf *skel = fsslower_tp_bpf__open();
	int err;

	if (!skel) {
		fprintf(stderr, "%s: failed to open the BPF object: %s\n", TOOL, strerror(errno));
		return NULL;
	}
	skel->rodata->min_ns = o->min_ms * 1000000ULL;
	skel->rodata->target_tgid = (__u32)o->pid;
	skel->rodata->self_tgid = (__u32)getpid();
	skel->rodata->fs_magic = o->magic;
	SET_RW_SYSCALL_NUMBERS(skel->rodata);
	skel->rodata->nr_fsync = __NR_fsync;
	skel->rodata->nr_fdatasync = __NR_fdatasync;
	skel->rodata->nr_openat = __NR_openat;
	skel->rodata->nr_close = __NR_close;
	err = load_and_attach(TOOL, skel->skeleton);
	if (err) {
		fsslower_tp_bpf__destroy(skel);
		return NULL;
	}
	return skel;
}

int main(int argc, char **argv)
{
	struct options o;
	struct fsslower_tp_bpf *skel;
	struct ring_buffer *rb;
	__u64 deadline;
	int status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	o = parse_options(argc, argv);
	quiet_libbpf_output();
	if (install_stop_handlers() != 0) {
		fprintf(stderr, "%s: cannot install the SIGINT/SIGTERM handlers: %s\n", TOOL, strerror(errno));
		return 1;
	}
	skel = start_tracing(&o);
	if (!skel)
		return 1;
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), print_event, NULL, NULL);
	if (!rb) {
		fprintf(stderr, "%s: failed to open the ring buffer: %s\n", TOOL, strerror(errno));
		fsslower_tp_bpf__destroy(skel);
		return 1;
	}

	print_banner(o.fs, o.min_ms, o.seconds);
	deadline = monotonic_now_ns() + o.seconds * 1000000000ULL;
	while (!stop_requested) {
		__u64 now = monotonic_now_ns();
		int wait_ms = POLL_MS, err;

		if (o.seconds > 0 && now >= deadline)
			break;
		if (o.seconds > 0 && deadline - now < (__u64)POLL_MS * 1000000ULL)
			wait_ms = (int)((deadline - now + 999999) / 1000000);
		err = ring_buffer__poll(rb, wait_ms);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "%s: reading the ring buffer failed: %s\n", TOOL, strerror(-err));
			status = 1;
			break;
		}
	}
	ring_buffer__consume(rb);
	if (skel->bss->lost > 0)
		printf("Lost %llu events\n", skel->bss->lost);
	ring_buffer__free(rb);
	fsslower_tp_bpf__destroy(skel);
	return status;
}
