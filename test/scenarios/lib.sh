# lib.sh: shared helpers for the fault-injection scenarios (sourced, not run).
#
# A scenario script does, in order:
#   source lib.sh
#   scn_init NAME "$@"        # root check, argument SECONDS or --cleanup, state dir
#   SCN_CGROUPS=(memory) ...  # declare what it will create (see below)
#   scn_begin                 # refuse if a live run owns NAME, clean stale leftovers,
#                             # install the traps
#   ... start the workload with scn_track PID, print scn_ready "what" ...
#   scn_hold                  # sleep SCN_SECONDS, interruptible by INT/TERM
#
# Everything the scenario creates is named with the prefix bpftriage-scn-NAME, and
# cleanup finds it again by that name, so the same function serves the EXIT trap and
# the clean-up of a run that was killed with SIGKILL:
#   - processes: every started pid is recorded with its start time in
#     /run/bpftriage-scn/NAME.pids and killed by pid (TERM, then KILL); the start
#     time guards against a recycled pid. Processes inside the scenario's own
#     cgroups are killed the same way. Nothing is ever killed by name.
#   - SCN_MOUNTS: mount points, unmounted (lazily as a last resort) and removed.
#   - SCN_LOOP_FILES: backing files whose loop devices are detached; loop devices
#     whose backing file name contains bpftriage-scn-NAME are detached too.
#   - SCN_CGROUPS: controllers (memory, blkio/io) whose bpftriage-scn-NAME cgroup is
#     emptied (pids killed, survivors moved to this shell's cgroup) and removed.
#   - SCN_PATHS: files or directories deleted.
#   - SCN_RUN (/run/bpftriage-scn/NAME.d): a private scratch dir, always deleted.

SCN_PREFIX=bpftriage-scn-
SCN_STATE_ROOT=/run/bpftriage-scn
SCN_CGROUPS=()
SCN_MOUNTS=()
SCN_LOOP_FILES=()
SCN_PATHS=()
SCN_CLEANUP_ONLY=0
SCN_ARGS=()

scn_log() {
  echo "${SCN_NAME:-scenario}: $*" >&2
}

scn_die() {
  scn_log "error: $*"
  exit 1
}

# scn_init NAME ARGS...: parse the common arguments. The first argument is SECONDS
# (or --cleanup, which only removes leftovers of an earlier run); the rest are left
# in SCN_ARGS for the scenario's own flags.
scn_init() {
  SCN_NAME=$1
  shift
  SCN_TAG=$SCN_PREFIX$SCN_NAME
  SCN_STATE=$SCN_STATE_ROOT/$SCN_NAME
  SCN_RUN=$SCN_STATE.d
  SCN_LOG=$SCN_RUN/workload.log
  [[ $(id -u) -eq 0 ]] || scn_die "must run as root"
  if [[ ${1:-} == --cleanup ]]; then
    SCN_CLEANUP_ONLY=1
    SCN_SECONDS=0
    return
  fi
  if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
    scn_usage
    exit 2
  fi
  SCN_SECONDS=$1
  shift
  SCN_ARGS=("$@")
}

