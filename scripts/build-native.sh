#!/usr/bin/env bash
# build-native.sh: compiles bpftriage's native tracepoint tools (src/probes/native/*.c) into
# dist/native/cachestat-tp and dist/native/fsslower-tp: the BPF side with clang -target bpf
# (CO-RE, against the minimal kernel-types.h, so no kernel BTF is needed at build time), a
# skeleton header with `bpftool gen skeleton`, and the user-space side with cc, linked with
# -lbpf -lelf -lz. Intermediate files go to dist/native/obj/ (dist/ is not committed).
#
# When clang, the libbpf headers (libbpf-dev) or bpftool are missing it prints one line saying
# which and how to install them, and exits 0 without building: the probes then run through their
# other flavours. A compile error exits non-zero. Run from anywhere; `npm run build` calls it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/src/probes/native
out=$root/dist/native
obj=$out/obj
tools=(cachestat-tp fsslower-tp)

missing=()
command -v clang >/dev/null 2>&1 || missing+=("clang (package clang)")
command -v bpftool >/dev/null 2>&1 || missing+=("bpftool (package bpftool)")
[[ -f /usr/include/bpf/libbpf.h && -f /usr/include/bpf/bpf_helpers.h ]] || missing+=("libbpf headers (package libbpf-dev)")
[[ -f /usr/include/gelf.h ]] || missing+=("libelf headers (package libelf-dev)")
[[ -f /usr/include/zlib.h ]] || missing+=("zlib headers (package zlib1g-dev)")
if [[ ${#missing[@]} -gt 0 ]]; then
  joined=$(printf '%s, ' "${missing[@]}")
  echo "build-native: skipped (dist/native not built): missing ${joined%, }; install them with scripts/install-tools.sh (as root)"
  exit 0
fi

case $(uname -m) in
  x86_64) arch=x86 ;;
  aarch64) arch=arm64 ;;
  *) echo "build-native: skipped: no BPF target arch known for $(uname -m) (x86_64 and aarch64 are)"; exit 0 ;;
esac
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || cc=clang

mkdir -p "$obj"
for tool in "${tools[@]}"; do
  name=${tool//-/_}_bpf
  clang -g -O2 -Wall -target bpf "-D__TARGET_ARCH_$arch" -I "$src" -c "$src/$tool.bpf.c" -o "$obj/$tool.bpf.o"
  bpftool gen skeleton "$obj/$tool.bpf.o" name "$name" >"$obj/$tool.skel.h.tmp"
  mv "$obj/$tool.skel.h.tmp" "$obj/$tool.skel.h"
  "$cc" -g -O2 -Wall -I "$src" -I "$obj" -o "$out/$tool.tmp" "$src/$tool.c" "$src/tool-common.c" -lbpf -lelf -lz
  mv "$out/$tool.tmp" "$out/$tool"
done
echo "build-native: built ${tools[*]/#/dist/native/}"
