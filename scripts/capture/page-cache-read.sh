#!/usr/bin/env bash
# page-cache-read.sh [--cold] [--sync DIR] SIZE_MB PASSES
# Page-cache workload for the cachestat fixtures: writes a SIZE_MB file of random
# data to /var/tmp and flushes it, then (with --cold) drops the page cache
# (echo 3 > /proc/sys/vm/drop_caches, root only) or (without it) reads the file
# once to warm the cache, and then reads it PASSES times with read(2) in 1 MiB
# calls, one second apart, from a perl process named "pagecache-read".
# With --sync DIR it creates DIR/prepared once the file is ready and the cache is
# in the wanted state, and waits for DIR/go before reading, so a tracer can be
# started in between. Every process started here is killed by pid on exit and the
# temp file is removed. SIZE_MB is capped at 900 (temp files stay under 1 GB).
set -euo pipefail

usage() {
  echo "usage: $0 [--cold] [--sync DIR] SIZE_MB PASSES" >&2
  exit 2
}

cold=0
sync_dir=
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --cold) cold=1; shift ;;
    --sync) [[ $# -ge 2 ]] || usage; sync_dir=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $# -eq 2 && $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $1 -ge 1 && $1 -le 900 && $2 -ge 1 ]] || usage
size_mb=$1
passes=$2
file=$(mktemp /var/tmp/bpftriage-pagecache.XXXXXX)

# shellcheck source=scripts/capture/workload-lib.sh
source "$(dirname "$0")/workload-lib.sh"
temps+=("$file")

# run_bg CMD...: start CMD in the background, remember its pid, wait for it.
run_bg() {
  "$@" &
  pids+=("$!")
  wait "$!"
}

# Reads the file once with read(2) in 1 MiB calls; $0 sets the comm the tracers show.
reader='
$0 = "pagecache-read";
open(my $fh, "<", $ARGV[0]) or die "open $ARGV[0]: $!";
my ($buf, $n, $total) = ("", 0, 0);
while (($n = sysread($fh, $buf, 1 << 20)) > 0) { $total += $n }
die "read $ARGV[0]: $!" unless defined $n;
close($fh);'

run_bg dd if=/dev/urandom of="$file" bs=1M count="$size_mb" conv=fsync status=none
if [[ $cold -eq 1 ]]; then
  sync
  echo 3 >/proc/sys/vm/drop_caches
else
  run_bg perl -e "$reader" "$file"
fi

if [[ -n $sync_dir ]]; then
  : >"$sync_dir/prepared"
  while [[ ! -e $sync_dir/go ]]; do
    sleep 0.1
  done
fi

for ((pass = 1; pass <= passes; pass++)); do
  [[ $pass -gt 1 ]] && run_bg sleep 1
  run_bg perl -e "$reader" "$file"
done
