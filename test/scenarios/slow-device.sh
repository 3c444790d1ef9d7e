#!/usr/bin/env bash
# slow-device.sh SECONDS [--iops N] [--writers N] [--think-ms MS] [--bs-kb KB]
#                        [--size-mb MB] [--fast-rate N] [--dir DIR]
#                        [--throttle-on backing|loop]
# slow-device.sh --cleanup
# Fault: one slow block device next to a healthy one.
#   - A SIZE_MB (256) ext4 image in DIR (/var/tmp), attached as a loop device with
#     direct I/O (losetup --direct-io=on) and mounted on /mnt/bpftriage-scn-slow-device.
#   - "slow-writer" (python3, O_DIRECT; WRITERS threads, default N/10, each pausing
#     THINK_MS, default 60, after every write) rewrites a 32 MiB file on it in BS_KB
#     (4 KiB) writes from a blkio cgroup throttled to N write and N read IOPS
#     (default 50) on the whole disk that backs DIR (vda here): cgroup v1
#     blkio.throttle.{write,read}_iops_device, or v2 io.max. The loop driver issues
#     the backing I/O from a worker charged to the writer's cgroup, so the throttle
#     holds it while the loop request is in flight, and biolatency -D shows loopN
#     slow while the backing disk stays fast.
#     Why these defaults: blk-throttle hands out IOPS in 100 ms slices, so a throttled
#     I/O waits for the next slice boundary. With WRITERS = N/10 every slice's budget
#     is taken by the I/Os queued at its start, and each writer's next I/O arrives
#     THINK_MS later and waits the rest of the slice: nearly every loop request takes
#     about 100 - THINK_MS ms (~40 ms here). One writer without pauses instead gives
#     mostly fast I/Os plus a ~100 ms hump for one I/O per slice.
#     --throttle-on loop puts the limit on the loop device itself: the delay then
#     happens before the request exists and biolatency cannot see it (kept to show
#     the difference).
#   - "fast-writer" (python3, O_DIRECT) does FAST_RATE (100) 4 KiB writes a second to
#     a 16 MiB file in DIR: normal, fast I/O on the main disk (0 = off).
# Prints "ready: ..." once both writers run. On exit: writers stopped by pid, file
# system unmounted, loop device detached, cgroup removed, image and files deleted.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scn_usage() {
  echo "usage: $0 SECONDS [--iops N] [--writers N] [--think-ms MS] [--bs-kb KB] [--size-mb MB] [--fast-rate N] [--dir DIR] [--throttle-on backing|loop] | --cleanup" >&2
}

scn_init slow-device "$@"
iops=50 writers= think_ms=60 bs_kb=4 size_mb=256 fast_rate=100 dir=/var/tmp throttle_on=backing
set -- "${SCN_ARGS[@]}"
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { scn_usage; exit 2; }
  case $1 in
    --iops) iops=$(scn_int "$1" "$2" 1 100000) ;;
    --think-ms) think_ms=$(scn_int "$1" "$2" 0 10000) ;;
    --writers) writers=$(scn_int "$1" "$2" 1 64) ;;
    --bs-kb) bs_kb=$(scn_int "$1" "$2" 4 1024) ;;
    --size-mb) size_mb=$(scn_int "$1" "$2" 64 4096) ;;
    --fast-rate) fast_rate=$(scn_int "$1" "$2" 0 10000) ;;
    --dir) dir=$2 ;;
    --throttle-on)
      [[ $2 == backing || $2 == loop ]] || { scn_usage; exit 2; }
      throttle_on=$2
      ;;
    *) scn_usage; exit 2 ;;
  esac
  shift 2
done
[[ -n $writers ]] || writers=$((iops >= 20 ? iops / 10 : 1))
((bs_kb % 4 == 0)) || scn_die "--bs-kb must be a multiple of 4"
((bs_kb * writers <= 32768)) || scn_die "--bs-kb x --writers must not exceed 32768 KiB (the 32 MiB file)"
[[ -d $dir ]] || scn_die "--dir $dir is not a directory"
for tool in losetup mkfs.ext4 mountpoint findmnt; do
  command -v "$tool" >/dev/null || scn_die "$tool is required"
done
python=$(scn_python)

