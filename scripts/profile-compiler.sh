#!/usr/bin/env bash
# Regenerates the compiler's optimisation profile, crates/scenebox-compile/pgo/compile.profdata,
# which every build reads through `-C profile-use` (.cargo/config.toml): rustc lays out swc's
# parser, transforms and printer and scenebox's own compile code by how often each branch ran
# while compiling scenes (profile-guided optimisation; README, "Compile speed").
#
# Run it after upgrading swc_core or the Rust toolchain, or after larger changes to
# crates/scenebox-compile: functions whose code changed since the profile was taken are simply
# optimised without it. Needs llvm-profdata of the same LLVM major version as rustc (installed
# from Debian's llvm-N package when missing). Takes about 8 minutes on two cores.
#
# The training scenes are crates/scenebox-compile/pgo/training (24 typical scenes kept for this
# alone), fixtures/hostile, fixtures/regressions and fixtures/invalid — never fixtures/scenes: the
# compile benchmarks measure that corpus, and a profile taken on other scenes shows the gain is
# not fitted to it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="crates/scenebox-compile/pgo/compile.profdata"

llvm_major="$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
profdata="llvm-profdata-$llvm_major"
if ! command -v "$profdata" >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "llvm-$llvm_major" >/dev/null
fi

# Fixed directories (inside target/, ignored by git) keep the instrumented build incremental.
# Build scripts and proc macros are instrumented too and write their own profiles while cargo
# builds; those go to `generated`, and only the training runs' profiles (`training`) are merged.
generated="$root/target/pgo-instrumented/generated"
raw="$root/target/pgo-instrumented/training"
rm -rf "$raw"

# An instrumented build, in its own target directory. `--config` adds profile-generate to
# .cargo/config.toml's rustflags (cargo joins the two lists); the rustc wrapper leaves out
# profile-use, which excludes it.
cargo build --release --bin scenebox --target-dir target/pgo-instrumented \
  --config "target.x86_64-unknown-linux-gnu.rustflags = ['-C', 'profile-generate=$generated']"

bin=target/pgo-instrumented/release/scenebox
export LLVM_PROFILE_FILE="$raw/compile-%p.profraw"
for _ in $(seq 20); do
  # These must compile (a test checks the training scenes): a failure here stops the script.
  for dir in crates/scenebox-compile/pgo/training fixtures/regressions; do
    "$bin" compile "$dir" --out "$raw/artifacts" >/dev/null
  done
  # Invalid and hostile scenes fail to compile on purpose (exit code 1); their error paths are
  # part of the training.
  for dir in fixtures/hostile fixtures/invalid; do
    "$bin" compile "$dir" --out "$raw/artifacts" >/dev/null 2>&1 || true
  done
done

"$profdata" merge --sparse -o "$out" "$raw"/*.profraw
echo "wrote $out ($(wc -c <"$out") bytes) with $profdata; cargo does not track the file: run cargo clean, then build"
