#!/usr/bin/env bash
# capture.sh [OUTDIR [DIR/NAME ...]]
# Re-creates the libbpf-tools fixtures under OUTDIR (default: fixtures/ of this
# repository), all of them or only the named ones (e.g. biolatency/quiet-1s):
# runs each tool under a workload from this folder (or on a quiet box) and
# writes the tool's stdout byte for byte to OUTDIR/<tool>/<name>.txt.
# stderr goes to <name>.stderr only when non-empty. The exit status of every
# capture is printed to this script's stdout as a tab-separated line
#   name <TAB> exit-status <TAB> workload <TAB> command <TAB> start-time <TAB> loadavg
# for the folder READMEs. Needs root, libbpf-tools (runqlat, runqslower, biolatency).
# Self-terminating tools run under a 30 s guard timeout (never reached in a good run);
# runqslower is stopped with SIGINT after 5 s (timeout --preserve-status, so the
# status recorded is runqslower's own).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../fixtures}
mkdir -p "$out"
out=$(cd "$out" && pwd)
selected=("${@:2}")

workload_pid=
errfile=$(mktemp /tmp/bpftriage-capture-err.XXXXXX)
# shellcheck source=scripts/capture/driver-lib.sh
source "$here/driver-lib.sh"

cleanup() {
  if [[ -n $workload_pid ]]; then
    kill "$workload_pid" 2>/dev/null || true
    wait "$workload_pid" 2>/dev/null || true
    workload_pid=
  fi
  rm -f -- "$errfile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in runqlat runqslower biolatency; do
  command -v "$tool" >/dev/null || { echo "capture.sh: $tool not found" >&2; exit 1; }
done


# start_workload SCRIPT WARMUP_SECONDS: run a workload for up to 120 s, let it settle.
start_workload() {
  "$here/$1" 120 &
  workload_pid=$!
  sleep "$2"
}

stop_workload() {
  if [[ -n $workload_pid ]]; then
    kill "$workload_pid" 2>/dev/null || true
    wait "$workload_pid" 2>/dev/null || true
    workload_pid=
  fi
  sleep 2
}


# Quiet box first, before any workload has run.
capture runqlat quiet none exit runqlat 5 1
capture runqslower quiet none sigint:5 runqslower -P 2000
capture biolatency quiet none exit biolatency 5 1
# 1 s without any block I/O: the all-zero case (banner and one empty line). Needs
# a box with no I/O in that second; re-run "capture.sh OUT biolatency/quiet-1s" if not.
capture biolatency quiet-1s none exit biolatency 1 1

# CPU bursts: 4 burst-hog spinners + latency-probe on 2 CPUs.
for spec in \
  "runqlat cpu-bursts exit runqlat 5 1" \
  "runqlat cpu-bursts-msecs exit runqlat -m 5 1" \
  "runqlat interval-timestamps exit runqlat -T 1 5" \
  "runqlat per-pid exit runqlat -P 5 1" \
  "runqslower prev-task sigint:5 runqslower -P 2000" \
  "runqslower plain sigint:5 runqslower 2000"; do
  read -r -a words <<<"$spec"
  wanted "${words[0]}" "${words[1]}" || continue
  start_workload cpu-bursts.sh 1
  capture "${words[0]}" "${words[1]}" "cpu-bursts.sh 120" "${words[@]:2}"
  stop_workload
done

# Direct I/O: 4 KiB O_DIRECT writer + reader on the root file system (/dev/vda).
for spec in \
  "biolatency direct-io exit biolatency 5 1" \
  "biolatency per-disk exit biolatency -D 5 1" \
  "biolatency per-disk-intervals exit biolatency -D -T 1 3"; do
  read -r -a words <<<"$spec"
  wanted "${words[0]}" "${words[1]}" || continue
  start_workload direct-io.sh 2
  capture "${words[0]}" "${words[1]}" "direct-io.sh 120" "${words[@]:2}"
  stop_workload
done
