#!/usr/bin/env bash
# Runs the kill -9 durability test N times (default 10), each with a random kill moment.
#   scripts/crash-loop.sh 50
set -euo pipefail
cd "$(dirname "$0")/.."
LULL_CRASH_ROUNDS=${1:-10} cargo test -p lull-cli --test cli -- --nocapture after_kill_9
