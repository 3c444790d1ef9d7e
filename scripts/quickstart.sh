#!/usr/bin/env bash
# Live triage on a fresh Debian/Ubuntu box: installs the tracing tools and npm dependencies, then runs bpftriage.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "quickstart: run as root (sudo $0): loading eBPF programs needs it" >&2
  exit 3
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "quickstart: Node.js >= 20.19 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 3
fi
bash scripts/install-tools.sh
if [ ! -f dist/cli/bpftriage.mjs ] || [ package-lock.json -nt dist/cli/bpftriage.mjs ]; then
  npm ci --no-audit --no-fund
elif [ ! -x dist/native/fsslower-tp ] && command -v clang >/dev/null 2>&1; then
  # Built before install-tools.sh brought clang and libbpf-dev: build again, now with the native tracepoint tools.
  npm run build
fi
# The bin itself, so its shebang's Node options apply (src/cli/node-flags.ts).
exec dist/cli/bpftriage.mjs run "$@"
