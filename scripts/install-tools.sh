#!/usr/bin/env bash
# Installs the tracing tools bpftriage drives (Debian/Ubuntu: libbpf-tools, bpftrace) when they are missing, and
# what `npm run build` needs to compile bpftriage's native tracepoint tools (scripts/build-native.sh: clang for the
# BPF side, libbpf/libelf/zlib headers and libc to link the user side; bpftool also generates their skeletons).
set -euo pipefail

packages=(libbpf-tools bpftrace bpftool clang libbpf-dev libelf-dev zlib1g-dev libc6-dev)

# Tracepoint-based probes and bpftrace read tracefs; a fresh boot may not have it mounted.
mount_tracefs() {
  if [ ! -d /sys/kernel/tracing/events ] && [ "$(id -u)" -eq 0 ]; then
    mount -t tracefs nodev /sys/kernel/tracing && echo "install-tools: mounted tracefs at /sys/kernel/tracing"
  fi
}
trap mount_tracefs EXIT
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-tools: ${packages[*]} already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: need ${missing[*]}, but apt-get is not available: install them with your package manager" >&2
  exit 3
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-tools: need ${missing[*]}: run as root (sudo) to install them" >&2
  exit 3
fi
echo "install-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
