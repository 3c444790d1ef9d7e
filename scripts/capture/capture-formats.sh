#!/usr/bin/env bash
# capture-formats.sh [OUTDIR [DIR/NAME ...]]
# Captures the output formats of the tools added for issue 3 that run on this
# machine (libbpf-tools cpudist, offcputime, execsnoop; bpftrace execsnoop.bt,
# biolatency.bt, biosnoop.bt and scripts/capture/bt-hist-formats.bt) into
# OUTDIR/<dir>/<name>.txt (default OUTDIR: fixtures/ of this repository), all of
# them or only the named ones (e.g. cpudist/quiet). stdout is written byte for
# byte; stderr goes to <name>.stderr only when non-empty. It also runs the tools
# that fail here (runqlen, runqlen.bt, runqlat.bt, cachestat, ext4slower,
# fsslower, biosnoop, ext4dist, xfsdist) with their stdout and stderr sent to
# /tmp files, so the READMEs can quote the error.
# For every run it prints one tab-separated line for the folder READMEs:
#   name <TAB> exit-status <TAB> workload <TAB> command <TAB> start-time <TAB> loadavg
# Needs root, libbpf-tools and bpftrace, and tracefs at /sys/kernel/tracing
# (`mount -t tracefs nodev /sys/kernel/tracing` if it is not mounted: execsnoop
# and bpftrace need the syscalls tracepoints, which are looked up there).
# Tools that stop by themselves run under a 30 s guard timeout; the others are
# stopped with SIGINT after a few seconds (timeout --preserve-status, so the
# status recorded is the tool's own).
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
pidfile=$(mktemp /tmp/bpftriage-capture-pid.XXXXXX)

cleanup() {
  if [[ -n $workload_pid ]]; then
    kill "$workload_pid" 2>/dev/null || true
    wait "$workload_pid" 2>/dev/null || true
    workload_pid=
  fi
  rm -f -- "$errfile" "$pidfile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in cpudist offcputime execsnoop bpftrace setpriv; do
  command -v "$tool" >/dev/null || { echo "capture-formats.sh: $tool not found" >&2; exit 1; }
done
if [[ ! -d /sys/kernel/tracing/events ]]; then
  echo "capture-formats.sh: tracefs is not mounted at /sys/kernel/tracing" >&2
  exit 1
fi


# start_workload WARMUP_SECONDS CMD...: run a workload in the background, let it settle.
start_workload() {
  local warmup=$1
  shift
  "$@" >"$pidfile" &
  workload_pid=$!
  sleep "$warmup"
}

stop_workload() {
  if [[ -n $workload_pid ]]; then
    kill "$workload_pid" 2>/dev/null || true
    wait "$workload_pid" 2>/dev/null || true
    workload_pid=
  fi
  sleep 1
}


# try NAME CMD...: run a tool that is expected to fail here; its output goes to /tmp only.
try() {
  local name=$1 rc=0
  shift
  timeout --preserve-status -s INT -k 5 5 "$@" >"/tmp/bpftriage-fail-$name.stdout" 2>"/tmp/bpftriage-fail-$name.stderr" || rc=$?
  printf '%s\t%s\t-\t%s\t%s\t-\n' "/tmp/bpftriage-fail-$name" "$rc" "$*" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# Quiet box first.
capture cpudist quiet none exit cpudist 3 1

# CPU bursts: 4 burst-hog spinners + latency-probe (scripts/capture/cpu-bursts.sh).
for spec in \
  "cpudist cpu-bursts exit cpudist 3 1" \
  "cpudist per-pid exit cpudist -P 3 1" \
  "cpudist offcpu-msecs-intervals exit cpudist -O -m -T 1 3" \
  "bpftrace hist-formats sigint:3 bpftrace $here/bt-hist-formats.bt"; do
  read -r -a words <<<"$spec"
  wanted "${words[0]}" "${words[1]}" || continue
  start_workload 1 "$here/cpu-bursts.sh" 60
  capture "${words[0]}" "${words[1]}" "cpu-bursts.sh 60" "${words[@]:2}"
  stop_workload
done

# Off-CPU mix: one perl process sleeping, fsync-ing and waiting in select (offcpu-mix.sh).
if wanted offcputime offcpu-mix-pid; then
  start_workload 1 "$here/offcpu-mix.sh" 60
  capture offcputime offcpu-mix-pid "offcpu-mix.sh 60" exit offcputime -p "$(head -n1 "$pidfile")" 3
  stop_workload
fi
capture offcputime system-over-10ms none exit offcputime -m 10000 3

# Exec loop run as nobody (uid 65534), so `execsnoop -u 65534` shows only its execs.
for spec in \
  "execsnoop exec-loop sigint:3 execsnoop -u 65534" \
  "execsnoop exec-loop-all-columns sigint:3 execsnoop -x -T -t -U -u 65534" \
  "bpftrace execsnoop-bt sigint:2 bpftrace /usr/sbin/execsnoop.bt"; do
  read -r -a words <<<"$spec"
  wanted "${words[0]}" "${words[1]}" || continue
  start_workload 0.5 setpriv --reuid=65534 --regid=65534 --clear-groups "$here/exec-loop.sh" 60
  capture "${words[0]}" "${words[1]}" "exec-loop.sh 60 as uid 65534" "${words[@]:2}"
  stop_workload
done

# Block I/O (direct-io.sh) under the kprobe-based bpftrace tools: they attach nothing here.
for spec in \
  "bpftrace biolatency-bt-no-kprobes sigint:3 bpftrace /usr/sbin/biolatency.bt" \
  "bpftrace biosnoop-bt-no-kprobes sigint:3 bpftrace /usr/sbin/biosnoop.bt"; do
  read -r -a words <<<"$spec"
  wanted "${words[0]}" "${words[1]}" || continue
  start_workload 1 "$here/direct-io.sh" 60
  capture "${words[0]}" "${words[1]}" "direct-io.sh 60" "${words[@]:2}"
  stop_workload
done

# Tools that fail on this kernel: record their errors (not fixtures).
if [[ ${#selected[@]} -eq 0 ]]; then
  try runqlen runqlen 1 1
  try runqlen-bt bpftrace /usr/sbin/runqlen.bt
  try runqlat-bt bpftrace /usr/sbin/runqlat.bt
  try cachestat cachestat 1 1
  try ext4slower ext4slower -d 2
  try fsslower fsslower -t ext4 -d 2
  try biosnoop biosnoop
  try ext4dist ext4dist 1 1
  try xfsdist xfsdist 1 1
fi
