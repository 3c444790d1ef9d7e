#!/usr/bin/env bash
# cpu-bursts.sh SECONDS
# CPU-contention workload for fixture captures: 4 "burst-hog" processes that spin
# ~20 ms then sleep ~10 ms (about 2.7 CPUs of demand on a 2-CPU box), plus one
# "latency-probe" that sleeps ~1.5 ms and wakes, so it queues behind the hogs.
# The comm names are set through perl's $0 (prctl PR_SET_NAME on Linux), so
# runqslower/runqlat -P show them. Every process started here is killed by pid on exit.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
  echo "usage: $0 SECONDS" >&2
  exit 2
fi
seconds=$1

# shellcheck source=scripts/capture/workload-lib.sh
source "$(dirname "$0")/workload-lib.sh"

# Spin BUSY_MS, sleep IDLE_MS, repeat.
hog='
use Time::HiRes qw(time usleep);
$0 = "burst-hog";
my ($busy, $idle) = (0.020, 10_000);
while (1) {
  my $end = time + $busy;
  my $x = 0;
  while (time < $end) { $x++ for 1 .. 200 }
  usleep($idle);
}'

# Wake every ~1.5 ms and do almost nothing.
probe='
use Time::HiRes qw(usleep);
$0 = "latency-probe";
while (1) { usleep(1500) }'

for _ in 1 2 3 4; do
  perl -e "$hog" &
  pids+=("$!")
done
perl -e "$probe" &
pids+=("$!")

# Sleep in the background and wait for it, so a TERM/INT is handled at once.
sleep "$seconds" &
pids+=("$!")
wait "$!"
