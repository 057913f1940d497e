#!/usr/bin/env bash
# The review-window benchmark (docs/performance.md, "Review window"): 10,000 not-done messages,
# then ten times: the tray's "Review inbox" clicked, the time until the inbox's first row is drawn
# and focused. Runs the real app under Xvfb, a private bus and dunst through tests/e2e/run.sh.
#   scripts/bench-review.sh [path/to/lull-desktop]   (default: target/release/lull-desktop)
# LULL_BENCH_RUNS and LULL_BENCH_MESSAGES change the defaults (10 and 10000); the figures go to
# tests/e2e/artifacts/review-bench.json (the baseline's to review-bench-baseline.json).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/release/lull-desktop}
[ -x "$app" ] || { echo "bench-review: build it first: npm --prefix ui run build && cargo build --release --bin lull-desktop" >&2; exit 1; }
# The floor measured in the same run: the minimal Tauri tray app's window (benches/tray-baseline).
cargo build --release -p lull-tray-baseline >&2
export LULL_BASELINE_APP=${LULL_BASELINE_APP:-${CARGO_TARGET_DIR:-$PWD/target}/release/lull-tray-baseline}
exec tests/e2e/run.sh "$app" tests/e2e/bench/review.bench.mjs
