/*
 * tool-common.h  User-space helpers shared by bpftriage's native tracepoint tools
 *                (cachestat-tp.c, fsslower-tp.c): argv numbers with usage errors, the stop
 *                signals, libbpf's messages, tracefs lookups, wall-clock times, and the
 *                syscall numbers both tools pass to their BPF programs.
 */
#ifndef BPFTRIAGE_TOOL_COMMON_H
#define BPFTRIAGE_TOOL_COMMON_H

#include <asm/unistd.h>
#include <signal.h>
#include <stdbool.h>
#include <time.h>
#include <linux/types.h>

/* Exit status of a usage error (bad argv), as documented in each tool's header. */
#define EXIT_USAGE 2

/* Set by SIGINT and SIGTERM; the tools end their loop, print what a normal end prints and exit 0. */
extern volatile sig_atomic_t stop_requested;

/* Installs the SIGINT/SIGTERM handler without SA_RESTART, so a sleep or poll in progress returns EINTR. */
int install_stop_handlers(void);

/* Parses argv[index] as a whole decimal number in [0, max] (or 0x-prefixed hex when hex_ok); on bad input
 * prints "TOOL: expected WHAT as argument INDEX, received 'TEXT'" and the usage line, and exits EXIT_USAGE. */
unsigned long long parse_count_arg(const char *tool, const char *usage, char **argv, int index, const char *what,
				   unsigned long long max, bool hex_ok);

/* Prints "TOOL: expected WHAT, received RECEIVED" and the usage line to stderr, and exits EXIT_USAGE. */
void usage_error(const char *tool, const char *usage, const char *what, const char *received);

struct bpf_object_skeleton;

/* Loads and attaches a skeleton's programs (skel->skeleton), saying on stderr which step failed and why;
 * 0 or a negative errno. The caller destroys the skeleton either way when it fails. */
int load_and_attach(const char *tool, struct bpf_object_skeleton *skeleton);

/* Sends libbpf's warnings (not its info and debug lines) to stderr, prefixed "libbpf: ". */
void quiet_libbpf_output(void);

/* Whether tracefs (/sys/kernel/tracing or /sys/kernel/debug/tracing) has events/CATEGORY/EVENT. */
bool tracepoint_exists(const char *category, const char *event);

/* Writes the local wall-clock time HH:MM:SS of a CLOCK_MONOTONIC instant (bpf_ktime_get_ns) into out[9]. */
void format_monotonic_hms(__u64 monotonic_ns, char out[9]);

/* Nanoseconds of CLOCK_MONOTONIC now. */
__u64 monotonic_now_ns(void);

/* Copies this architecture's read- and write-family syscall numbers (<asm/unistd.h>) into a skeleton's
 * rodata, whose BPF side declares `const volatile long nr_read, ..., nr_pwritev2`. */
#define SET_RW_SYSCALL_NUMBERS(rodata)           \
	do {                                     \
		(rodata)->nr_read = __NR_read;       \
		(rodata)->nr_readv = __NR_readv;     \
		(rodata)->nr_pread64 = __NR_pread64; \
		(rodata)->nr_preadv = __NR_preadv;   \
		(rodata)->nr_preadv2 = __NR_preadv2; \
		(rodata)->nr_write = __NR_write;     \
		(rodata)->nr_writev = __NR_writev;   \
		(rodata)->nr_pwrite64 = __NR_pwrite64; \
		(rodata)->nr_pwritev = __NR_pwritev; \
		(rodata)->nr_pwritev2 = __NR_pwritev2; \
	} while (0)

#endif /* BPFTRIAGE_TOOL_COMMON_H */
