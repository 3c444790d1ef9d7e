#!/usr/bin/env bash
# cpu-neighbour.sh SECONDS [--shippers N] [--busy-ms MS] [--idle-ms MS] [--wake-us US]
# cpu-neighbour.sh --cleanup
# Fault: a noisy CPU neighbour. N "log-shipper" processes (default 4) spin BUSY_MS
# (20) then sleep IDLE_MS (10), i.e. about 2.7 CPUs of demand on a 2-CPU box, next to
# one latency-sensitive "checkout-api" that sleeps WAKE_US (1500 us) and wakes, so
# its wake-ups wait on the run queue behind the shippers (runqlat ms tail,
# runqslower shows checkout-api preempted by log-shipper).
# Prints "ready: ..." once the processes run; everything is stopped by pid on exit.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS [--shippers N] [--busy-ms MS] [--idle-ms MS] [--wake-us US] | --cleanup" >&2
}

scn_init cpu-neighbour "$@"
shippers=4 busy_ms=20 idle_ms=10 wake_us=1500
set -- "${SCN_ARGS[@]}"
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { scn_usage; exit 2; }
  case $1 in
    --shippers) shippers=$(scn_int "$1" "$2" 1 64) ;;
    --busy-ms) busy_ms=$(scn_int "$1" "$2" 1 10000) ;;
    --idle-ms) idle_ms=$(scn_int "$1" "$2" 0 10000) ;;
    --wake-us) wake_us=$(scn_int "$1" "$2" 100 1000000) ;;
    *) scn_usage; exit 2 ;;
  esac
  shift 2
done

scn_begin

# Spin BUSY_MS, sleep IDLE_MS, repeat; $0 sets the comm (prctl PR_SET_NAME).
shipper='
use Time::HiRes qw(time usleep);
$0 = "log-shipper";
my ($busy, $idle) = ($ARGV[0] / 1000, $ARGV[1] * 1000);
while (1) {
  my $end = time + $busy;
  my $x = 0;
  while (time < $end) { $x++ for 1 .. 200 }
  usleep($idle) if $idle > 0;
}'

# Wake every WAKE_US and do almost nothing: a request-serving thread.
api='
use Time::HiRes qw(usleep);
$0 = "checkout-api";
my $wake = $ARGV[0];
while (1) { usleep($wake) }'

pids=()
for ((i = 0; i < shippers; i++)); do
  perl -e "$shipper" "$busy_ms" "$idle_ms" </dev/null >/dev/null 2>>"$SCN_LOG" &
  scn_track "$!"
  pids+=("$!")
done
perl -e "$api" "$wake_us" </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
api_pid=$!

sleep 0.3
scn_check_alive "${pids[@]}" "$api_pid"
scn_ready "cpu-neighbour log-shipper x$shippers (${busy_ms} ms busy/${idle_ms} ms idle, pids ${pids[*]}) next to checkout-api (pid $api_pid, wakes every ${wake_us} us)"
scn_hold
