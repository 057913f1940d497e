#!/usr/bin/env bash
# Block end → digest notification visible, median and worst of 20 blocks, with the real app
# (release build) on a private bus and display, once per notification daemon (dunst, xfce, mako,
# swaync and KDE's stand-in; see tests/e2e/daemons.mjs). Prints one line per daemon.
#   scripts/bench-digest.sh [daemon…]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
npm --prefix ui run build --silent >&2
cargo build --release --bin lull-desktop >&2
cargo build --release -p lull-cli --bin lull >&2 # the bench writes its data directory's settings with it
daemons=("$@")
[ ${#daemons[@]} -gt 0 ] || daemons=(dunst xfce mako swaync kde)
for daemon in "${daemons[@]}"; do
  out=$(mktemp)
  chmod 666 "$out" # mako's and swaync's runs write it as uid 65534
  LULL_E2E_DAEMON=$daemon LULL_BENCH_OUT=$out \
    tests/e2e/run.sh "$target_dir/release/lull-desktop" tests/e2e/bench/digest.bench.mjs >/dev/null
  cat "$out"
  rm -f "$out"
done
