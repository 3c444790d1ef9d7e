#!/usr/bin/env bash
# cache-thrash.sh SECONDS [--size-mb MB] [--limit-mb MB] [--rate-mb MB] [--dir DIR]
#                         [--no-drop-caches]
# cache-thrash.sh --cleanup
# Fault: page-cache thrash. Writes a SIZE_MB (512) file of zeros to DIR (/var/tmp)
# and flushes it, drops the page cache (sync; echo 3 > /proc/sys/vm/drop_caches,
# unless --no-drop-caches), then a perl "cache-reader" inside a memory cgroup limited
# to LIMIT_MB (128; v1 memory.limit_in_bytes or v2 memory.max) reads the file from
# start to end with read(2) in 1 MiB calls, again and again, as fast as it can or at
# RATE_MB MiB/s (default 0 = unpaced: ~1 GB/s from vda here). The file never fits, so
# every pass misses: high filemap:mm_filemap_add_to_page_cache rates for
# cache-reader, disk reads on the backing disk, and a growing
# workingset_refault_file in /proc/vmstat (pages read back soon after eviction).
# Prints "ready: ..." once the cgroup is at its limit. On exit the reader is stopped
# by pid, the cgroup removed and the file deleted. (drop_caches is a one-shot
# action, not a setting: nothing to restore.)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS [--size-mb MB] [--limit-mb MB] [--rate-mb MB] [--dir DIR] [--no-drop-caches] | --cleanup" >&2
}

scn_init cache-thrash "$@"
size_mb=512 limit_mb=128 rate_mb=0 dir=/var/tmp drop=1
set -- "${SCN_ARGS[@]}"
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-drop-caches) drop=0; shift; continue ;;
  esac
  [[ $# -ge 2 ]] || { scn_usage; exit 2; }
  case $1 in
    --size-mb) size_mb=$(scn_int "$1" "$2" 16 8192) ;;
    --limit-mb) limit_mb=$(scn_int "$1" "$2" 16 65536) ;;
    --rate-mb) rate_mb=$(scn_int "$1" "$2" 0 100000) ;;
    --dir) dir=$2 ;;
    *) scn_usage; exit 2 ;;
  esac
  shift 2
done
[[ -d $dir ]] || scn_die "--dir $dir is not a directory"
((size_mb >= 2 * limit_mb)) || scn_die "--size-mb ($size_mb) must be at least twice --limit-mb ($limit_mb) to thrash"

work=$dir/$SCN_TAG
file=$work/data.bin
SCN_CGROUPS=(memory)
SCN_PATHS=("$work")

scn_begin

mkdir -m 700 "$work"
dd if=/dev/zero of="$file" bs=1M count="$size_mb" conv=fsync status=none
if ((drop)); then
  sync
  echo 3 >/proc/sys/vm/drop_caches
fi

cg=$(scn_cgroup_create memory)
limit=$((limit_mb * 1024 * 1024))
if scn_cgroup_is_v2 "$cg"; then
  usage_file=$cg/memory.current
  echo "$limit" >"$cg/memory.max"
else
  usage_file=$cg/memory.usage_in_bytes
  echo "$limit" >"$cg/memory.limit_in_bytes"
fi

# Read the file end to end with read(2) in 1 MiB calls, forever, paced to RATE MiB/s
# when RATE > 0; $0 sets the comm.
reader='
use Time::HiRes qw(time sleep);
$0 = "cache-reader";
my ($path, $rate) = @ARGV;
my $step = $rate > 0 ? 1 / $rate : 0;
my $next = time;
my ($buf, $n);
while (1) {
  open(my $fh, "<", $path) or die "open $path: $!";
  while (($n = sysread($fh, $buf, 1 << 20)) > 0) {
    next unless $step;
    $next += $step;
    my $now = time;
    if ($next > $now) { sleep($next - $now) } elsif ($now - $next > 1) { $next = $now }
  }
  die "read $path: $!" unless defined $n;
  close($fh);
}'

refault_before=$(awk '$1 == "workingset_refault_file" {print $2}' /proc/vmstat)
(
  scn_cgroup_join "$cg"
  exec perl -e "$reader" "$file" "$rate_mb"
) </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
reader_pid=$!

# Ready once the reader has filled its cgroup (from then on every new page evicts one).
for ((i = 0; i < 100; i++)); do
  scn_check_alive "$reader_pid"
  (($(cat "$usage_file") >= limit * 9 / 10)) && break
  sleep 0.1
done
scn_ready "cache-thrash cache-reader (pid $reader_pid) re-reads $file (${size_mb} MiB) in a ${limit_mb} MiB memory cgroup (workingset_refault_file was $refault_before)"
scn_hold
