# Sourced by the capture drivers (capture.sh, capture-formats.sh, tracepoint-fixtures.sh): which captures to
# take, and taking one. Expects the driver's globals: `out` (OUTDIR), `selected` (the DIR/NAME arguments, empty
# for all) and `errfile` (a scratch file for the tool's stderr).

# wanted DIR NAME: true when no selection was given or DIR/NAME was selected.
wanted() {
  local want
  [[ ${#selected[@]} -eq 0 ]] && return 0
  for want in "${selected[@]}"; do
    [[ $want == "$1/$2" ]] && return 0
  done
  return 1
}

# capture DIR NAME WORKLOAD MODE CMD...: run one tool into OUTDIR/DIR/NAME.txt (stderr, when any, into
# NAME.stderr) and print the README line: file, exit status, workload, command, start time, load average.
# MODE is "exit" (the tool stops by itself; 30 s guard) or "sigint:N" (stop it with SIGINT after N seconds).
capture() {
  local dir=$1 name=$2 workload=$3 mode=$4
  shift 4
  local file=$out/$dir/$name.txt rc=0 started load
  wanted "$dir" "$name" || return 0
  mkdir -p "$out/$dir"
  rm -f -- "$out/$dir/$name.stderr"
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ $mode == sigint:* ]]; then
    timeout --preserve-status -s INT "${mode#sigint:}" "$@" >"$file" 2>"$errfile" || rc=$?
  else
    timeout -s INT -k 5 30 "$@" >"$file" 2>"$errfile" || rc=$?
  fi
  if [[ -s $errfile ]]; then
    cp -- "$errfile" "$out/$dir/$name.stderr"
    chmod 0644 "$out/$dir/$name.stderr"
  fi
  : >"$errfile"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$dir/$name.txt" "$rc" "$workload" "$*" "$started" "$load"
}
