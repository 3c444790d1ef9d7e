#!/usr/bin/env bash
# healthy.sh SECONDS
# healthy.sh --cleanup
# No fault: a light, steady background (one "idle-worker" that wakes every 100 ms and
# does almost nothing) for SECONDS, so tests can treat every scenario alike. Prints
# "ready: healthy"; the process is stopped by pid on exit.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS | --cleanup" >&2
}

scn_init healthy "$@"
[[ ${#SCN_ARGS[@]} -eq 0 ]] || { scn_usage; exit 2; }

scn_begin

worker='
use Time::HiRes qw(usleep);
$0 = "idle-worker";
while (1) { usleep(100_000) }'

perl -e "$worker" </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
worker_pid=$!

sleep 0.2
scn_check_alive "$worker_pid"
scn_ready healthy
scn_hold
