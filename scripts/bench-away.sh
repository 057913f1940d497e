#!/usr/bin/env bash
# Unlock → "while you were away" digest visible on dunst, median and worst of 20 rounds, with the
# real app (release build) on a private bus and display, a stand-in screen locker
# (tests/e2e/screensaver-standin.py), beside dunst's own notify-send → visible in the same run.
#   scripts/bench-away.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
npm --prefix ui run build --silent >&2
cargo build --release --bin lull-desktop >&2
cargo build --release -p lull-cli --bin lull >&2 # the bench writes its data directory's settings with it
out=$(mktemp)
LULL_BENCH_OUT=$out tests/e2e/run.sh "$target_dir/release/lull-desktop" tests/e2e/bench/away.bench.mjs >/dev/null
cat "$out"
rm -f "$out"