work=$dir/$SCN_TAG
image=$work/backing.img
fast_file=$work/fast.dat
mnt=/mnt/$SCN_TAG
SCN_CGROUPS=(blkio)
SCN_MOUNTS=("$mnt")
SCN_LOOP_FILES=("$image")
SCN_PATHS=("$work")

scn_begin

# The whole disk behind DIR: throttling works per disk, not per partition.
fs_dev=$(findmnt -n -o MAJ:MIN --target "$dir" | head -n1 | tr -d ' ')
[[ -e /sys/dev/block/$fs_dev ]] || scn_die "$dir is not on a block device ($fs_dev)"
disk_sys=$(readlink -f "/sys/dev/block/$fs_dev")
[[ -e $disk_sys/partition ]] && disk_sys=$(dirname "$disk_sys")
disk_dev=$(cat "$disk_sys/dev")
disk_name=$(basename "$disk_sys")

mkdir -m 700 "$work"
truncate -s "${size_mb}M" "$image"
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$image"
loop=$(losetup --find --show --direct-io=on "$image")
loop_name=$(basename "$loop")
loop_dev=$(cat "/sys/block/$loop_name/dev")
[[ $(cat "/sys/block/$loop_name/loop/dio" 2>/dev/null) == 1 ]] ||
  scn_log "warning: $loop_name did not switch to direct I/O"
mkdir -p "$mnt"
mount -o noatime "$loop" "$mnt"

# Files written once in full, so the O_DIRECT rewrites below touch no metadata.
dd if=/dev/zero of="$mnt/slow.dat" bs=1M count=32 oflag=direct status=none
dd if=/dev/zero of="$fast_file" bs=1M count=16 oflag=direct status=none
sync -f "$mnt"

cg=$(scn_cgroup_create blkio)
target=$disk_dev
[[ $throttle_on == loop ]] && target=$loop_dev
if scn_cgroup_is_v2 "$cg"; then
  echo "$target wiops=$iops riops=$iops" >"$cg/io.max"
else
  echo "$target $iops" >"$cg/blkio.throttle.write_iops_device"
  echo "$target $iops" >"$cg/blkio.throttle.read_iops_device"
fi

# O_DIRECT writer: NAME PATH BS RATE (0 = as fast as the device lets it). The
# buffer is an anonymous mmap, so it is page aligned as O_DIRECT needs.
writer='
import ctypes, mmap, os, sys, threading, time
name, path, bs, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
think, nthreads = int(sys.argv[5]) / 1000, int(sys.argv[6])
libc = ctypes.CDLL(None)
libc.prctl(15, name.encode(), 0, 0, 0)
fd = os.open(path, os.O_WRONLY | os.O_DIRECT)
size = os.fstat(fd).st_size // bs // nthreads * bs
step = 1.0 / rate if rate else 0.0
def write(k):
    libc.prctl(15, name.encode(), 0, 0, 0)
    buf = mmap.mmap(-1, bs)
    buf.write(b"x" * bs)
    base, off, nxt = k * size, 0, time.monotonic()
    while True:
        os.pwrite(fd, buf, base + off)
        off = (off + bs) % size
        if think:
            time.sleep(think)
        if step:
            nxt += step
            now = time.monotonic()
            if nxt > now:
                time.sleep(nxt - now)
            elif now - nxt > 1:
                nxt = now
for k in range(nthreads):
    threading.Thread(target=write, args=(k,), daemon=True).start()
while True:
    time.sleep(3600)
'

(
  scn_cgroup_join "$cg"
  exec "$python" -c "$writer" slow-writer "$mnt/slow.dat" "$((bs_kb * 1024))" 0 "$think_ms" "$writers"
) </dev/null >/dev/null 2>>"$SCN_LOG" &
scn_track "$!"
slow_pid=$!
pids=("$slow_pid")
if ((fast_rate > 0)); then
  "$python" -c "$writer" fast-writer "$fast_file" 4096 "$fast_rate" 0 1 </dev/null >/dev/null 2>>"$SCN_LOG" &
  scn_track "$!"
  pids+=("$!")
fi

sleep 0.5
scn_check_alive "${pids[@]}"
scn_ready "slow-device $loop_name (backed by $image on $disk_name; slow-writer pid $slow_pid, $writers threads, throttled to ${iops} IOPS on $([[ $throttle_on == loop ]] && echo "$loop_name" || echo "$disk_name") $target); fast-writer on $disk_name at ${fast_rate}/s"
scn_hold
