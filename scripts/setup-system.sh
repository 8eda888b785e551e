#!/usr/bin/env bash
# Installs the system packages scenebox's tests and tools use, where missing (Debian).
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v ld.lld >/dev/null 2>&1 || need+=(lld)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
