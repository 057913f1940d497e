#!/usr/bin/env bash
# Block end → digest notification visible in dunst, median and worst of 20 blocks, with the real
# app (release build) on a private bus and display. Prints one line.
#   scripts/bench-digest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
npm --prefix ui run build --silent >&2
cargo build --release --bin lull-desktop >&2
cargo build --release -p lull-cli --bin lull >&2 # the bench writes its data directory's settings with it
out=$(mktemp)
LULL_BENCH_OUT=$out tests/e2e/run.sh "$target_dir/release/lull-desktop" tests/e2e/bench/digest.bench.mjs >/dev/null
cat "$out"
