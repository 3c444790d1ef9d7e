# Sourced by the capture workloads: tracks the pids and temp files a workload creates and removes them
# on exit, interrupt or termination. Workloads append to `pids` and `temps`; nothing else is touched.
pids=()
temps=()

# Stops exactly the processes this workload started (by pid), waits for them, removes its temp files.
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ ${#temps[@]} -gt 0 ]; then rm -f -- "${temps[@]}"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
