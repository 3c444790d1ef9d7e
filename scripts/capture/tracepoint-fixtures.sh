#!/usr/bin/env bash
# tracepoint-fixtures.sh [OUTDIR [DIR/NAME ...]]
# Re-creates the fixtures of bpftriage's tracepoint tools under OUTDIR (default:
# fixtures/ of this repository), all of them or only the named ones (e.g.
# cachestat/quiet): runs src/probes/bpftrace/cachestat-tp.bt or fsslower-tp.bt with
# bpftrace, or the native builds dist/native/cachestat-tp or fsslower-tp (captures
# named native-*; `npm run build` builds them), with the arguments bpftriage passes
# (script-args.ts adds this machine's syscall numbers and BTF offsets for the scripts,
# the file system's magic for both, to the ones written below), under a workload from
# this folder (or on a quiet box) and writes the tool's stdout byte for byte to
# OUTDIR/<dir>/<name>.txt; stderr goes to <name>.stderr when non-empty. Workloads
# prepare first (temp file written, cache dropped or warmed), then the tool is started,
# and the workload is released one second after the tool printed its header, so
# preparation is not traced.
# It also runs the libbpf-tools originals once and keeps their stdout and stderr
# as OUTDIR/<dir>/libbpf-tools-<tool>.{stdout,stderr} (they fail on kernels
# without kprobes and fentry). For every capture it prints a tab-separated line
#   file <TAB> exit-status <TAB> workload <TAB> command <TAB> start-time <TAB> loadavg
# for the folder READMEs. Needs root, and bpftrace or dist/native for their captures;
# every tool runs under a 60 s guard timeout (never reached in a good run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
scripts=$(cd "$here/../../src/probes/bpftrace" && pwd)
native=$(cd "$here/../.." && pwd)/dist/native
out=${1:-$here/../../fixtures}
mkdir -p "$out"
out=$(cd "$out" && pwd)
selected=("${@:2}")

workload_pid=
tracer_pid=
sync_dir=$(mktemp -d /tmp/bpftriage-sync.XXXXXX)
errfile=$(mktemp /tmp/bpftriage-capture-err.XXXXXX)
# shellcheck source=scripts/capture/driver-lib.sh
source "$here/driver-lib.sh"

# stop_pid PID: SIGTERM one process we started and reap it.
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

cleanup() {
  [[ -n $tracer_pid ]] && stop_pid "$tracer_pid"
  [[ -n $workload_pid ]] && stop_pid "$workload_pid"
  tracer_pid=
  workload_pid=
  rm -rf -- "$sync_dir"
  rm -f -- "$errfile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v bpftrace >/dev/null || { echo "tracepoint-fixtures.sh: bpftrace not found" >&2; exit 1; }
[[ -x $native/cachestat-tp && -x $native/fsslower-tp ]] || { echo "tracepoint-fixtures.sh: $native/cachestat-tp or fsslower-tp not built (npm run build)" >&2; exit 1; }


# wait_for FILE PATTERN SECONDS: wait until FILE exists and (for a non-empty PATTERN) matches it.
wait_for() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    [[ -e $1 ]] && { [[ -z $2 ]] || grep -q -- "$2" "$1"; } && return 0
    sleep 0.1
  done
  echo "tracepoint-fixtures.sh: timed out waiting for '$2' in $1" >&2
  return 1
}

# start_workload SCRIPT ARGS...: start a workload with --sync and wait until it is prepared.
start_workload() {
  rm -f -- "$sync_dir/prepared" "$sync_dir/go"
  "$here/$1" --sync "$sync_dir" "${@:2}" &
  workload_pid=$!
  wait_for "$sync_dir/prepared" "" 120
}

# finish_workload: wait for the workload to end by itself (it is short), or stop it.
finish_workload() {
  [[ -z $workload_pid ]] && return 0
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$workload_pid" 2>/dev/null || break
    sleep 0.1
  done
  stop_pid "$workload_pid"
  workload_pid=
}

