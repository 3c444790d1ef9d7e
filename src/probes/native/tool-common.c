/*
 * tool-common.c  User-space helpers shared by cachestat-tp.c and fsslower-tp.c (see tool-common.h).
 */
#include "tool-common.h"

#include <bpf/libbpf.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t stop_requested = 0;

/* Only sets the flag: the main loop prints and cleans up outside the signal handler. */
static void request_stop(int signo)
{
	(void)signo;
	stop_requested = 1;
}

int install_stop_handlers(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = request_stop;
	sigemptyset(&action.sa_mask);
	if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0)
		return -errno;
	return 0;
}

void usage_error(const char *tool, const char *usage, const char *what, const char *received)
{
	fprintf(stderr, "%s: expected %s, received %s\nusage: %s\n", tool, what, received, usage);
	exit(EXIT_USAGE);
}

unsigned long long parse_count_arg(const char *tool, const char *usage, char **argv, int index, const char *what,
				   unsigned long long max, bool hex_ok)
{
	const char *text = argv[index];
	bool hex = hex_ok && (strncmp(text, "0x", 2) == 0 || strncmp(text, "0X", 2) == 0);
	const char *digits = hex ? text + 2 : text;
	unsigned long long value;
	char expected[160], received[96];
	char *end;

	errno = 0;
	value = strtoull(digits, &end, hex ? 16 : 10);
	/* strtoull alone would accept leading spaces, signs and an empty string. */
	bool starts_with_digit = hex ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits);

	if (starts_with_digit && *end == '\0' && errno == 0 && value <= max)
		return value;
	snprintf(expected, sizeof(expected), "%s (0 to %llu) as argument %d", what, max, index);
	snprintf(received, sizeof(received), "'%.64s'", text);
	usage_error(tool, usage, expected, received);
	return 0;
}

int load_and_attach(const char *tool, struct bpf_object_skeleton *skeleton)
{
	int err = bpf_object__load_skeleton(skeleton);

	if (err) {
		fprintf(stderr, "%s: failed to load the BPF programs (kernel BTF and root needed): %s\n", tool, strerror(-err));
		return err;
	}
	err = bpf_object__attach_skeleton(skeleton);
	if (err)
		fprintf(stderr, "%s: failed to attach to the tracepoints: %s\n", tool, strerror(-err));
	return err;
}

/* libbpf's print callback: warnings only, so a normal run writes nothing on stderr. */
static int print_warnings(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level != LIBBPF_WARN)
		return 0;
	fputs("libbpf: ", stderr);
	return vfprintf(stderr, format, args);
}

void quiet_libbpf_output(void)
{
	libbpf_set_print(print_warnings);
}

bool tracepoint_exists(const char *category, const char *event)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[256];

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		snprintf(path, sizeof(path), "%s/events/%s/%s", roots[i], category, event);
		if (access(path, F_OK) == 0)
			return true;
	}
	return false;
}

/* Nanoseconds of one clock now. */
static __u64 clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec;
}

__u64 monotonic_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

void format_monotonic_hms(__u64 monotonic_ns, char out[9])
{
	__u64 realtime = clock_ns(CLOCK_REALTIME), monotonic = monotonic_now_ns();
	time_t wall = (time_t)((realtime - (monotonic - monotonic_ns)) / 1000000000ULL);
	struct tm local;

	localtime_r(&wall, &local);
	strftime(out, 9, "%H:%M:%S", &local);
}
