#!/usr/bin/env bash
# run-all-check.sh [--seconds N] [--modes LIST] [SCENARIO...]
# Runs each scenario (default: all six) back to back and checks, after each run, that
# nothing is left behind: no process with the scenario's culprit names, no loop
# device backed by a bpftriage-scn- file, no bpftriage-scn- mount, cgroup, temp file
# or state file. Modes (comma-separated, default normal,int,term,kill):
#   normal  run for N seconds (default 10); expect "ready:" and exit 0
#   int     start, wait for "ready:", SIGINT after 3 s; expect exit 130
#   term    the same with SIGTERM; expect exit 143
#   kill    SIGKILL after 3 s (leaves debris on purpose), then run the scenario again
#           for 2 s: it must clean the debris first and exit 0
# Prints one PASS/FAIL line per scenario and mode; exits 1 if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seconds=10
modes=normal,int,term,kill
all=(healthy cpu-neighbour slow-device cache-thrash lock-contention exec-storm)
selected=()

usage() {
  echo "usage: $0 [--seconds N] [--modes normal,int,term,kill] [SCENARIO...]" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) [[ ${2:-} =~ ^[0-9]+$ ]] || usage; seconds=$2; shift 2 ;;
    --modes) [[ -n ${2:-} ]] || usage; modes=$2; shift 2 ;;
    -*) usage ;;
    *) selected+=("$1"); shift ;;
  esac
done
[[ ${#selected[@]} -gt 0 ]] || selected=("${all[@]}")
[[ $(id -u) -eq 0 ]] || { echo "run-all-check: must run as root" >&2; exit 1; }

# Job control: a background job of a non-interactive shell starts with SIGINT
# ignored (and a shell cannot trap a signal ignored at entry), which would make the
# SIGINT check meaningless. With -m each scenario runs in its own process group and
# receives SIGINT like a program started from a terminal.
set -m

# The comm names each scenario's processes carry.
culprits() {
  case $1 in
    healthy) echo "idle-worker" ;;
    cpu-neighbour) echo "log-shipper checkout-api" ;;
    slow-device) echo "slow-writer fast-writer" ;;
    cache-thrash) echo "cache-reader" ;;
    lock-contention) echo "lock-contender" ;;
    exec-storm) echo "spawn-storm" ;;
  esac
}

tmp=$(mktemp -d /tmp/run-all-check.XXXXXX)
active=
cleanup_checker() {
  if [[ -n $active ]] && kill -0 "$active" 2>/dev/null; then
    kill -TERM "$active" 2>/dev/null || true
    wait "$active" 2>/dev/null || true
  fi
  rm -rf -- "$tmp"
}
trap cleanup_checker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# leftovers NAME: print what the scenario left behind (nothing when clean).
leftovers() {
  local name=$1 comm found
  for comm in $(culprits "$name"); do
    found=$(ps -eo pid=,comm= | awk -v c="$comm" '$2 == c {print $1}' | tr '\n' ' ')
    [[ -n $found ]] && echo "process $comm: $found"
  done
  losetup -n -l -O NAME,BACK-FILE 2>/dev/null | awk '/bpftriage-scn-/ {print "loop device: " $0}'
  awk '$2 ~ /bpftriage-scn-/ {print "mount: " $2}' /proc/mounts
  find /sys/fs/cgroup -maxdepth 2 -name 'bpftriage-scn-*' -type d 2>/dev/null | sed 's/^/cgroup: /'
  find /var/tmp /tmp /mnt -maxdepth 1 -name 'bpftriage-scn-*' 2>/dev/null | sed 's/^/path: /'
  find /run/bpftriage-scn -maxdepth 1 -name "$name*" 2>/dev/null | sed 's/^/state: /'
  return 0
}

