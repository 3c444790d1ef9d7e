#!/usr/bin/env bash
# offcpu-mix.sh SECONDS
# Off-CPU workload for offcputime captures: one perl process named "offcpu-mix"
# that loops over three kinds of blocking: a 5 ms nanosleep, a 4 KiB write plus
# fsync of a temp file on the root file system (block I/O wait), and a 2 ms
# select() timeout. Its pid is printed on stdout first, so the capture can run
# `offcputime -p PID`. The process is killed by pid and the temp file removed on exit.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
  echo "usage: $0 SECONDS" >&2
  exit 2
fi
seconds=$1
file=$(mktemp /var/tmp/bpftriage-offcpu.XXXXXX)
pid=

cleanup() {
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f -- "$file"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mix='
use IO::Handle;
use Time::HiRes qw(usleep time);
$0 = "offcpu-mix";
my ($path, $seconds) = @ARGV;
open(my $fh, ">", $path) or die "open $path: $!";
my $end = time + $seconds;
while (time < $end) {
  usleep(5000);
  print $fh "x" x 4096;
  $fh->flush;
  $fh->sync;
  select(undef, undef, undef, 0.002);
}'

perl -e "$mix" "$file" "$seconds" &
pid=$!
echo "$pid"
wait "$pid" || true
pid=
