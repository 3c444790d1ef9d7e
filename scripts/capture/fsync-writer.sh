#!/usr/bin/env bash
# fsync-writer.sh [--sync DIR] SECONDS [BLOCK_KB]
# fsync-heavy workload for the fsslower fixtures: a python3 process named
# "fsync-writer" appends BLOCK_KB (default 64) of random data to a temp file in
# /var/tmp and fsync()s it, in a loop, for SECONDS seconds; every 50 writes it
# closes the file, reopens it with openat(2) and reads the first MiB back with
# pread(2) after posix_fadvise(DONTNEED) (so the read goes to the disk), and every
# 25 writes it calls fdatasync() instead of fsync(). The file is truncated when it
# reaches 64 MiB. With --sync DIR the writer, once started, writes its pid to
# DIR/prepared (so a tracer can filter on it) and waits for DIR/go before its first
# write. Every process started here is killed by pid on exit and the temp file is
# removed.
set -euo pipefail

usage() {
  echo "usage: $0 [--sync DIR] SECONDS [BLOCK_KB]" >&2
  exit 2
}

sync_dir=
if [[ $# -gt 0 && $1 == --sync ]]; then
  [[ $# -ge 2 ]] || usage
  sync_dir=$2
  shift 2
fi
[[ $# -ge 1 && $# -le 2 && $1 =~ ^[0-9]+$ && $1 -ge 1 ]] || usage
seconds=$1
block_kb=${2:-64}
[[ $block_kb =~ ^[0-9]+$ && $block_kb -ge 1 && $block_kb -le 4096 ]] || usage
file=$(mktemp /var/tmp/bpftriage-fsync.XXXXXX)

# shellcheck source=scripts/capture/workload-lib.sh
source "$(dirname "$0")/workload-lib.sh"
temps+=("$file")

writer='
import os, sys, time
with open("/proc/self/comm", "w") as comm:
    comm.write("fsync-writer")
path, seconds, block, sync_dir = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]) * 1024, sys.argv[4]
data = os.urandom(block)
if sync_dir:
    with open(sync_dir + "/prepared.tmp", "w") as ready:
        ready.write("%d\n" % os.getpid())
    os.rename(sync_dir + "/prepared.tmp", sync_dir + "/prepared")
    while not os.path.exists(sync_dir + "/go"):
        time.sleep(0.1)
fd = os.open(path, os.O_WRONLY | os.O_APPEND)
end = time.monotonic() + seconds
n = 0
while time.monotonic() < end:
    os.write(fd, data)
    n += 1
    if n % 25 == 0:
        os.fdatasync(fd)
    else:
        os.fsync(fd)
    if n % 50 == 0:
        os.close(fd)
        rfd = os.open(path, os.O_RDONLY)
        os.posix_fadvise(rfd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.pread(rfd, 1 << 20, 0)
        os.close(rfd)
        if os.stat(path).st_size >= 64 << 20:
            os.truncate(path, 0)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    time.sleep(0.005)
os.close(fd)'

python3 -c "$writer" "$file" "$seconds" "$block_kb" "$sync_dir" &
pids+=("$!")
wait "$!"
