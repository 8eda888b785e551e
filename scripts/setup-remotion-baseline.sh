#!/usr/bin/env bash
# Installs the optional Remotion baseline (benches/remotion-baseline: Remotion's own renderer in
# headless Chromium, for `scenebox bench` ratios). Idempotent: runs `npm ci` only when
# node_modules is missing or older than package-lock.json. Uses Debian's /usr/bin/chromium (no
# Chrome download); without it (or without node/npm) it prints a note and exits 0.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/benches/remotion-baseline"
chromium="${REMOTION_BASELINE_CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
  echo "note: $chromium not found; skipping the optional Remotion baseline (install Debian's chromium, e.g. scripts/setup-system.sh)." >&2
  exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "note: node/npm not found; skipping the optional Remotion baseline." >&2
  exit 0
fi

cd "$dir"
stamp=node_modules/.package-lock.json
stale() {
  [ -f "$stamp" ] || return 0
  [ package-lock.json -nt "$stamp" ] && return 0
  [ package.json -nt "$stamp" ] && return 0
  # Remotion's compositor (ffmpeg + encoder) is an optional dependency; make sure it is there.
  if [ "$(uname -sm)" = "Linux x86_64" ] && [ ! -d node_modules/@remotion/compositor-linux-x64-gnu ]; then
    return 0
  fi
  return 1
}
if stale; then
  echo "remotion-baseline: npm ci in $dir" >&2
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "remotion-baseline: node_modules up to date" >&2
fi
echo "remotion-baseline: ready ($("$chromium" --version 2>/dev/null | head -n1)); run: node $dir/render.mjs fixtures/scenes/title-card-spring.tsx" >&2
