#!/usr/bin/env bash
# exec-loop.sh SECONDS
# Exec workload for execsnoop captures: every 0.2 s it runs a few short-lived
# programs whose arguments carry the marker "bpftriage-exec-loop" (so
# `execsnoop -n bpftriage-exec-loop` shows only them): /bin/true, /bin/echo,
# `/bin/sh -c : ...` and one exec of a path that does not exist (a failed exec,
# for execsnoop -x). Only processes started here are waited for or killed.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
  echo "usage: $0 SECONDS" >&2
  exit 2
fi
seconds=$1
marker=bpftriage-exec-loop
sleeper=

cleanup() {
  if [[ -n $sleeper ]]; then
    kill "$sleeper" 2>/dev/null || true
    wait "$sleeper" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

end=$((SECONDS + seconds))
while ((SECONDS < end)); do
  /bin/true "$marker"
  /bin/echo "$marker" "with spaces" >/dev/null
  /bin/sh -c ': "$1"' sh "$marker"
  /nonexistent/bpftriage-missing "$marker" 2>/dev/null || true
  sleep 0.2 &
  sleeper=$!
  wait "$sleeper" || true
  sleeper=
done
