#!/usr/bin/env bash
# exec-storm.sh SECONDS [--rate N] [--program PATH]
# exec-storm.sh --cleanup
# Fault: process churn. One parent "spawn-storm" forks and execs a short-lived
# PROGRAM (default /bin/true) in a loop, about N per second (default 400; 0 = as
# fast as it can), waiting for each child, so execsnoop shows hundreds of execs per
# second all with the parent's pid as PPID.
# Prints "ready: ..." with the parent's pid; the parent is stopped by pid on exit
# (a child in flight is a /bin/true that exits by itself).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS [--rate N] [--program PATH] | --cleanup" >&2
}

scn_init exec-storm "$@"
rate=400 program=/bin/true
set -- "${SCN_ARGS[@]}"
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { scn_usage; exit 2; }
  case $1 in
    --rate) rate=$(scn_int "$1" "$2" 0 100000) ;;
    --program) program=$2 ;;
    *) scn_usage; exit 2 ;;
  esac
  shift 2
done
[[ -x $program ]] || scn_die "--program $program is not executable"

scn_begin

# Fork/exec PROGRAM RATE times a second (paced against a clock, not by sleeping a
# fixed time after each child), reaping every child.
storm='
use POSIX ();
use Time::HiRes qw(time sleep);
$0 = "spawn-storm";
my ($rate, $prog) = @ARGV;
my $step = $rate > 0 ? 1 / $rate : 0;
my $next = time;
while (1) {
  my $pid = fork;
  die "fork: $!" unless defined $pid;
  if ($pid == 0) {
    open(STDOUT, ">", "/dev/null");
    exec { $prog } $prog or POSIX::_exit(127);
  }
  waitpid($pid, 0);
  next unless $step;
  $next += $step;
  my $now = time;
  if ($next > $now) { sleep($next - $now) } elsif ($now - $next > 1) { $next = $now }
}'

perl -e "$storm" "$rate" "$program" </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
parent=$!

sleep 0.3
scn_check_alive "$parent"
scn_ready "exec-storm spawn-storm (pid $parent) execs $program at $( ((rate > 0)) && echo "${rate}/s" || echo "full speed")"
scn_hold