# capture_script DIR NAME WORKLOAD-DESCRIPTION TOOL ARGS...: run one tracepoint tool (a script
# NAME.bt under bpftrace, or a native tool of dist/native), release the workload (if one was
# started) a second after the header, keep stdout/stderr.
capture_script() {
  local dir=$1 name=$2 workload=$3 tool=$4
  shift 4
  local file=$out/$dir/$name.txt rc=0 started load shown
  mkdir -p "$out/$dir"
  rm -f -- "$out/$dir/$name.stderr"
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  local -a args cmd
  mapfile -t args < <(node --import tsx "$here/script-args.ts" "$tool" "$@")
  if [[ $tool == *.bt ]]; then
    cmd=(bpftrace --no-warnings "$scripts/$tool" "${args[@]}")
    shown="bpftrace --no-warnings src/probes/bpftrace/$tool ${args[*]}"
  else
    cmd=("$native/$tool" "${args[@]}")
    shown="dist/native/$tool ${args[*]}"
  fi
  timeout -s INT -k 5 60 "${cmd[@]}" >"$file" 2>"$errfile" &
  tracer_pid=$!
  if [[ -n $workload_pid ]]; then
    wait_for "$file" '^TIME ' 30
    sleep 1
    : >"$sync_dir/go"
  fi
  wait "$tracer_pid" || rc=$?
  tracer_pid=
  finish_workload
  [[ -s $errfile ]] && cat -- "$errfile" >"$out/$dir/$name.stderr"
  : >"$errfile"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$dir/$name.txt" "$rc" "$workload" "$shown" "$started" "$load"
}

# original DIR TOOL ARGS...: run a libbpf-tools original once and keep what it printed.
original() {
  local dir=$1 tool=$2 rc=0
  shift 2
  wanted "$dir" "libbpf-tools-$tool" || return 0
  command -v "$tool" >/dev/null || { printf '%s\t%s\n' "$dir/libbpf-tools-$tool" "not installed"; return 0; }
  mkdir -p "$out/$dir"
  timeout -s INT -k 5 30 "$tool" "$@" >"$out/$dir/libbpf-tools-$tool.stdout" 2>"$out/$dir/libbpf-tools-$tool.stderr" || rc=$?
  printf '%s\t%s\t%s\t%s\n' "$dir/libbpf-tools-$tool" "$rc" "none" "$tool $*"
}

original cachestat cachestat 1 3
original fsslower fsslower -t ext4 -m 1 -d 3
original fsslower ext4slower -m 1 -d 3

# The same captures for the bpftrace scripts (NAME) and the native tools (native-NAME).
for build in script native; do
  prefix= cachestat=cachestat-tp.bt fsslower=fsslower-tp.bt
  [[ $build == native ]] && prefix=native- cachestat=cachestat-tp fsslower=fsslower-tp

  # Quiet box first.
  if wanted cachestat "${prefix}quiet"; then
    capture_script cachestat "${prefix}quiet" none "$cachestat" 5 10
  fi
  if wanted fsslower "${prefix}quiet-10ms"; then
    capture_script fsslower "${prefix}quiet-10ms" none "$fsslower" 10 5 ext4 0
  fi

  # Page cache: a 400 MiB file read cold (cache dropped) then warm, and read warm three times.
  if wanted cachestat "${prefix}cold-then-warm"; then
    start_workload page-cache-read.sh --cold 400 2
    capture_script cachestat "${prefix}cold-then-warm" "page-cache-read.sh --cold 400 2" "$cachestat" 6 10
  fi
  if wanted cachestat "${prefix}warm-read"; then
    start_workload page-cache-read.sh 400 3
    capture_script cachestat "${prefix}warm-read" "page-cache-read.sh 400 3" "$cachestat" 6 10
  fi

  # fsync-heavy writer: every process at 1 ms, then only the writer at 0 ms (all operations).
  if wanted fsslower "${prefix}fsync-writer-1ms"; then
    start_workload fsync-writer.sh 5
    capture_script fsslower "${prefix}fsync-writer-1ms" "fsync-writer.sh 5" "$fsslower" 1 5 ext4 0
  fi
  if wanted fsslower "${prefix}fsync-writer-0ms-pid"; then
    start_workload fsync-writer.sh 3
    writer_pid=$(tr -d '\n' <"$sync_dir/prepared")
    capture_script fsslower "${prefix}fsync-writer-0ms-pid" "fsync-writer.sh 3 (pid $writer_pid)" "$fsslower" 0 3 ext4 "$writer_pid"
  fi
done
