#!/usr/bin/env bash
# direct-io.sh SECONDS
# Block-I/O workload for fixture captures: one writer and one reader doing 4 KiB
# O_DIRECT I/O (dd oflag=direct / iflag=direct) on a 64 MiB temp file on the root
# file system, so every request reaches the block layer and biolatency sees
# thousands of I/Os. Processes started here are killed by pid and the temp files
# removed on exit.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
  echo "usage: $0 SECONDS" >&2
  exit 2
fi
seconds=$1
wfile=$(mktemp /var/tmp/bpftriage-dio-w.XXXXXX)
rfile=$(mktemp /var/tmp/bpftriage-dio-r.XXXXXX)

# shellcheck source=scripts/capture/workload-lib.sh
source "$(dirname "$0")/workload-lib.sh"
temps+=("$wfile" "$rfile")

# Read source: 64 MiB written once and flushed, so reads come from the disk.
dd if=/dev/zero of="$rfile" bs=1M count=64 oflag=direct status=none

# Writer: rewrite the same 64 MiB in 4 KiB direct writes, forever.
# Each loop runs dd in the background and waits for it, so that on TERM the loop
# can kill exactly the dd it started before exiting.
(
  dd_pid=
  trap '[[ -n $dd_pid ]] && { kill "$dd_pid" 2>/dev/null; wait "$dd_pid" 2>/dev/null; }; exit 0' TERM
  while :; do
    dd if=/dev/zero of="$wfile" bs=4k count=16384 oflag=direct conv=notrunc status=none &
    dd_pid=$!
    wait "$dd_pid"
  done
) &
pids+=("$!")

# Reader: read the 64 MiB in 4 KiB direct reads, forever.
(
  dd_pid=
  trap '[[ -n $dd_pid ]] && { kill "$dd_pid" 2>/dev/null; wait "$dd_pid" 2>/dev/null; }; exit 0' TERM
  while :; do
    dd if="$rfile" of=/dev/null bs=4k iflag=direct status=none &
    dd_pid=$!
    wait "$dd_pid"
  done
) &
pids+=("$!")

# Sleep in the background and wait for it, so a TERM/INT is handled at once.
sleep "$seconds" &
pids+=("$!")
wait "$!"
