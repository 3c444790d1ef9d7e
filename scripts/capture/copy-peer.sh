#!/usr/bin/env bash
# copy-peer.sh PEER_CORPUS_DIR [OUTDIR]
# Cuts the tool-output part of each captured run out of the peer-corpus example
# files (bcc, bpftrace) into one fixture file per run, byte for byte (sed -n 'A,Bp'
# on whole lines; the authors' prose, the `# ./tool` command lines, `[...]`
# elision markers before or after a run and the blank lines that separate output
# from prose are left out; an author's `[...]` between two parts of one run stays,
# see the README). OUTDIR defaults to fixtures/peer of this repository. The line
# ranges are documented in fixtures/peer/README.md.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 PEER_CORPUS_DIR [OUTDIR]" >&2
  exit 2
fi
src=$1
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../fixtures/peer}

# destination (relative to OUTDIR)          source (relative to PEER_CORPUS_DIR)        first last
runs='
bcc/runqlat/bimodal-usecs.txt               bcc/runqlat_example.txt                      10    28
bcc/runqlat/msecs-intervals.txt             bcc/runqlat_example.txt                      47    71
bcc/runqlat/per-second-pid.txt              bcc/runqlat_example.txt                      80   112
bcc/runqlat/idle.txt                        bcc/runqlat_example.txt                     136   151
bcc/runqlat/disk-heavy.txt                  bcc/runqlat_example.txt                     160   175
bcc/runqlat/per-pid.txt                     bcc/runqlat_example.txt                     185   460
bcc/runqlat/per-tid.txt                     bcc/runqlat_example.txt                     466   485
bcc/runqlat/pidns.txt                       bcc/runqlat_example.txt                     493   545
bcc/biolatency/narrow-2015.txt              bcc/biolatency_example.txt                    9    28
bcc/biolatency/timestamps-plus-bar.txt      bcc/biolatency_example.txt                   52    98
bcc/biolatency/queued.txt                   bcc/biolatency_example.txt                  108   128
bcc/biolatency/per-disk.txt                 bcc/biolatency_example.txt                  142   195
bcc/biolatency/per-flag.txt                 bcc/biolatency_example.txt                  205   290
bcc/biolatency/extended.txt                 bcc/biolatency_example.txt                  299   314
bcc/biolatency/json-usecs.txt               bcc/biolatency_example.txt                  325   326
bcc/biolatency/json-flags.txt               bcc/biolatency_example.txt                  332   336
bcc/biolatency/json-disk.txt                bcc/biolatency_example.txt                  341   342
bcc/biolatency/json-msecs.txt               bcc/biolatency_example.txt                  347   348
bcc/runqslower/kernel-build.txt             bcc/runqslower_example.txt                   14    29
bcc/runqslower/usage.txt                    bcc/runqslower_example.txt                   42    60
bcc/cpudist/idle.txt                        bcc/cpudist_example.txt                      16    27
bcc/cpudist/lock-contention.txt             bcc/cpudist_example.txt                      36    53
bcc/cpudist/one-process.txt                 bcc/cpudist_example.txt                      64    81
bcc/cpudist/per-pid-intervals.txt           bcc/cpudist_example.txt                      88   159
bcc/cpudist/offcpu.txt                      bcc/cpudist_example.txt                     168   190
bcc/cpudist/per-tid-msecs.txt               bcc/cpudist_example.txt                     209   274
bcc/ext4dist/per-operation.txt              bcc/ext4dist_example.txt                      8    42
bcc/ext4dist/msecs-intervals.txt            bcc/ext4dist_example.txt                     66   167
bcc/xfsdist/per-operation.txt               bcc/xfsdist_example.txt                       8    30
bcc/xfsdist/msecs-intervals.txt             bcc/xfsdist_example.txt                      54   128
bcc/runqlen/idle.txt                        bcc/runqlen_example.txt                      11    14
bcc/runqlen/loaded.txt                      bcc/runqlen_example.txt                      21    32
bcc/runqlen/queue-of-7.txt                  bcc/runqlen_example.txt                      43    53
bcc/runqlen/per-cpu.txt                     bcc/runqlen_example.txt                      59   130
bcc/runqlen/intervals.txt                   bcc/runqlen_example.txt                     140   197
bcc/runqlen/occupancy.txt                   bcc/runqlen_example.txt                     208   223
bcc/runqlen/occupancy-per-cpu.txt           bcc/runqlen_example.txt                     229   269
bcc/cachestat/miss-burst.txt                bcc/cachestat_example.txt                     7    16
bcc/cachestat/uncached-read.txt             bcc/cachestat_example.txt                    25    59
bcc/cachestat/write-dirties.txt             bcc/cachestat_example.txt                    69    73
bcc/ext4slower/default.txt                  bcc/ext4slower_example.txt                    8    27
bcc/ext4slower/over-1ms.txt                 bcc/ext4slower_example.txt                   48    79
bcc/ext4slower/all.txt                      bcc/ext4slower_example.txt                   89   146
bcc/ext4slower/csv.txt                      bcc/ext4slower_example.txt                  155   181
bcc/btrfsslower/default.txt                 bcc/btrfsslower_example.txt                   8    15
bcc/btrfsslower/over-1ms.txt                bcc/btrfsslower_example.txt                  36    67
bcc/btrfsslower/all.txt                     bcc/btrfsslower_example.txt                  78    84
bcc/btrfsslower/csv.txt                     bcc/btrfsslower_example.txt                  99   118
bcc/xfsslower/default.txt                   bcc/xfsslower_example.txt                     8    17
bcc/xfsslower/over-1ms.txt                  bcc/xfsslower_example.txt                    37    57
bcc/xfsslower/all.txt                       bcc/xfsslower_example.txt                    68   101
bcc/xfsslower/csv.txt                       bcc/xfsslower_example.txt                   112   120
bcc/zfsslower/default.txt                   bcc/zfsslower_example.txt                     9    23
bcc/zfsslower/all.txt                       bcc/zfsslower_example.txt                    46    67
bcc/zfsslower/over-1ms.txt                  bcc/zfsslower_example.txt                    82   105
bcc/zfsslower/csv.txt                       bcc/zfsslower_example.txt                   112   133
bcc/nfsslower/default.txt                   bcc/nfsslower_example.txt                     7    18
bcc/nfsslower/over-1ms.txt                  bcc/nfsslower_example.txt                    38    55
bcc/nfsslower/all-no-header.txt             bcc/nfsslower_example.txt                    66   112
bcc/nfsslower/csv.txt                       bcc/nfsslower_example.txt                   121   133
bcc/f2fsslower/default.txt                  bcc/f2fsslower_example.txt                    6    53
bcc/f2fsslower/over-1ms.txt                 bcc/f2fsslower_example.txt                   69   115
bcc/f2fsslower/all.txt                      bcc/f2fsslower_example.txt                  123   174
bcc/f2fsslower/csv.txt                      bcc/f2fsslower_example.txt                  180   224
bcc/execsnoop/default.txt                   bcc/execsnoop_example.txt                     8    17
bcc/execsnoop/failed.txt                    bcc/execsnoop_example.txt                    32    46
bcc/execsnoop/time-columns.txt              bcc/execsnoop_example.txt                    60    61
bcc/execsnoop/arg-filter.txt                bcc/execsnoop_example.txt                    69    78
bcc/execsnoop/uid.txt                       bcc/execsnoop_example.txt                    92    94
bcc/execsnoop/uid-filter.txt                bcc/execsnoop_example.txt                   100   107
bcc/biosnoop/default.txt                    bcc/biosnoop_example.txt                      8    23
bcc/biosnoop/queued.txt                     bcc/biosnoop_example.txt                     55    61
bcc/offcputime/kernel-old-layout.txt        bcc/offcputime_example.txt                   16   588
bcc/offcputime/one-pid.txt                  bcc/offcputime_example.txt                  604   619
bcc/offcputime/one-pid-5s.txt               bcc/offcputime_example.txt                  628   643
bcc/offcputime/folded.txt                   bcc/offcputime_example.txt                  663   709
bcc/profile/default.txt                     bcc/profile_example.txt                      10    42
bcc/profile/idle.txt                        bcc/profile_example.txt                      67    86
bcc/profile/one-pid.txt                     bcc/profile_example.txt                     100   154
bcc/profile/two-pids.txt                    bcc/profile_example.txt                     169   194
bcc/profile/delimited.txt                   bcc/profile_example.txt                     200   237
bcc/profile/duration.txt                    bcc/profile_example.txt                     247   303
bcc/profile/folded.txt                      bcc/profile_example.txt                     315   322
bcc/profile/folded-annotated.txt            bcc/profile_example.txt                     348   561
bcc/profile/low-frequency.txt               bcc/profile_example.txt                     577   586
bcc/profile/one-cpu-no-count.txt            bcc/profile_example.txt                     594   623
bcc/profile/user-stacks.txt                 bcc/profile_example.txt                     633   729
bcc/profile-2016/default.txt                bcc/old/profile_example.txt                  10    65
bcc/profile-2016/one-pid.txt                bcc/old/profile_example.txt                  96   150
bcc/profile-2016/delimited.txt              bcc/old/profile_example.txt                 164   201
bcc/profile-2016/duration.txt               bcc/old/profile_example.txt                 211   267
bcc/profile-2016/folded.txt                 bcc/old/profile_example.txt                 279   286
bcc/profile-2016/folded-annotated.txt       bcc/old/profile_example.txt                 312   525
bcc/profile-2016/low-frequency.txt          bcc/old/profile_example.txt                 541   571
bcc/profile-2016/user-stacks.txt            bcc/old/profile_example.txt                 578   691
libbpf-tools/runqslower/kernel-build.txt    bcc/libbpf-tools/runqslower_example.txt       9    24
libbpf-tools/runqslower/usage.txt           bcc/libbpf-tools/runqslower_example.txt      37    54
bpftrace/runqlat/idle-outlier.txt           bpftrace/runqlat_example.txt                  9    36
bpftrace/runqlat/one-cpu-bound.txt          bpftrace/runqlat_example.txt                 54    81
bpftrace/runqlat/two-on-one-cpu.txt         bpftrace/runqlat_example.txt                 90   116
bpftrace/runqlat/ten-on-one-cpu.txt         bpftrace/runqlat_example.txt                125   153
bpftrace/biolatency/kprobe-bimodal.txt      bpftrace/biolatency_example.txt               7    21
bpftrace/runqlen/pinned-threads.txt         bpftrace/runqlen_example.txt                  9    17
bpftrace/xfsdist/per-function.txt           bpftrace/xfsdist_example.txt                  8    41
bpftrace/biosnoop/cksum.txt                 bpftrace/biosnoop_example.txt                 8    28
bpftrace/biosnoop/background-flush.txt      bpftrace/biosnoop_example.txt                40    44
bpftrace/execsnoop/man-ls.txt               bpftrace/execsnoop_example.txt                7    25
'

while read -r dest file first last; do
  [[ -z $dest ]] && continue
  mkdir -p "$(dirname "$out/$dest")"
  sed -n "${first},${last}p" "$src/$file" >"$out/$dest"
done <<<"$runs"

cp -- "$src/bcc/LICENSE" "$out/bcc/LICENSE"
cp -- "$src/bpftrace/LICENSE" "$out/bpftrace/LICENSE"