# wait_ready OUT PID: wait up to 90 s for the ready line.
wait_ready() {
  local out=$1 pid=$2 i
  for ((i = 0; i < 900; i++)); do
    grep -q '^ready: ' "$out" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

failures=0
report() {
  local verdict=$1 name=$2 mode=$3 detail=$4
  printf '%s %-16s %-6s %s\n' "$verdict" "$name" "$mode" "$detail"
  [[ $verdict == PASS ]] || failures=$((failures + 1))
}

# check_after NAME MODE RC WANT_RC OUT START
check_after() {
  local name=$1 mode=$2 rc=$3 want=$4 out=$5 start=$6 left elapsed
  elapsed=$((SECONDS - start))
  left=$(leftovers "$name")
  if [[ $rc -ne $want ]]; then
    report FAIL "$name" "$mode" "exit $rc, expected $want; stderr: $(tail -n 3 "$out.err" | tr '\n' ' ')"
  elif ! grep -q '^ready: ' "$out"; then
    report FAIL "$name" "$mode" "no ready line on stdout"
  elif [[ $(grep -vc '^ready: ' "$out") -ne 0 ]]; then
    report FAIL "$name" "$mode" "stdout has more than the ready line"
  elif [[ -n $left ]]; then
    report FAIL "$name" "$mode" "left behind: $(echo "$left" | tr '\n' ';')"
  else
    report PASS "$name" "$mode" "exit $rc in ${elapsed}s, nothing left behind"
  fi
}

run_normal() {
  local name=$1 out=$tmp/$1.normal rc=0 start=$SECONDS
  "$here/$name.sh" "$seconds" >"$out" 2>"$out.err" &
  active=$!
  wait "$active" || rc=$?
  active=
  check_after "$name" normal "$rc" 0 "$out" "$start"
}

run_signal() {
  local name=$1 mode=$2 sig want out=$tmp/$1.$2 rc=0 start=$SECONDS
  case $mode in
    int) sig=INT want=130 ;;
    term) sig=TERM want=143 ;;
  esac
  "$here/$name.sh" 300 >"$out" 2>"$out.err" &
  active=$!
  if ! wait_ready "$out" "$active"; then
    wait "$active" || rc=$?
    active=
    report FAIL "$name" "$mode" "never ready (exit $rc): $(tail -n 3 "$out.err" | tr '\n' ' ')"
    return
  fi
  sleep 3
  kill -"$sig" "$active"
  wait "$active" || rc=$?
  active=
  check_after "$name" "$mode" "$rc" "$want" "$out" "$start"
}

run_kill() {
  local name=$1 out=$tmp/$1.kill rc=0 start=$SECONDS debris
  "$here/$name.sh" 300 >"$out" 2>"$out.err" &
  active=$!
  if ! wait_ready "$out" "$active"; then
    wait "$active" || rc=$?
    active=
    report FAIL "$name" kill "never ready (exit $rc): $(tail -n 3 "$out.err" | tr '\n' ' ')"
    return
  fi
  sleep 3
  kill -KILL "$active"
  wait "$active" 2>/dev/null || true
  active=
  debris=$(leftovers "$name" | wc -l)
  # The next run must clean the debris of the killed one before it starts.
  "$here/$name.sh" 2 >"$out" 2>"$out.err" &
  active=$!
  wait "$active" || rc=$?
  active=
  if [[ $rc -eq 0 ]] && ! grep -q 'cleaning up after an earlier run' "$out.err"; then
    report FAIL "$name" kill "the run after SIGKILL did not notice the earlier run"
    return
  fi
  check_after "$name" kill "$rc" 0 "$out" "$start"
  [[ $debris -gt 0 ]] || echo "note: $name left no debris after SIGKILL (nothing to clean)" >&2
}

for name in "${selected[@]}"; do
  [[ -x $here/$name.sh ]] || { report FAIL "$name" - "no such scenario"; continue; }
  before=$(leftovers "$name")
  if [[ -n $before ]]; then
    report FAIL "$name" - "debris before the check: $(echo "$before" | tr '\n' ';')"
    continue
  fi
  IFS=, read -r -a mode_list <<<"$modes"
  for mode in "${mode_list[@]}"; do
    case $mode in
      normal) run_normal "$name" ;;
      int | term) run_signal "$name" "$mode" ;;
      kill) run_kill "$name" ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
  done
done

if ((failures)); then
  echo "run-all-check: $failures check(s) failed" >&2
  exit 1
fi
echo "run-all-check: all checks passed"
