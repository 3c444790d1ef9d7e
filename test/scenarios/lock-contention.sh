#!/usr/bin/env bash
# lock-contention.sh SECONDS [--threads N] [--hold-ms MS] [--busy-ms MS]
# lock-contention.sh --cleanup
# Fault: threads serialised on one lock. One python3 process "lock-contender" runs
# N worker threads (default 8), each also named "lock-contender" (prctl
# PR_SET_NAME through ctypes), that loop: take one shared threading.Lock, spin
# BUSY_MS (1) and sleep HOLD_MS (5) while holding it, release. With N threads each
# waits about (N-1) x (BUSY_MS + HOLD_MS) per turn blocked in futex_wait, so
# offcputime shows the process's threads off-CPU mostly in futex stacks (the holder
# in clock_nanosleep).
# Prints "ready: ..." with the pid once all threads run; stopped by pid on exit.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS [--threads N] [--hold-ms MS] [--busy-ms MS] | --cleanup" >&2
}

scn_init lock-contention "$@"
threads=8 hold_ms=5 busy_ms=1
set -- "${SCN_ARGS[@]}"
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { scn_usage; exit 2; }
  case $1 in
    --threads) threads=$(scn_int "$1" "$2" 2 256) ;;
    --hold-ms) hold_ms=$(scn_int "$1" "$2" 0 10000) ;;
    --busy-ms) busy_ms=$(scn_int "$1" "$2" 0 10000) ;;
    *) scn_usage; exit 2 ;;
  esac
  shift 2
done
python=$(scn_python)

scn_begin

# Every thread (and the main one) renames itself, so the comm seen by the tracers
# is lock-contender for all of them. SIGTERM keeps its default action (exit).
contender='
import ctypes, sys, threading, time
libc = ctypes.CDLL(None, use_errno=True)
def name_me():
    libc.prctl(15, b"lock-contender", 0, 0, 0)
threads, hold, busy = int(sys.argv[1]), int(sys.argv[2]) / 1000, int(sys.argv[3]) / 1000
lock = threading.Lock()
def work():
    name_me()
    while True:
        with lock:
            end = time.monotonic() + busy
            while time.monotonic() < end:
                pass
            if hold:
                time.sleep(hold)
name_me()
for _ in range(threads):
    threading.Thread(target=work, daemon=True).start()
while True:
    time.sleep(3600)
'

"$python" -c "$contender" "$threads" "$hold_ms" "$busy_ms" </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
pid=$!

# Ready once all worker threads exist.
for ((i = 0; i < 50; i++)); do
  scn_check_alive "$pid"
  n=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  ((n >= threads + 1)) && break
  sleep 0.1
done
((n >= threads + 1)) || scn_die "only $n of $((threads + 1)) threads of lock-contender started"
scn_ready "lock-contention lock-contender (pid $pid) $threads threads on one lock (${busy_ms} ms busy + ${hold_ms} ms sleep held)"
scn_hold