# scn_int FLAG VALUE [MIN] [MAX]: echo VALUE if it is an integer in range, else die.
scn_int() {
  local flag=$1 value=${2:-} min=${3:-0} max=${4:-}
  local ok=1
  if [[ ! $value =~ ^[0-9]+$ ]] || ((10#$value < min)); then
    ok=0
  elif [[ -n $max ]] && ((10#$value > max)); then
    ok=0
  fi
  if ((!ok)); then
    scn_log "$flag expects an integer from $min${max:+ to $max}, got '$value'"
    exit 2
  fi
  echo "$((10#$value))"
}

# scn_starttime PID: the process start time (field 22 of /proc/PID/stat).
scn_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# scn_alive PID STARTTIME: true while that very process exists (not a recycled pid).
scn_alive() {
  local now
  now=$(scn_starttime "$1") || return 1
  [[ $now == "$2" ]]
}

# scn_track PID: record a started process so that cleanup (now or after a SIGKILL)
# can stop it by pid.
scn_track() {
  local start
  start=$(scn_starttime "$1") || return 0
  echo "$1 $start" >>"$SCN_STATE.pids"
}

# scn_stop_pids "PID START"...: TERM, wait up to 3 s, then KILL, each by pid.
scn_stop_pids() {
  local entry pid start left i
  [[ $# -gt 0 ]] || return 0
  for entry in "$@"; do
    read -r pid start <<<"$entry"
    scn_alive "$pid" "$start" && kill -TERM "$pid" 2>/dev/null
  done
  for ((i = 0; i < 30; i++)); do
    left=0
    for entry in "$@"; do
      read -r pid start <<<"$entry"
      scn_alive "$pid" "$start" && left=1
    done
    ((left)) || break
    sleep 0.1
  done
  for entry in "$@"; do
    read -r pid start <<<"$entry"
    scn_alive "$pid" "$start" && kill -KILL "$pid" 2>/dev/null
  done
  # Reap our own children (no-op for processes of an earlier run).
  for entry in "$@"; do
    read -r pid start <<<"$entry"
    wait "$pid" 2>/dev/null
  done
  return 0
}

# scn_cgroup_dir CONTROLLER: where this scenario's cgroup for CONTROLLER lives.
# Prefers a cgroup v1 hierarchy that has the controller (this project's machines
# run a hybrid layout: memory and blkio in v1, an empty v2 at /sys/fs/cgroup/unified),
# else a cgroup2 mount that offers it (pure v2: "blkio" is called "io" there).
scn_cgroup_dir() {
  local want=$1 v2name=$1 dev mnt type opts _
  [[ $want == blkio ]] && v2name=io
  while read -r dev mnt type opts _; do
    if [[ $type == cgroup && ,$opts, == *,$want,* ]]; then
      echo "$mnt/$SCN_TAG"
      return 0
    fi
  done </proc/mounts
  while read -r dev mnt type opts _; do
    if [[ $type == cgroup2 && -r $mnt/cgroup.controllers ]] &&
      [[ " $(cat "$mnt/cgroup.controllers") " == *" $v2name "* ]]; then
      echo "$mnt/$SCN_TAG"
      return 0
    fi
  done </proc/mounts
  return 1
}

# scn_cgroup_is_v2 DIR: true when DIR sits in a cgroup2 hierarchy.
scn_cgroup_is_v2() {
  [[ -e $(dirname "$1")/cgroup.controllers ]]
}

# scn_cgroup_create CONTROLLER: create the scenario's cgroup, echo its path.
scn_cgroup_create() {
  local dir parent v2name=$1
  [[ $1 == blkio ]] && v2name=io
  dir=$(scn_cgroup_dir "$1") || scn_die "no cgroup hierarchy offers the $1 controller"
  parent=$(dirname "$dir")
  if scn_cgroup_is_v2 "$dir" && [[ " $(cat "$parent/cgroup.subtree_control") " != *" $v2name "* ]]; then
    echo "+$v2name" >"$parent/cgroup.subtree_control"
  fi
  mkdir -p "$dir"
  echo "$dir"
}

# scn_cgroup_join DIR: move the calling (sub)shell into DIR; used as
# `( scn_cgroup_join DIR; exec CMD ) &` so CMD starts inside the cgroup.
scn_cgroup_join() {
  echo "$BASHPID" >"$1/cgroup.procs"
}

# scn_own_cgroup DIR: the cgroup this shell itself belongs to, in DIR's hierarchy.
scn_own_cgroup() {
  local dir=$1 root want line id ctrls path
  root=$(dirname "$dir")
  if scn_cgroup_is_v2 "$dir"; then
    want=""
  else
    want=$(basename "$root")
  fi
  while IFS=: read -r id ctrls path; do
    if [[ -z $want && $id == 0 ]] || [[ -n $want && ,$ctrls, == *,$want,* ]]; then
      echo "$root$path"
      return 0
    fi
  done </proc/$$/cgroup
  echo "$root"
}

# scn_cgroup_remove DIR: kill what is left inside (only processes of this scenario can
# be there), move any survivor back to this shell's cgroup, then rmdir.
scn_cgroup_remove() {
  local dir=$1 pid entries=() home i
  [[ -d $dir ]] || return 0
  if [[ -r $dir/cgroup.procs ]]; then
    while read -r pid; do
      [[ -n $pid ]] && entries+=("$pid $(scn_starttime "$pid")")
    done <"$dir/cgroup.procs"
    scn_stop_pids "${entries[@]}"
    home=$(scn_own_cgroup "$dir")
    while read -r pid; do
      [[ -n $pid ]] && echo "$pid" >"$home/cgroup.procs" 2>/dev/null
    done <"$dir/cgroup.procs"
  fi
  for ((i = 0; i < 20; i++)); do
    rmdir "$dir" 2>/dev/null && return 0
    sleep 0.1
  done
  scn_log "warning: could not remove cgroup $dir"
}

# scn_umount MOUNTPOINT: unmount (all stacked mounts), lazily as a last resort.
scn_umount() {
  local mnt=$1 i
  for ((i = 0; i < 20; i++)); do
    mountpoint -q "$mnt" 2>/dev/null || break
    umount "$mnt" 2>/dev/null || sleep 0.2
  done
  if mountpoint -q "$mnt" 2>/dev/null; then
    scn_log "warning: $mnt busy, detaching it lazily"
    umount -l "$mnt" 2>/dev/null
  fi
  [[ -d $mnt ]] && rmdir "$mnt" 2>/dev/null
  return 0
}

# scn_detach_loops: detach loop devices backed by SCN_LOOP_FILES or by any file whose
# name carries this scenario's tag (also catches "(deleted)" backing files).
scn_detach_loops() {
  local f dev back devs=()
  command -v losetup >/dev/null || return 0
  for f in "${SCN_LOOP_FILES[@]}"; do
    [[ -e $f ]] || continue
    while read -r dev; do
      [[ -n $dev ]] && devs+=("$dev")
    done < <(losetup -n -O NAME -j "$f" 2>/dev/null)
  done
  while read -r dev back; do
    [[ $back == *"$SCN_TAG"* ]] && devs+=("$dev")
  done < <(losetup -n -l -O NAME,BACK-FILE 2>/dev/null)
  for dev in "${devs[@]}"; do
    losetup -d "$dev" 2>/dev/null
  done
  return 0
}

# scn_cleanup: undo everything this scenario may have created; safe to run any
# number of times, at any point of the setup, and for a run that was SIGKILLed.
scn_cleanup() {
  local entries=() line ctrl dir mnt path
  trap '' INT TERM
  set +e
  if [[ -f $SCN_STATE.pids ]]; then
    while read -r line; do
      [[ -n $line ]] && entries+=("$line")
    done <"$SCN_STATE.pids"
    scn_stop_pids "${entries[@]}"
  fi
  # Stop the processes inside our cgroups before unmounting what they may hold open.
  for ctrl in "${SCN_CGROUPS[@]}"; do
    dir=$(scn_cgroup_dir "$ctrl") || continue
    [[ -d $dir ]] || continue
    entries=()
    while read -r line; do
      [[ -n $line ]] && entries+=("$line $(scn_starttime "$line")")
    done <"$dir/cgroup.procs"
    scn_stop_pids "${entries[@]}"
  done
  for mnt in "${SCN_MOUNTS[@]}"; do
    scn_umount "$mnt"
  done
  scn_detach_loops
  for ctrl in "${SCN_CGROUPS[@]}"; do
    dir=$(scn_cgroup_dir "$ctrl") || continue
    scn_cgroup_remove "$dir"
  done
  for path in "${SCN_PATHS[@]}"; do
    [[ -n $path && $path == *"$SCN_TAG"* ]] && rm -rf -- "$path"
  done
  rm -rf -- "$SCN_RUN"
  rm -f -- "$SCN_STATE.pids" "$SCN_STATE.owner"
  return 0
}

# scn_begin: take ownership of the scenario name, clean stale leftovers of a killed
# run, install the traps and create the scratch dir. With --cleanup, clean and exit.
scn_begin() {
  local pid start
  mkdir -p -m 700 "$SCN_STATE_ROOT"
  if [[ -f $SCN_STATE.owner ]]; then
    read -r pid start <"$SCN_STATE.owner" || true
    if [[ -n ${pid:-} && $pid != "$$" ]] && scn_alive "$pid" "${start:-}"; then
      scn_die "another run of $SCN_NAME is in progress (pid $pid); stop it first"
    fi
    scn_log "cleaning up after an earlier run that did not finish"
  fi
  scn_cleanup
  trap - INT TERM
  set -e
  if ((SCN_CLEANUP_ONLY)); then
    exit 0
  fi
  echo "$$ $(scn_starttime $$)" >"$SCN_STATE.owner"
  trap scn_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -m 700 "$SCN_RUN"
  : >"$SCN_LOG"
}

# scn_check_alive PID...: fail (showing the workload log) if a started process died.
scn_check_alive() {
  local pid
  for pid in "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      scn_log "workload process $pid exited early; its log:"
      tail -n 20 "$SCN_LOG" >&2
      exit 1
    fi
  done
}

# scn_ready WHAT: the one line on stdout that says the fault is in effect.
scn_ready() {
  echo "ready: $*"
}

# scn_hold: keep the fault for SCN_SECONDS; sleeps in the background and waits for
# it, so INT/TERM are handled at once.
scn_hold() {
  sleep "$SCN_SECONDS" &
  scn_track "$!"
  wait "$!"
}

# scn_python: a python3 interpreter (the system one first).
scn_python() {
  if [[ -x /usr/bin/python3 ]]; then
    echo /usr/bin/python3
  else
    command -v python3 || scn_die "python3 is required"
  fi
}
