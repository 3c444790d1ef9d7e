#!/usr/bin/env bash
# copy-peer.sh PEER_CORPUS_DIR [OUTDIR]
# Cuts the tool-output part of each captured run out of the peer-corpus example
# files (bcc, bpftrace) into one fixture file per run, byte for byte (sed -n 'A,Bp'
# on whole lines; the authors' prose, the `# ./tool` command lines, `[...]`
# elision markers and the blank lines that separate output from prose are left
# out). OUTDIR defaults to fixtures/peer of this repository. The line ranges are
# documented in fixtures/peer/README.md.
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
libbpf-tools/runqslower/kernel-build.txt    bcc/libbpf-tools/runqslower_example.txt       9    24
libbpf-tools/runqslower/usage.txt           bcc/libbpf-tools/runqslower_example.txt      37    54
bpftrace/runqlat/idle-outlier.txt           bpftrace/runqlat_example.txt                  9    36
bpftrace/runqlat/one-cpu-bound.txt          bpftrace/runqlat_example.txt                 54    81
bpftrace/runqlat/two-on-one-cpu.txt         bpftrace/runqlat_example.txt                 90   116
bpftrace/runqlat/ten-on-one-cpu.txt         bpftrace/runqlat_example.txt                125   153
bpftrace/biolatency/kprobe-bimodal.txt      bpftrace/biolatency_example.txt               7    21
'

while read -r dest file first last; do
  [[ -z $dest ]] && continue
  mkdir -p "$(dirname "$out/$dest")"
  sed -n "${first},${last}p" "$src/$file" >"$out/$dest"
done <<<"$runs"

cp -- "$src/bcc/LICENSE" "$out/bcc/LICENSE"
cp -- "$src/bpftrace/LICENSE" "$out/bpftrace/LICENSE"
